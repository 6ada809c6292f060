import type { AccountSummary, DashboardView, ErrorCode, SyncProgress } from '../../shared/domain';
import { OPENAI_ADMIN_KEYS_URL, OPENAI_BILLING_URL } from '../../shared/links';
import { ExternalLink, LinkedText, openAppWindow, SettingsLink } from '../lib/ui/links';
import { notSyncedYet, shownAccounts } from './sync-state';

/** What the user can do about an error, where it appears: a Settings section to fix it in, and OpenAI's page for it. */
const FIXES: Partial<
  Record<ErrorCode, { section: string; label: string; external?: { href: string; label: string } }>
> = {
  invalid_key: {
    section: 'accounts',
    label: 'Fix in Settings',
    external: { href: OPENAI_ADMIN_KEYS_URL, label: 'Create a new admin key' },
  },
  wrong_key_type: {
    section: 'accounts',
    label: 'Fix in Settings',
    external: { href: OPENAI_ADMIN_KEYS_URL, label: 'Create an admin key' },
  },
  missing_scope: {
    section: 'accounts',
    label: 'Fix in Settings',
    external: { href: OPENAI_ADMIN_KEYS_URL, label: 'Check the key’s permissions' },
  },
  not_found: { section: 'accounts', label: 'Fix in Settings' },
  bad_request: { section: 'accounts', label: 'Fix in Settings' },
  keychain_unavailable: { section: 'troubleshooting', label: 'Fix in Settings' },
  insufficient_quota: {
    section: 'payment-guide',
    label: 'Update your payment method',
    external: { href: OPENAI_BILLING_URL, label: 'Open OpenAI billing' },
  },
};

function ErrorBanner({ account, onRetry }: { account: AccountSummary; onRetry: () => void }) {
  const error = account.lastError!;
  const fix = FIXES[error.code];
  return (
    <div className="banner banner-error" role="alert">
      <span>
        <strong>{account.name}:</strong> <LinkedText text={error.message} />
      </span>
      <span className="banner-actions">
        {fix && <SettingsLink section={fix.section}>{fix.label}</SettingsLink>}
        {fix?.external && <ExternalLink href={fix.external.href}>{fix.external.label}</ExternalLink>}
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      </span>
    </div>
  );
}

/** Stale, error, first-sync and backfill-progress states for the selected accounts. */
export function StatusBanner(props: {
  view: DashboardView;
  accountId: string;
  progress: SyncProgress | null;
  onRetry: () => void;
}) {
  const { view, progress } = props;
  const shown = shownAccounts(view, props.accountId);
  const failing = shown.filter((a) => a.lastError);
  const waiting = notSyncedYet(view, props.accountId).filter((a) => !a.lastError);
  const progressName = progress ? (view.accounts.find((a) => a.id === progress.accountId)?.name ?? 'An account') : '';
  return (
    <>
      {progress && (
        <div className="banner" role="status">
          <span>
            {progressName}:{' '}
            {progress.phase === 'backfill' ? 'fetching 12 months of history' : 'fetching the latest days'} —{' '}
            {progress.doneDays} of {progress.totalDays} days
          </span>
          <progress
            max={progress.totalDays}
            value={progress.doneDays}
            aria-label={`Sync progress for ${progressName}`}
          />
        </div>
      )}
      {waiting
        .filter((a) => a.id !== progress?.accountId)
        .map((a) => (
          <div key={`waiting-${a.id}`} className="banner" role="status">
            <strong>{a.name}</strong> has not synced yet
            {a.syncing
              ? ': the first sync is fetching 12 months of history.'
              : '. Its figures appear after the first sync.'}
          </div>
        ))}
      {failing.map((a) => (
        <ErrorBanner key={a.id} account={a} onRetry={props.onRetry} />
      ))}
      {shown
        .filter((a) => a.warning && !a.lastError)
        .map((a) => (
          <div key={`warning-${a.id}`} className="banner banner-warning" role="status">
            <span>
              <strong>{a.name}:</strong> <LinkedText text={a.warning ?? ''} />
            </span>
          </div>
        ))}
      {(view.stateNotices ?? []).map((n) => (
        <div key={`${n.at}-${n.message}`} className="banner banner-warning" role="alert">
          <span className="badge badge-problem">Local data</span> {n.message}
        </div>
      ))}
      {view.paymentNotices.map((n) => (
        <div
          key={n.methodId}
          className={`banner ${n.severity === 'critical' ? 'banner-error' : 'banner-warning'}`}
          role="status"
        >
          <span>
            <span className="badge badge-problem">Payment</span> {n.message}
          </span>
          <span className="banner-actions">
            <button type="button" onClick={() => openAppWindow('settings', 'payment-guide')}>
              Update your payment method
            </button>
          </span>
        </div>
      ))}
      {shown.some((a) => a.stale && !a.lastError && a.lastSyncedAt !== null) && (
        <div className="banner banner-warning" role="status">
          Some figures may be out of date: the last successful sync was over an hour ago.
        </div>
      )}
    </>
  );
}
