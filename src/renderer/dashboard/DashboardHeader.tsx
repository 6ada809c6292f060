import { ALL_ACCOUNTS } from '../../shared/constants';
import type { DashboardView } from '../../shared/domain';
import { SettingsLink } from '../lib/ui/links';
import { AlertCentre } from '../alerts/AlertCentre';
import { localDateTime, relativeTime } from '../lib/format';
import { shownAccounts } from './sync-state';

/**
 * "Last updated" says which account: the selected one, or on All accounts the one updated longest ago (the
 * figures are only as fresh as their oldest part). The demo keeps the view's own time.
 */
function lastUpdated(view: DashboardView, accountId: string) {
  const each = shownAccounts(view, accountId)
    .filter((a) => a.lastSyncedAt !== null)
    .map((a) => ({ name: a.name, at: a.lastSyncedAt! }));
  if (each.length === 0) return null;
  const oldest = each.reduce((o, a) => (Date.parse(a.at) < Date.parse(o.at) ? a : o));
  return { ...oldest, each };
}

// The exact time is put in the tooltip on hover, not at render: the first date-and-time format of a page costs
// ICU about 50 ms on a slow machine, which would otherwise sit in front of the first figures.
export function DashboardHeader(props: {
  view: DashboardView | null;
  accountId: string;
  onAccountChange: (id: string) => void;
  onSync?: () => void;
  syncing: boolean;
}) {
  const { view } = props;
  const updated = view ? lastUpdated(view, props.accountId) : null;
  const lastSynced = updated?.at ?? null;
  return (
    <header className="topbar">
      <div className="brand">
        <img src="./icon.svg" alt="" width={28} height={28} />
        <h1>Spendwatch</h1>
        {view?.isDemo && (
          <span
            className="badge badge-demo"
            title="No account is configured yet: these figures are a built-in demo organisation."
          >
            Demo data
          </span>
        )}
      </div>
      <div className="topbar-actions">
        {view && view.accounts.length > 1 && (
          <label className="inline-select">
            Account{' '}
            <select value={props.accountId} onChange={(e) => props.onAccountChange(e.target.value)}>
              <option value={ALL_ACCOUNTS}>All accounts</option>
              {view.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {view && (
          <span
            className="muted"
            data-testid="last-updated"
            onPointerEnter={
              updated
                ? (e) =>
                    (e.currentTarget.title = updated.each.map((a) => `${a.name}: ${localDateTime(a.at)}`).join('\n'))
                : undefined
            }
          >
            {updated && lastSynced
              ? updated.each.length > 1
                ? `Oldest update: ${updated.name}, ${relativeTime(lastSynced)}`
                : `${updated.name} updated ${relativeTime(lastSynced)}`
              : view.accounts.some((a) => a.syncing)
                ? 'First sync in progress'
                : 'Not synced yet'}
          </span>
        )}
        {props.onSync && (
          <button type="button" onClick={props.onSync} disabled={props.syncing}>
            {props.syncing ? 'Syncing…' : 'Sync now'}
          </button>
        )}
        <AlertCentre />
        <SettingsLink>Settings</SettingsLink>
      </div>
    </header>
  );
}
