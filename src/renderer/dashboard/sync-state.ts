/** Which accounts a dashboard view shows, and whether they have data yet (never "Last updated never" + $0.00). */
import { ALL_ACCOUNTS } from '../../shared/constants';
import type { AccountSummary, DashboardView } from '../../shared/domain';

export const shownAccounts = (view: DashboardView, accountId: string): AccountSummary[] =>
  view.accounts.filter((a) => accountId === ALL_ACCOUNTS || a.id === accountId);

/** Real accounts that have never completed a sync: their figures are not $0.00, they are not known yet. */
export const notSyncedYet = (view: DashboardView, accountId: string): AccountSummary[] =>
  shownAccounts(view, accountId).filter((a) => !a.isDemo && a.lastSyncedAt === null);

/** Every shown account is still waiting for its first sync: the figures would all be empty. */
export function awaitingFirstSync(view: DashboardView, accountId: string): boolean {
  const shown = shownAccounts(view, accountId);
  return shown.length > 0 && notSyncedYet(view, accountId).length === shown.length;
}
