/** OpenAI's error answers, turned into codes and messages a user can act on. */
import { OPENAI_ADMIN_KEYS_URL } from '../../../../shared/links';
import { AppError } from '../../errors';
import type { HttpErrorBody } from '../http/json-http-client';

export function classifyOpenAiError(error: HttpErrorBody): AppError {
  const detail = error.message ? ` OpenAI said: "${error.message}"` : '';
  if (error.status === 401) {
    return new AppError(
      'invalid_key',
      `OpenAI rejected the admin key: it is invalid or has been revoked. Create a new admin key at ${OPENAI_ADMIN_KEYS_URL} and update this account.${detail}`,
    );
  }
  if (error.status === 403) {
    return new AppError(
      'missing_scope',
      `The key lacks a permission this request needs. Spendwatch needs an organization admin key (sk-admin-…) with read access to usage (api.usage.read); project and service-account keys cannot read billing data.${detail}`,
    );
  }
  if (
    error.status === 429 &&
    (error.type === 'insufficient_quota' || /quota|spend_limit|credit_balance/.test(error.code ?? ''))
  ) {
    return new AppError(
      'insufficient_quota',
      `OpenAI reports a billing problem (${error.code ?? error.type}): credit exhausted or a spend limit reached. Check your balance and payment method on OpenAI's billing page.${detail}`,
    );
  }
  if (error.status === 429) {
    return new AppError(
      'rate_limited',
      `OpenAI is rate-limiting requests. Spendwatch will retry later on its own.${detail}`,
    );
  }
  if (error.status >= 500) {
    return new AppError(
      'server_error',
      `OpenAI's API had a server error (HTTP ${error.status}). This is usually temporary; Spendwatch will retry.${detail}`,
    );
  }
  if (error.status === 404) {
    return new AppError(
      'not_found',
      `The API answered 404 Not Found. Check the account's base URL (normally https://api.openai.com/v1).${detail}`,
    );
  }
  return new AppError('bad_request', `OpenAI refused the request (HTTP ${error.status}).${detail}`);
}
