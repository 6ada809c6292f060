/**
 * The one banner area above the key figures: every state worth saying (a failed sync, damaged local data, a card
 * expiring, figures out of date, the first sync) becomes a notice, and only the most important one is shown as a
 * banner; the others are counted in it and listed behind a disclosure, never stacked three deep above the figures.
 */
import type { ReactNode } from 'react';
import type { AccountSummary, DashboardView, ErrorCode, SyncProgress } from '../../shared/domain';
import { OPENAI_ADMIN_KEYS_URL, OPENAI_BILLING_URL } from '../../shared/links';
import { relativeTime } from '../lib/format';
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

/** One thing to say. Lower `rank` is more important: it is the one shown as the banner. */
interface Notice {
  key: string;
  rank: number;
  tone: 'error' | 'warning' | 'info';
  /** An error interrupts a screen reader (alert); the rest wait their turn (status). */
  live: 'alert' | 'status';
  label?: string;
  content: ReactNode;
  actions?: ReactNode;
}

// The order of importance: what stops the figures being right first, what is merely under way last.
const RANK = {
  syncError: 0,
  localData: 1,
  paymentCritical: 2,
  stale: 3,
  paymentWarning: 4,
  partial: 5,
  progress: 6,
  waiting: 7,
} as const;

function errorNotice(account: AccountSummary, onRetry: () => void): Notice {
  const error = account.lastError!;
  const fix = FIXES[error.code];
  return {
    key: `error-${account.id}`,
    rank: RANK.syncError,
    tone: 'error',
    live: 'alert',
    content: (
      <span className="banner-text">
        <strong>{account.name}:</strong> <LinkedText text={error.message} />
        {error.detail && (
          // The raw cause (host, system code) is for support and the curious, not the sentence.
          <details className="banner-detail">
            <summary>Technical details</summary>
            <code>{error.detail}</code>
          </details>
        )}
      </span>
    ),
    actions: (
      <>
        {fix && <SettingsLink section={fix.section}>{fix.label}</SettingsLink>}
        {fix?.external && <ExternalLink href={fix.external.href}>{fix.external.label}</ExternalLink>}
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      </>
    ),
  };
}

/** Every notice for the selected accounts, most important first. */
function dashboardNotices(
  view: DashboardView,
  accountId: string,
  progress: SyncProgress | null,
  onRetry: () => void,
): Notice[] {
  const shown = shownAccounts(view, accountId);
  const notices: Notice[] = [];
  for (const a of shown) if (a.lastError) notices.push(errorNotice(a, onRetry));
  for (const n of view.stateNotices ?? [])
    notices.push({
      key: `local-${n.at}-${n.message}`,
      rank: RANK.localData,
      tone: 'warning',
      live: 'alert',
      label: 'Local data',
      content: n.message,
    });
  for (const n of view.paymentNotices)
    notices.push({
      key: `payment-${n.methodId}`,
      rank: n.severity === 'critical' ? RANK.paymentCritical : RANK.paymentWarning,
      tone: n.severity === 'critical' ? 'error' : 'warning',
      live: 'status',
      label: 'Payment',
      content: n.message,
      actions: (
        <button type="button" onClick={() => openAppWindow('settings', 'payment-guide')}>
          Update your payment method
        </button>
      ),
    });
  for (const a of shown.filter((s) => s.stale && !s.lastError && s.lastSyncedAt !== null))
    notices.push({
      key: `stale-${a.id}`,
      rank: RANK.stale,
      tone: 'warning',
      live: 'status',
      content: (
        <span>
          <strong>{a.name}</strong> last synced {relativeTime(a.lastSyncedAt)}: its figures may be out of date.
        </span>
      ),
      actions: (
        <button type="button" onClick={onRetry}>
          Sync now
        </button>
      ),
    });
  for (const a of shown.filter((s) => s.warning && !s.lastError))
    notices.push({
      key: `warning-${a.id}`,
      rank: RANK.partial,
      tone: 'warning',
      live: 'status',
      content: (
        <span>
          <strong>{a.name}:</strong> <LinkedText text={a.warning ?? ''} />
        </span>
      ),
    });
  if (progress) {
    const name = view.accounts.find((a) => a.id === progress.accountId)?.name ?? 'An account';
    notices.push({
      key: 'progress',
      rank: RANK.progress,
      tone: 'info',
      live: 'status',
      content: (
        <>
          <span>
            {name}: {progress.phase === 'backfill' ? 'fetching 12 months of history' : 'fetching the latest days'} —{' '}
            {progress.doneDays} of {progress.totalDays} days
          </span>
          <progress max={progress.totalDays} value={progress.doneDays} aria-label={`Sync progress for ${name}`} />
        </>
      ),
    });
  }
  for (const a of notSyncedYet(view, accountId).filter((s) => !s.lastError && s.id !== progress?.accountId))
    notices.push({
      key: `waiting-${a.id}`,
      rank: RANK.waiting,
      tone: 'info',
      live: 'status',
      content: (
        <span>
          <strong>{a.name}</strong> has not synced yet
          {a.syncing
            ? ': the first sync is fetching 12 months of history.'
            : '. Its figures appear after the first sync.'}
        </span>
      ),
    });
  // Stable: notices of one rank keep the accounts' order.
  return notices.sort((x, y) => x.rank - y.rank);
}

const toneClass = { error: 'banner-error', warning: 'banner-warning', info: '' } as const;

function NoticeBody({ notice }: { notice: Notice }) {
  return (
    <>
      <span className="banner-text">
        {notice.label && (
          <>
            <span className="badge badge-problem">{notice.label}</span>{' '}
          </>
        )}
        {notice.content}
      </span>
      {notice.actions && <span className="banner-actions">{notice.actions}</span>}
    </>
  );
}

/** The banner area: the most important notice, and the count and list of the others inside it. */
export function StatusBanner(props: {
  view: DashboardView;
  accountId: string;
  progress: SyncProgress | null;
  onRetry: () => void;
}) {
  const notices = dashboardNotices(props.view, props.accountId, props.progress, props.onRetry);
  if (notices.length === 0) return null;
  const [first, ...rest] = notices;
  return (
    <div className="banner-area" data-testid="banner-area">
      <div className={`banner ${toneClass[first.tone]}`} role={first.live}>
        <NoticeBody notice={first} />
        {rest.length > 0 && (
          <details className="banner-more">
            <summary>
              {rest.length} more {rest.length === 1 ? 'notice' : 'notices'}
            </summary>
            <ul>
              {rest.map((n) => (
                <li key={n.key} className={`banner-more-item banner-more-${n.tone}`}>
                  <NoticeBody notice={n} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}
