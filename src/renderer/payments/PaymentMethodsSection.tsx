/**
 * Settings › Payment methods: the user's own record of how they pay OpenAI. The card number goes to the
 * keychain and is never shown again (brand and last four only); the security code is never asked for.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  BRAND_NAMES,
  cardNumberProblem,
  daysUntilExpiry,
  detectBrand,
  expiresSoon,
  digitsOnly,
  formatCardNumber,
  maskedCard,
} from '../../shared/cards';
import type { AccountInfo } from '../../shared/domain';
import {
  PAYMENT_TYPE_NAMES,
  paymentMethodInputSchemaFor,
  type PaymentMethod,
  type PaymentType,
} from '../../shared/payments';
import { call } from '../lib/bridge';
import { afterRender, focusFirstInvalid } from '../lib/hooks/focus';
import { Field, issuesByField } from '../lib/ui/FieldError';

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
            {method.card.cardholderName} · expires {String(method.card.expMonth).padStart(2, '0')}/{method.card.expYear}{' '}
            · {method.card.billingAddress.postalCode}, {method.card.billingAddress.country}
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

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function PaymentMethodForm({
  method,
  accounts,
  localToday,
  onDone,
}: {
  method: PaymentMethod | null;
  accounts: AccountInfo[];
  localToday: string;
  onDone: () => void;
}) {
  const card = method?.card;
  const [type, setType] = useState<PaymentType>(method?.type ?? 'card');
  const [cardholderName, setCardholderName] = useState(card?.cardholderName ?? '');
  const [cardNumber, setCardNumber] = useState('');
  const [expMonth, setExpMonth] = useState(card ? String(card.expMonth) : '');
  const [expYear, setExpYear] = useState(card ? String(card.expYear) : '');
  const [country, setCountry] = useState(card?.billingAddress.country ?? '');
  const [postalCode, setPostalCode] = useState(card?.billingAddress.postalCode ?? '');
  const [line1, setLine1] = useState(card?.billingAddress.line1 ?? '');
  const [line2, setLine2] = useState(card?.billingAddress.line2 ?? '');
  const [city, setCity] = useState(card?.billingAddress.city ?? '');
  const [email, setEmail] = useState(method?.email ?? '');
  const [note, setNote] = useState(method?.note ?? '');
  const [label, setLabel] = useState(method?.label ?? '');
  const [role, setRole] = useState<'primary' | 'backup'>(method?.role ?? 'primary');
  const [accountIds, setAccountIds] = useState<string[]>(method?.accountIds ?? accounts.map((a) => a.id));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [years] = useState(() => {
    const now = new Date().getFullYear();
    return Array.from({ length: 21 }, (_, i) => now + i);
  });
  const formRef = useRef<HTMLFormElement>(null);
  // Focus moves into the form when it opens.
  useEffect(() => formRef.current?.querySelector<HTMLElement>('input, select')?.focus(), []);
  const brand = detectBrand(cardNumber);
  const typed = digitsOnly(cardNumber);

  const buildInput = () => {
    const common = { label, role, accountIds };
    switch (type) {
      case 'card':
        return {
          type,
          ...common,
          cardholderName,
          // Empty while editing: keep the stored number.
          ...(typed || !method ? { cardNumber } : {}),
          expMonth: expMonth ? Number(expMonth) : 0,
          expYear: expYear ? Number(expYear) : 0,
          billingAddress: { country, postalCode, line1, line2, city },
        };
      case 'paypal':
        return { type, ...common, email };
      case 'bank-transfer':
        return { type, ...common, reference: note };
      default:
        return { type, ...common, note };
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const input = buildInput();
    const parsed = paymentMethodInputSchemaFor(localToday).safeParse(input);
    // The schema's messages, except where a plainer one is known (a missing number is "Enter the card number").
    const fieldErrors: Record<string, string> = parsed.success ? {} : issuesByField(parsed.error.issues);
    if (type === 'card' && !method && !typed) fieldErrors.cardNumber = 'Enter the card number.';
    if (Object.keys(fieldErrors).length) {
      setErrors(fieldErrors);
      afterRender(() => focusFirstInvalid(formRef.current));
      return;
    }
    setErrors({});
    try {
      await call('savePaymentMethod', { id: method?.id, method: input as never });
      setCardNumber('');
      onDone();
    } catch (e) {
      setFormError((e as Error).message);
    }
  };

  const ids: Record<string, string> = {
    'billingAddress.country': 'pm-country',
    'billingAddress.postalCode': 'pm-postalCode',
    'billingAddress.line1': 'pm-line1',
  };
  const field = (name: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name]
      ? `${ids[name] ?? `pm-${name}`}-error`
      : name === 'cardNumber'
        ? 'cvv-note'
        : undefined,
  });

  return (
    <form
      ref={formRef}
      className="form payment-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="payment-form-title"
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3 id="payment-form-title">{method ? 'Edit payment method' : 'Add a payment method'}</h3>
      <label>
        Payment type
        <select value={type} onChange={(e) => setType(e.target.value as PaymentType)} disabled={Boolean(method)}>
          {Object.entries(PAYMENT_TYPE_NAMES).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </label>

      {type === 'card' && (
        <>
          <Field id="pm-cardholderName" label="Cardholder name" error={errors.cardholderName}>
            <input
              id="pm-cardholderName"
              value={cardholderName}
              onChange={(e) => setCardholderName(e.target.value)}
              autoComplete="cc-name"
              {...field('cardholderName')}
            />
          </Field>
          <Field id="pm-cardNumber" label="Card number" error={errors.cardNumber}>
            <span className="input-with-badge">
              <input
                id="pm-cardNumber"
                value={cardNumber}
                onChange={(e) => {
                  setCardNumber(formatCardNumber(e.target.value));
                  if (errors.cardNumber) setErrors(({ cardNumber: _gone, ...rest }) => rest);
                }}
                onBlur={() =>
                  typed &&
                  setErrors((prev) => ({
                    ...prev,
                    ...(cardNumberProblem(cardNumber) ? { cardNumber: cardNumberProblem(cardNumber)! } : {}),
                  }))
                }
                inputMode="numeric"
                autoComplete="cc-number"
                placeholder={card ? `•••• •••• •••• ${card.last4} — leave empty to keep` : '1234 5678 9012 3456'}
                {...field('cardNumber')}
              />
              {typed.length >= 2 && (
                <span className="badge" aria-live="polite">
                  {BRAND_NAMES[brand]}
                </span>
              )}
            </span>
          </Field>
          <p className="muted" id="cvv-note">
            Spendwatch never asks for the security code (CVV): it is not needed to warn you about expiry, and storing it
            is not allowed. The full card number is kept only in your system keychain; after saving you will only see
            the brand and last four digits.
          </p>
          <div className="form-row">
            <Field id="pm-expMonth" label="Expiry month" error={errors.expMonth}>
              <select
                id="pm-expMonth"
                value={expMonth}
                onChange={(e) => setExpMonth(e.target.value)}
                autoComplete="cc-exp-month"
                {...field('expMonth')}
              >
                <option value="">Month</option>
                {MONTHS.map((m) => (
                  <option key={m} value={m}>
                    {String(m).padStart(2, '0')}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="pm-expYear" label="Expiry year" error={errors.expYear}>
              <select
                id="pm-expYear"
                value={expYear}
                onChange={(e) => setExpYear(e.target.value)}
                autoComplete="cc-exp-year"
                {...field('expYear')}
              >
                <option value="">Year</option>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <fieldset>
            <legend>Billing address</legend>
            <Field id="pm-country" label="Country" error={errors['billingAddress.country']}>
              <input
                id="pm-country"
                value={country}
                onChange={(e) => setCountry(e.target.value)}
                autoComplete="country-name"
                {...field('billingAddress.country')}
              />
            </Field>
            <Field id="pm-postalCode" label="Postal code" error={errors['billingAddress.postalCode']}>
              <input
                id="pm-postalCode"
                value={postalCode}
                onChange={(e) => setPostalCode(e.target.value)}
                autoComplete="postal-code"
                {...field('billingAddress.postalCode')}
              />
            </Field>
            <Field id="pm-line1" label="Address line 1" error={errors['billingAddress.line1']}>
              <input
                id="pm-line1"
                value={line1}
                onChange={(e) => setLine1(e.target.value)}
                autoComplete="address-line1"
                {...field('billingAddress.line1')}
              />
            </Field>
            <Field id="pm-line2" label="Address line 2 (optional)">
              <input
                id="pm-line2"
                value={line2}
                onChange={(e) => setLine2(e.target.value)}
                autoComplete="address-line2"
              />
            </Field>
            <Field id="pm-city" label="City (optional)">
              <input
                id="pm-city"
                value={city}
                onChange={(e) => setCity(e.target.value)}
                autoComplete="address-level2"
              />
            </Field>
          </fieldset>
        </>
      )}

      {type === 'paypal' && (
        <Field id="pm-email" label="PayPal account email" error={errors.email}>
          <input
            id="pm-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...field('email')}
          />
        </Field>
      )}
      {(type === 'apple-pay' || type === 'google-pay' || type === 'bank-transfer') && (
        <label>
          {type === 'bank-transfer' ? 'Invoice or bank reference (optional)' : 'Note (optional)'}
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      )}

      <label>
        Label (optional)
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Company card" maxLength={60} />
      </label>
      <fieldset>
        <legend>Role</legend>
        <label className="inline-check">
          <input type="radio" name="role" checked={role === 'primary'} onChange={() => setRole('primary')} /> Primary
        </label>
        <label className="inline-check">
          <input type="radio" name="role" checked={role === 'backup'} onChange={() => setRole('backup')} /> Backup
        </label>
      </fieldset>
      {accounts.length > 0 && (
        <fieldset>
          <legend>Pays for</legend>
          {accounts.map((a) => (
            <label key={a.id} className="inline-check">
              <input
                type="checkbox"
                checked={accountIds.includes(a.id)}
                onChange={(e) =>
                  setAccountIds((ids) => (e.target.checked ? [...ids, a.id] : ids.filter((i) => i !== a.id)))
                }
              />{' '}
              {a.name}
            </label>
          ))}
        </fieldset>
      )}
      {formError && (
        <p role="alert" className="field-error">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">Save payment method</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
