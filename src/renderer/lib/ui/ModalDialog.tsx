/**
 * A small modal card (the browser's own <dialog>, shown with showModal): focus moves in on open — to the
 * element marked data-autofocus, or the first control —, Tab and Shift+Tab wrap inside it, Escape or a click
 * on the backdrop cancels, and on close focus goes back to what opened it (never to <body>). The page behind
 * is inert while it is open.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function ModalDialog(props: {
  title: string;
  /** Read out with the title when the dialog opens (role alertdialog for confirmations). */
  describedBy?: string;
  role?: 'dialog' | 'alertdialog';
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  const { onClose } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  // The latest onClose, for listeners added once on open.
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // The opener, captured before focus moves: where focus returns on close.
    const opener =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body
        ? document.activeElement
        : null;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', ''); // jsdom has no showModal
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? dialog).focus();

    const onCancel = (e: Event) => {
      e.preventDefault(); // the close (and the focus return) is ours, for Escape as for Cancel
      closeRef.current();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (items.length === 0) return e.preventDefault();
      const [firstItem, lastItem] = [items[0], items[items.length - 1]];
      const active = document.activeElement;
      if (e.shiftKey && (active === firstItem || !dialog.contains(active))) {
        e.preventDefault();
        lastItem.focus();
      } else if (!e.shiftKey && (active === lastItem || !dialog.contains(active))) {
        e.preventDefault();
        firstItem.focus();
      }
    };
    // A click on the backdrop lands on the <dialog> itself (its content is inside a child element).
    const onClick = (e: MouseEvent) => e.target === dialog && closeRef.current();
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('keydown', onKey);
    dialog.addEventListener('click', onClick);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('keydown', onKey);
      dialog.removeEventListener('click', onClick);
      // Focus goes back to the opener only if it is still ours to move (in the dialog, or lost to <body>): what
      // closed the dialog may already have put it somewhere on purpose (a removed row's section heading).
      const active = document.activeElement;
      const ours = !active || active === document.body || dialog.contains(active);
      if (dialog.open) dialog.close();
      if (!ours && active instanceof HTMLElement && active.isConnected) active.focus();
      // The opener may have been re-rendered away (a removed row): then whoever removed it places focus.
      else if (ours && opener?.isConnected) opener.focus();
    };
  }, []);

  // Rendered at the end of <body>: opened from a table row, it must not inherit the cell's bold text or sit inside
  // the row's name.
  return createPortal(
    <dialog
      ref={ref}
      className={`modal-card ${props.className ?? ''}`}
      role={props.role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={props.describedBy}
    >
      <div className="modal-card-body">
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </dialog>,
    document.body,
  );
}

/** "Are you sure?" as a modal card: the consequence in words, a named confirm button and Cancel (focused first). */
export function ConfirmDialog(props: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const messageId = useId();
  return (
    <ModalDialog title={props.title} role="alertdialog" describedBy={messageId} onClose={props.onCancel}>
      <p id={messageId}>{props.message}</p>
      {props.error && (
        <p role="alert" className="field-error">
          {props.error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className={props.danger ? 'button-danger' : 'button-primary'}
          onClick={props.onConfirm}
          disabled={props.busy}
        >
          {props.busy ? 'Working…' : props.confirmLabel}
        </button>
        <button type="button" onClick={props.onCancel} data-autofocus>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
