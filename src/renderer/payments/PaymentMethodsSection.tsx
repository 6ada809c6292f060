/**
 * Settings › Payment methods: the user's own record of how they pay OpenAI. The card number goes to the
 * keychain and is never shown again (brand and last four only); the security code is never asked for.
 */
import { useRef, useState } from 'react';
import { daysUntilExpiry, expiresSoon, maskedCard } from '../../shared/cards';
import type { AccountInfo } from '../../shared/domain';
import { PAYMENT_TYPE_NAMES, type PaymentMethod } from '../../shared/payments';
import { call } from '../lib/bridge';
import { afterRender } from '../lib/hooks/focus';
import { PaymentMethodForm } from './PaymentMethodForm';

export function PaymentMethodsSection({
  methods,
  accounts,
  localToday,
  onGuide,
}: {
  methods: PaymentMethod[];
  accounts: AccountInfo[];
  localToday: string;
  onGuide: () => void;
}) {
  const [editing, setEditing] = useState<PaymentMethod | 'new' | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  // Closing the form (saved, cancelled, Escape) puts focus back on the button that opens it, never <body>.
  const closeForm = () => {
    setEditing(null);
    afterRender(() => addRef.current?.focus());
  };
  return (
    <section className="panel" id="payment-methods" aria-labelledby="payments-title">
      <h2 id="payments-title" tabIndex={-1}>
        Payment methods
      </h2>
      <p className="muted">
        OpenAI has no API for payment methods: this is your own record, so Spendwatch can warn you before a card expires
        and guide the update on OpenAI’s billing page.
      </p>
      {methods.length === 0 ? (
        <p className="muted">No payment methods recorded.</p>
      ) : (
        <ul className="method-list" aria-label="Recorded payment methods">
          {methods.map((m) => (
            <MethodRow
              key={m.id}
              method={m}
              accounts={accounts}
              localToday={localToday}
              onEdit={() => setEditing(m)}
              onGuide={onGuide}
            />
          ))}
        </ul>
      )}
      {editing ? (
        <PaymentMethodForm
          localToday={localToday}
          key={editing === 'new' ? 'new' : editing.id}
          method={editing === 'new' ? null : editing}
          accounts={accounts}
          onDone={closeForm}
        />
      ) : (
        <button type="button" ref={addRef} onClick={() => setEditing('new')}>
          Add a payment method
        </button>
      )}
    </section>
  );
}

function expiryBadge(
  method: PaymentMethod,
  localToday: string,
): { text: string; tone: 'ok' | 'warning' | 'problem' } | null {
  if (!method.card) return null;
  const days = daysUntilExpiry(method.card.expMonth, method.card.expYear, localToday);
  if (days < 0) return { text: 'Expired', tone: 'problem' };
  if (expiresSoon(method.card.expMonth, method.card.expYear, localToday))
    return { text: `Expires in ${days} day${days === 1 ? '' : 's'}`, tone: days <= 7 ? 'problem' : 'warning' };
  return null;
}

function MethodRow({
  method,
  accounts,
  localToday,
  onEdit,
  onGuide,
}: {
  method: PaymentMethod;
  accounts: AccountInfo[];
  localToday: string;
  onEdit: () => void;
  onGuide: () => void;
}) {
  const title = method.card
    ? maskedCard(method.card.brand, method.card.last4)
    : method.type === 'paypal'
      ? `PayPal — ${method.email}`
      : PAYMENT_TYPE_NAMES[method.type];
  const badge = expiryBadge(method, localToday);
  const paysFor = accounts.filter((a) => method.accountIds.includes(a.id)).map((a) => a.name);
  return (
    <li className="method-row">
      <div>
        <strong>{title}</strong> {method.label && <span className="muted">“{method.label}”</span>}{' '}
        <span className="badge">{method.role === 'primary' ? 'Primary' : 'Backup'}</span>{' '}
        {badge && <span className={`badge badge-${badge.tone}`}>{badge.text}</span>}
        {method.card && (
          <p className="muted">
            {[
              `Expires ${String(method.card.expMonth).padStart(2, '0')}/${method.card.expYear}`,
              method.card.billingCountry,
              method.card.inKeychain && 'full number and address in the keychain',
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        )}
        <p className="muted">{paysFor.length ? `Pays for ${paysFor.join(', ')}` : 'Not linked to an account'}</p>
        {badge && (
          <button type="button" className="link-button" onClick={onGuide}>
            Update your payment method: how to
          </button>
        )}
      </div>
      <div className="row-actions">
        <button type="button" onClick={onEdit} aria-label={`Edit ${title}`}>
          Edit
        </button>
        <button
          type="button"
          aria-label={`Delete ${title}`}
          onClick={() => {
            if (window.confirm(`Delete ${title} from Spendwatch? (This does not change anything at OpenAI.)`))
              void call('deletePaymentMethod', { id: method.id });
          }}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
