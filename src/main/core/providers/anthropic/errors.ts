/** Anthropic's error answers ({"type":"error","error":{"type","message"}}), turned into codes a user can act on. */
import { ANTHROPIC_ADMIN_KEYS_URL } from '../../../../shared/links';
import { AppError } from '../../errors';
import type { HttpErrorBody } from '../http/json-http-client';

export function classifyAnthropicError(error: HttpErrorBody): AppError {
  const detail = error.message ? ` Anthropic said: "${error.message}"` : '';
  if (error.status === 401) {
    return new AppError(
      'invalid_key',
      `Anthropic rejected the admin key: it is invalid or has been revoked. Create a new Admin API key at ${ANTHROPIC_ADMIN_KEYS_URL} and replace this account's key.${detail}`,
    );
  }
  if (error.status === 403) {
    return new AppError(
      'missing_scope',
      `The key lacks a permission this request needs. Spendwatch needs an Anthropic Admin API key (sk-ant-admin…) of an organization; ordinary API keys cannot read cost data.${detail}`,
    );
  }
  if (error.status === 429)
    return new AppError(
      'rate_limited',
      `Anthropic is rate-limiting requests. Spendwatch will retry later on its own.${detail}`,
    );
  // 529 is Anthropic's "overloaded": temporary, like a 5xx.
  if (error.status >= 500)
    return new AppError(
      'server_error',
      `Anthropic's API had a server error or is overloaded (HTTP ${error.status}). Spendwatch will retry.${detail}`,
    );
  if (error.status === 404)
    return new AppError(
      'not_found',
      `The API answered 404 Not Found. Check the account's base URL (normally https://api.anthropic.com/v1).${detail}`,
    );
  return new AppError('bad_request', `Anthropic refused the request (HTTP ${error.status}).${detail}`);
}
