/** The bell in the header and the alert centre it opens: newest first, unread marked. */
import { useEffect, useRef, useState } from 'react';
import { alertKindInfo } from '../../shared/alert-kinds';
import { localDateTime } from '../lib/format';
import { useAlerts } from './useAlerts';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function AlertCentre() {
  const { alerts, unread, markAllRead } = useAlerts();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);

  // While open: focus moves into the panel and stays there (Tab wraps); Escape or a click outside closes it
  // and gives focus back to the Alerts button, never to <body>.
  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const close = () => {
      setOpen(false);
      opener.current?.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
        return;
      }
      if (e.key !== 'Tab' || !panel.current) return;
      const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (items.length === 0) {
        e.preventDefault();
        panel.current.focus();
        return;
      }
      const [first, last] = [items[0], items[items.length - 1]];
      const active = document.activeElement;
      if (e.shiftKey && (active === first || active === panel.current)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first.focus();
      } else if (!panel.current.contains(active)) {
        e.preventDefault();
        first.focus();
      }
    };
    // A click outside closes the panel; focus goes where the click put it, or back to the Alerts button when
    // the click landed on nothing focusable (never left on <body>).
    const onPointer = (e: MouseEvent) => {
      if (!root.current || root.current.contains(e.target as Node)) return;
      setOpen(false);
      if (
        !document.activeElement ||
        document.activeElement === document.body ||
        panel.current?.contains(document.activeElement)
      )
        opener.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('click', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onPointer);
    };
  }, [open]);

  return (
    <div className="alert-centre" ref={root}>
      <button
        type="button"
        ref={opener}
        aria-expanded={open}
        aria-controls="alert-panel"
        onClick={() => setOpen((v) => !v)}
        aria-label={`Alerts, ${unread} unread`}
      >
        Alerts
        {unread > 0 && (
          <>
            {' '}
            <span className="badge badge-count">{unread}</span>
          </>
        )}
      </button>
      {open && (
        <div
          id="alert-panel"
          className="alert-panel"
          role="dialog"
          aria-modal="true"
          aria-labelledby="alert-panel-title"
          tabIndex={-1}
          ref={panel}
        >
          <div className="alert-panel-head">
            <h2 id="alert-panel-title">Alert centre</h2>
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
                    <span className="badge">{alertKindInfo(a.kind)?.badge ?? a.kind}</span>
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
