/**
 * Ages and "is it due again" when the clock can jump. A machine clock that ran ahead and was corrected (a VM that
 * booted 40 days fast) leaves timestamps in the future; one set back leaves them far in the past. Either way a
 * recorded time is a hint, never a reason to wait: a time in the future is due now and counts as stale.
 */

/** Whether something last done at `iso` should run again: never done, done "in the future", or `intervalMs` ago. */
export function isDue(iso: string | null | undefined, nowMs: number, intervalMs: number): boolean {
  if (!iso) return true;
  const at = Date.parse(iso);
  if (!Number.isFinite(at) || at > nowMs) return true;
  return nowMs - at >= intervalMs;
}

/**
 * Timer delays Node can keep: setTimeout turns anything over 2³¹−1 ms into 1 ms (and warns), so a far deadline
 * spins instead of sleeping. Long waits are cut to an hour and re-evaluated, which also notices clock jumps.
 */
const MAX_TIMER_DELAY_MS = 3_600_000;
export const timerDelay = (ms: number): number =>
  Number.isFinite(ms) ? Math.min(MAX_TIMER_DELAY_MS, Math.max(0, Math.round(ms))) : MAX_TIMER_DELAY_MS;
