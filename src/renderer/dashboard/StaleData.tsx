/**
 * Figures older than they look: after a failed sync (or when the last success is old) the key figures and the
 * charts say "as of <time>" and are muted — with words, a badge and dashed borders, not colour alone — so a
 * finance lead never reads yesterday's month to date as today's.
 */
import { cachedDateFormat, dayFromMs, formatDay } from '../../shared/dates';
import type { DashboardView } from '../../shared/domain';
import { shownAccounts } from './sync-state';

interface StaleFigures {
  /** The oldest last success among the out-of-date accounts: what the figures are at least as old as. */
  at: string;
  failed: string[];
  old: string[];
  /** Other shown accounts are up to date: the totals are only partly old, and the line says whose part. */
  partly: boolean;
}

/** The shown accounts whose figures are out of date (never the demo, never an account with no figures yet). */
function staleFigures(view: DashboardView, accountId: string): StaleFigures | null {
  const stale = shownAccounts(view, accountId).filter((a) => !a.isDemo && a.stale && a.lastSyncedAt !== null);
  if (stale.length === 0) return null;
  const fresh = shownAccounts(view, accountId).filter((a) => !a.isDemo && !a.stale && a.lastSyncedAt !== null);
  const at = stale.map((a) => a.lastSyncedAt!).reduce((oldest, t) => (Date.parse(t) < Date.parse(oldest) ? t : oldest));
  return {
    at,
    failed: stale.filter((a) => a.lastError).map((a) => a.name),
    old: stale.filter((a) => !a.lastError).map((a) => a.name),
    partly: fresh.length > 0,
  };
}

const names = (list: string[]) =>
  list.length <= 2 ? list.join(' and ') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;

/** The time in the user's locale; with the date too unless it is the same local day as the view. */
function shortTime(iso: string, now: string): string {
  const sameDay = new Date(iso).toDateString() === new Date(now).toDateString();
  return cachedDateFormat(
    undefined,
    sameDay ? { timeStyle: 'short' } : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  ).format(new Date(iso));
}

/**
 * The "as of" line, placed just above the key figures. Everything after it on the page (figures, charts, tables)
 * is muted by `.as-of ~ …` in styles.css, so the sections need no prop of their own to know they are old.
 */
export function StaleData({ view, accountId }: { view: DashboardView; accountId: string }) {
  const stale = staleFigures(view, accountId);
  if (!stale) return null;
  const reasons = [
    stale.failed.length ? `the last sync of ${names(stale.failed)} failed` : '',
    stale.old.length ? `${names(stale.old)} ${stale.old.length === 1 ? 'has' : 'have'} not synced since` : '',
  ].filter(Boolean);
  // The key figures are UTC days: when the last success was on an earlier UTC day, "Today" is not today's.
  const syncedDay = dayFromMs(Date.parse(stale.at));
  const utcNote = syncedDay < view.today ? ` (UTC day ${formatDay(syncedDay)}: nothing since is counted)` : '';
  return (
    <p className="as-of" data-testid="as-of">
      <span className="badge badge-stale">Out of date</span>{' '}
      <span>
        Figures as of {shortTime(stale.at, view.generatedAt)} your time
        {utcNote}: {reasons.join(', and ')}.
        {stale.partly && ' The other accounts are up to date; the totals include both.'}
      </span>
    </p>
  );
}
