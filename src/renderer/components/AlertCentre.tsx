/** The bell in the header and the alert centre it opens: newest first, unread marked. */
import { useEffect, useRef, useState } from 'react';
import { localDateTime } from '../format';
import { useAlerts } from '../hooks/useAlerts';

const KIND_LABEL: Record<string, string> = {
  'budget-threshold': 'Budget',
  'forecast-over-budget': 'Forecast',
  'daily-budget': 'Daily budget',
  spike: 'Spike',
  'sync-failing': 'Sync',
  'card-expiry': 'Card',
  'low-balance': 'Balance',
  'credit-expiring': 'Credit',
  'billing-discrepancy': 'Invoice',
};

export function AlertCentre() {
  const { alerts, unread, markAllRead } = useAlerts();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="alert-centre">
      <button type="button" aria-expanded={open} aria-controls="alert-panel" onClick={() => setOpen((v) => !v)} aria-label={`Alerts, ${unread} unread`}>
        Alerts{unread > 0 && <span className="badge badge-count">{unread}</span>}
      </button>
      {open && (
        <div id="alert-panel" className="alert-panel" role="dialog" aria-label="Alert centre" tabIndex={-1} ref={panel}>
          <div className="alert-panel-head">
            <h2>Alerts</h2>
            <button type="button" onClick={markAllRead} disabled={unread === 0}>
              Mark all read
            </button>
          </div>
          {alerts.length === 0 ? (
            <p className="muted">No alerts yet. Set a budget to be warned before it runs out.</p>
          ) : (
            <ul className="alert-list">
              {alerts.map((a) => (
                <li key={a.id} className={`alert-item severity-${a.severity}${a.read ? '' : ' unread'}`}>
                  <div className="alert-meta">
                    <span className="badge">{KIND_LABEL[a.kind] ?? a.kind}</span>
                    {!a.read && <span className="visually-hidden">Unread.</span>}
                    <time dateTime={a.raisedAt} className="muted">
                      {localDateTime(a.raisedAt)}
                    </time>
                    {a.estimate && <span className="muted">estimate</span>}
                    {a.silenced && <span className="muted">silenced</span>}
                  </div>
                  <strong>{a.title}</strong>
                  <p>{a.message}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
