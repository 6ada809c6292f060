import type { DashboardView, SyncProgress } from '../../shared/domain';
import { openAppWindow } from '../components/links';

/** The guide lives in Settings. */
const openPaymentGuide = () => openAppWindow('settings', 'payment-guide');

/** Stale, error and backfill-progress states for the selected accounts. */
export function StatusBanner(props: { view: DashboardView; accountId: string; progress: SyncProgress | null; onRetry: () => void }) {
  const { view, progress } = props;
  const shown = view.accounts.filter((a) => props.accountId === 'all' || a.id === props.accountId);
  const failing = shown.filter((a) => a.lastError);
  return (
    <>
      {progress && (
        <div className="banner" role="status">
          Fetching history ({progress.phase}): {progress.doneDays} of {progress.totalDays} days
          <progress max={progress.totalDays} value={progress.doneDays} aria-label="Sync progress" />
        </div>
      )}
      {failing.map((a) => (
        <div key={a.id} className="banner banner-error" role="alert">
          <strong>{a.name}:</strong> {a.lastError?.message}{' '}
          <button type="button" onClick={props.onRetry}>
            Retry
          </button>
        </div>
      ))}
      {shown
        .filter((a) => a.warning && !a.lastError)
        .map((a) => (
          <div key={`warning-${a.id}`} className="banner banner-warning" role="status">
            <strong>{a.name}:</strong> {a.warning}
          </div>
        ))}
      {(view.stateNotices ?? []).map((n) => (
        <div key={`${n.at}-${n.message}`} className="banner banner-warning" role="alert">
          <span className="badge badge-problem">Local data</span> {n.message}
        </div>
      ))}
      {view.paymentNotices.map((n) => (
        <div key={n.methodId} className={`banner ${n.severity === 'critical' ? 'banner-error' : 'banner-warning'}`} role="status">
          <span className="badge badge-problem">Payment</span> {n.message}{' '}
          <button type="button" onClick={openPaymentGuide}>
            Update your payment method
          </button>
        </div>
      ))}
      {shown.some((a) => a.stale && !a.lastError) && (
        <div className="banner banner-warning" role="status">
          Some figures may be out of date: the last successful sync was a while ago.
        </div>
      )}
    </>
  );
}
