/**
 * Adding or editing a payment method (Settings › Payment methods). On react-hook-form, checked by
 * paymentMethodInputSchemaFor(today), the schema savePaymentMethod validates with. The card number goes to the
 * keychain and is never shown again; the security code is never asked for.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { BRAND_NAMES, cardNumberProblem, detectBrand, digitsOnly, formatCardNumber } from '../../shared/cards';
import type { AccountInfo } from '../../shared/domain';
import type { ChannelInput } from '../../shared/ipc-contract';
import {
  PAYMENT_TYPE_NAMES,
  paymentMethodInputSchemaFor,
  type PaymentMethod,
  type PaymentType,
} from '../../shared/payments';
import { call } from '../lib/bridge';
import { useSchemaForm } from '../lib/form';
import { formSchema } from '../lib/form-schema';
import { FORM_MESSAGES } from '../lib/form-messages';
import { Field } from '../lib/ui/FieldError';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface MethodFields {
  type: PaymentType;
  cardholderName: string;
  cardNumber: string;
  expMonth: string;
  expYear: string;
  country: string;
  postalCode: string;
  line1: string;
  line2: string;
  city: string;
  email: string;
  note: string;
  label: string;
  role: 'primary' | 'backup';
  accountIds: string[];
}

type MethodInput = ChannelInput<'savePaymentMethod'>['method'];

/** The typed fields as savePaymentMethod's method, for the type chosen. */
function methodInput(f: MethodFields, editing: boolean): MethodInput {
  const common = { label: f.label, role: f.role, accountIds: f.accountIds };
  switch (f.type) {
    case 'card':
      return {
        type: f.type,
        ...common,
        cardholderName: f.cardholderName,
        // Empty while editing: keep the stored number.
        ...(digitsOnly(f.cardNumber) || !editing ? { cardNumber: f.cardNumber } : {}),
        expMonth: f.expMonth ? Number(f.expMonth) : 0,
        expYear: f.expYear ? Number(f.expYear) : 0,
        billingAddress: { country: f.country, postalCode: f.postalCode, line1: f.line1, line2: f.line2, city: f.city },
      };
    case 'paypal':
      return { type: f.type, ...common, email: f.email };
    case 'bank-transfer':
      return { type: f.type, ...common, reference: f.note };
    default:
      return { type: f.type, ...common, note: f.note };
  }
}

/** The schema's issue paths (billingAddress.country, reference) to the form's fields. */
const fieldOf = (path: PropertyKey[]): keyof MethodFields | undefined =>
  path[0] === 'billingAddress'
    ? (String(path[1]) as keyof MethodFields)
    : path[0] === 'reference'
      ? 'note'
      : (String(path[0]) as keyof MethodFields);

const methodFormSchema = (localToday: string, editing: boolean) =>
  formSchema<MethodFields, MethodInput>(
    (f, problem) => {
      // A plainer message than the schema's where one is known: a new card without a number.
      if (f.type === 'card' && !editing && !digitsOnly(f.cardNumber))
        problem('cardNumber', FORM_MESSAGES.missing('card number'));
      return methodInput(f, editing);
    },
    paymentMethodInputSchemaFor(localToday),
    fieldOf,
  );

export function PaymentMethodForm({
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
  const [schema] = useState(() => methodFormSchema(localToday, Boolean(method)));
  const {
    register,
    handleSubmit,
    setError,
    clearErrors,
    setValue,
    watch,
    formState: { errors },
  } = useSchemaForm<MethodFields, MethodInput>(schema, {
    type: method?.type ?? 'card',
    cardholderName: card?.cardholderName ?? '',
    cardNumber: '',
    expMonth: card ? String(card.expMonth) : '',
    expYear: card ? String(card.expYear) : '',
    country: card?.billingAddress.country ?? '',
    postalCode: card?.billingAddress.postalCode ?? '',
    line1: card?.billingAddress.line1 ?? '',
    line2: card?.billingAddress.line2 ?? '',
    city: card?.billingAddress.city ?? '',
    email: method?.email ?? '',
    note: method?.note ?? '',
    label: method?.label ?? '',
    role: method?.role ?? 'primary',
    accountIds: method?.accountIds ?? accounts.map((a) => a.id),
  });
  const [years] = useState(() => {
    const now = new Date().getFullYear();
    return Array.from({ length: 21 }, (_, i) => now + i);
  });
  const formRef = useRef<HTMLFormElement>(null);
  const typeId = useId();
  // Focus moves into the form when it opens.
  useEffect(() => formRef.current?.querySelector<HTMLElement>('input, select')?.focus(), []);
  const type = watch('type');
  const cardNumber = watch('cardNumber');
  const accountIds = watch('accountIds');
  const typed = digitsOnly(cardNumber);

  const submit = handleSubmit(async (input) => {
    try {
      await call('savePaymentMethod', { id: method?.id, method: input });
      setValue('cardNumber', '');
      onDone();
    } catch (e) {
      setError('root', { message: (e as Error).message });
    }
  });

  /** A field's message and the attributes tying it to the field. */
  const field = (name: keyof MethodFields) => {
    const message = errors[name]?.message;
    return {
      id: `pm-${name}`,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `pm-${name}-error` : name === 'cardNumber' ? 'cvv-note' : undefined,
    } as const;
  };
  const error = (name: keyof MethodFields) => errors[name]?.message;

  return (
    <form
      ref={formRef}
      className="form payment-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="payment-form-title"
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3 id="payment-form-title">{method ? 'Edit payment method' : 'Add a payment method'}</h3>
      <label htmlFor={typeId}>
        Payment type
        <select
          id={typeId}
          // Fixed once saved: shown, not a field (a disabled field would be left out of the values).
          {...(method ? { value: method.type, disabled: true, onChange: () => undefined } : register('type'))}
        >
          {Object.entries(PAYMENT_TYPE_NAMES).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </label>

      {type === 'card' && (
        <>
          <Field id="pm-cardholderName" label="Cardholder name" error={error('cardholderName')}>
            <input {...register('cardholderName')} autoComplete="cc-name" {...field('cardholderName')} />
          </Field>
          <Field id="pm-cardNumber" label="Card number" error={error('cardNumber')}>
            <span className="input-with-badge">
              <input
                {...register('cardNumber', {
                  // Grouped in fours as typed; a message from before goes (a submit checks again).
                  onChange: (e: { target: { value: string } }) => {
                    setValue('cardNumber', formatCardNumber(e.target.value));
                    clearErrors('cardNumber');
                  },
                  onBlur: () => {
                    const problem = typed ? cardNumberProblem(cardNumber) : null;
                    if (problem) setError('cardNumber', { message: problem });
                  },
                })}
                inputMode="numeric"
                autoComplete="cc-number"
                placeholder={card ? `•••• •••• •••• ${card.last4} — leave empty to keep` : '1234 5678 9012 3456'}
                {...field('cardNumber')}
              />
              {typed.length >= 2 && (
                <span className="badge" aria-live="polite">
                  {BRAND_NAMES[detectBrand(cardNumber)]}
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
            <Field id="pm-expMonth" label="Expiry month" error={error('expMonth')}>
              <select {...register('expMonth')} autoComplete="cc-exp-month" {...field('expMonth')}>
                <option value="">Month</option>
                {MONTHS.map((m) => (
                  <option key={m} value={m}>
                    {String(m).padStart(2, '0')}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="pm-expYear" label="Expiry year" error={error('expYear')}>
              <select {...register('expYear')} autoComplete="cc-exp-year" {...field('expYear')}>
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
            <Field id="pm-country" label="Country" error={error('country')}>
              <input {...register('country')} autoComplete="country-name" {...field('country')} />
            </Field>
            <Field id="pm-postalCode" label="Postal code" error={error('postalCode')}>
              <input {...register('postalCode')} autoComplete="postal-code" {...field('postalCode')} />
            </Field>
            <Field id="pm-line1" label="Address line 1" error={error('line1')}>
              <input {...register('line1')} autoComplete="address-line1" {...field('line1')} />
            </Field>
            <Field id="pm-line2" label="Address line 2 (optional)">
              <input id="pm-line2" {...register('line2')} autoComplete="address-line2" />
            </Field>
            <Field id="pm-city" label="City (optional)">
              <input id="pm-city" {...register('city')} autoComplete="address-level2" />
            </Field>
          </fieldset>
        </>
      )}

      {type === 'paypal' && (
        <Field id="pm-email" label="PayPal account email" error={error('email')}>
          <input type="email" {...register('email')} {...field('email')} />
        </Field>
      )}
      {(type === 'apple-pay' || type === 'google-pay' || type === 'bank-transfer') && (
        <label>
          {type === 'bank-transfer' ? 'Invoice or bank reference (optional)' : 'Note (optional)'}
          <input {...register('note')} aria-invalid={error('note') ? true : undefined} />
          {error('note') && <span className="field-error">{error('note')}</span>}
        </label>
      )}

      <label>
        Label (optional)
        <input {...register('label')} placeholder="Company card" maxLength={60} />
      </label>
      <fieldset>
        <legend>Role</legend>
        <label className="inline-check">
          <input type="radio" value="primary" {...register('role')} /> Primary
        </label>
        <label className="inline-check">
          <input type="radio" value="backup" {...register('role')} /> Backup
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
                  setValue(
                    'accountIds',
                    e.target.checked ? [...accountIds, a.id] : accountIds.filter((i) => i !== a.id),
                  )
                }
              />{' '}
              {a.name}
            </label>
          ))}
        </fieldset>
      )}
      {errors.root?.message && (
        <p role="alert" className="field-error">
          {errors.root.message}
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
