/**
 * One POST of one delivery, no retries of its own (the outbox retries, across restarts). Redirects are not
 * followed (a webhook that moved must be updated, not chased to wherever it points) and the answer is not read.
 */
import { USER_AGENT } from '../../../shared/app-info';
import type { Clock } from '../ports';
import { loadUndici } from '../providers/http/json-http-client';
import { parseRetryAfter } from '../providers/http/retry-policy';
import type { PostOutcome } from './outbox';

export type WebhookPost = (
  url: string,
  body: string,
  deliveryId: string,
) => Promise<PostOutcome & { status: number | null }>;

const WEBHOOK_TIMEOUT_MS = 10_000;

export function undiciWebhookPost(clock: Clock, timeoutMs = WEBHOOK_TIMEOUT_MS): WebhookPost {
  return async (url, body, deliveryId) => {
    const { request } = await loadUndici();
    try {
      const res = await request(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, 'idempotency-key': deliveryId },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      const status = res.statusCode;
      if (status >= 200 && status < 300) return { ok: true, status };
      // 408 and 429 and 5xx may pass; another 4xx (a revoked Slack URL answers 403/404) will not, however often tried.
      const retry = status >= 500 || status === 408 || status === 429;
      return {
        ok: false,
        retry,
        status,
        error: `the receiver answered HTTP ${status}`,
        retryAfterMs: parseRetryAfter(res.headers['retry-after'], clock.now().getTime()),
      };
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
      const code = e.code ?? e.cause?.code ?? e.name;
      const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(String(code));
      return {
        ok: false,
        retry: true,
        status: null,
        error: timedOut
          ? `no answer within ${Math.round(timeoutMs / 1000)} s`
          : `could not reach the receiver (${code})`,
      };
    }
  };
}
