import type { RetryPolicy } from '../../src/main/core/providers/http/retry-policy';

/** Real retry logic with short waits; the waits asked for are recorded so tests can check them. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 120_000 };

export function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    await new Promise((r) => setTimeout(r, Math.min(ms, 5)));
  };
  return { waits, sleep };
}
