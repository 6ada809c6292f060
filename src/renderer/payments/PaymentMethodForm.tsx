/**
 * Adding or editing a payment method (Settings › Payment methods). On react-hook-form, checked by
 * paymentMethodInputSchemaFor(today), the schema savePaymentMethod validates with. A card is brand, last four and
 * expiry; the full number and billing address are an opt-in that goes to the keychain and is never shown again.
 * The security code is never asked for.
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  BRAND_NAMES,
  CARD_BRANDS,
  cardNumberProblem,
  detectBrand,
  digitsOnly,
  formatCardNumber,
  lastFour,
} from '../../shared/cards';
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
  brand: string;
  last4: string;
  expMonth: string;
  expYear: string;
  billingCountry: string;
  /** The opt-in: the fields below go only to the keychain. */
  inKeychain: boolean;
  cardNumber: string;
  cardholderName: string;
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

/** The keychain part of a card: on an edit of a card already there, what is left empty keeps what is stored. */
function keychainInput(f: MethodFields, stored: boolean) {
  const address = [f.line1, f.line2, f.city, f.postalCode].some((v) => v.trim() !== '');
  return {
    ...(digitsOnly(f.cardNumber) || !stored ? { cardNumber: f.cardNumber } : {}),
    ...(f.cardholderName.trim() || !stored ? { cardholderName: f.cardholderName } : {}),
    ...(address ? { billingAddress: { line1: f.line1, line2: f.line2, city: f.city, postalCode: f.postalCode } } : {}),
  };
}

/** The typed fields as savePaymentMethod's method, for the type chosen. */
function methodInput(f: MethodFields, storedInKeychain: boolean): MethodInput {
  const common = { label: f.label, role: f.role, accountIds: f.accountIds };
  switch (f.type) {
    case 'card':
      return {
        type: f.type,
        ...common,
        brand: f.brand as (typeof CARD_BRANDS)[number],
        last4: f.last4,
        expMonth: f.expMonth ? Number(f.expMonth) : 0,
        expYear: f.expYear ? Number(f.expYear) : 0,
        billingCountry: f.billingCountry,
        keychain: f.inKeychain ? keychainInput(f, storedInKeychain) : null,
      };
    case 'paypal':
      return { type: f.type, ...common, email: f.email };
    case 'bank-transfer':
      return { type: f.type, ...common, reference: f.note };
    default:
      return { type: f.type, ...common, note: f.note };
  }
}

/** The schema's issue paths (keychain.billingAddress.line1, keychain.cardNumber, reference) to the form's fields. */
const fieldOf = (path: PropertyKey[]): keyof MethodFields | undefined => {
  if (path[0] === 'keychain') return String(path[1] === 'billingAddress' ? path[2] : path[1]) as keyof MethodFields;
  return path[0] === 'reference' ? 'note' : (String(path[0]) as keyof MethodFields);
};

const methodFormSchema = (localToday: string, storedInKeychain: boolean) =>
  formSchema<MethodFields, MethodInput>(
    (f, problem) => {
      // Plainer messages than the schema's where one is known: no brand chosen; the opt-in without a number.
      if (f.type === 'card' && !f.brand) problem('brand', 'Choose the card brand.');
      if (f.type === 'card' && f.inKeychain && !storedInKeychain && !digitsOnly(f.cardNumber))
        problem('cardNumber', FORM_MESSAGES.missing('full card number, or turn the keychain option off'));
      return methodInput(f, storedInKeychain);
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
  const storedInKeychain = card?.inKeychain ?? false;
  const [schema] = useState(() => methodFormSchema(localToday, storedInKeychain));
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
    brand: card?.brand ?? '',
    last4: card?.last4 ?? '',
    expMonth: card ? String(card.expMonth) : '',
    expYear: card ? String(card.expYear) : '',
    billingCountry: card?.billingCountry ?? '',
    inKeychain: storedInKeychain,
    // What the keychain holds is never sent back: these start empty, and left empty keep it.
    cardNumber: '',
    cardholderName: '',
    postalCode: '',
    line1: '',
    line2: '',
    city: '',
    email: method?.email ?? '',
    note: method?.note ?? '',
    label: method?.label ?? '',
    role: method?.role ?? 'primary',
    accountIds: method?.accountIds ?? accounts.map((a) => a.id),
  });
  // The years offered follow the app's day (its clock), not the browser's, so a test clock or a jumped clock agrees.
  const [years] = useState(() => {
    const thisYear = Number(localToday.slice(0, 4));
    return Array.from({ length: 21 }, (_, i) => thisYear + i);
  });
  const formRef = useRef<HTMLFormElement>(null);
  const typeId = useId();
  // Focus moves into the form when it opens.
  useEffect(() => formRef.current?.querySelector<HTMLElement>('input, select')?.focus(), []);
  const type = watch('type');
  const cardNumber = watch('cardNumber');
  const inKeychain = watch('inKeychain');
  const accountIds = watch('accountIds');
  const typed = digitsOnly(cardNumber);
  const keepHint = storedInKeychain ? 'In the keychain — leave empty to keep' : undefined;

  const submit = handleSubmit(async (input) => {
    try {
      await call('savePaymentMethod', { id: method?.id, method: input });
      // The number leaves the page as soon as it is in the keychain.
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
      'aria-describedby': message ? `pm-${name}-error` : undefined,
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
          <p className="muted" id="cvv-note">
            Expiry reminders need only the brand, the last four digits and the expiry date. Spendwatch never asks for
            the security code (CVV).
          </p>
          <div className="form-row">
            <Field id="pm-brand" label="Brand" error={error('brand')}>
              <select {...register('brand')} {...field('brand')}>
                <option value="">Choose</option>
                {CARD_BRANDS.map((b) => (
                  <option key={b} value={b}>
                    {b === 'other' ? 'Other' : BRAND_NAMES[b]}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="pm-last4" label="Last four digits" error={error('last4')}>
              <input {...register('last4')} inputMode="numeric" maxLength={4} autoComplete="off" {...field('last4')} />
            </Field>
          </div>
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
          <Field id="pm-billingCountry" label="Billing country (optional)" error={error('billingCountry')}>
            <input
              {...register('billingCountry')}
              autoComplete="country-name"
              maxLength={60}
              {...field('billingCountry')}
            />
          </Field>
          <fieldset className="keychain-optin">
            <legend className="visually-hidden">Full card number and billing address</legend>
            <label className="inline-check">
              <input type="checkbox" {...register('inKeychain')} aria-describedby="keychain-note" /> Also keep the full
              card number and billing address in the OS keychain
            </label>
            <p className="muted" id="keychain-note">
              Handy if you want them at hand when OpenAI&apos;s billing page asks for the card again. They stay in your
              system keychain only: Spendwatch&apos;s settings, screens, logs and exports show the brand and last four
              digits, nothing more.
              {storedInKeychain && !inKeychain && ' Saving with this off removes them from the keychain.'}
            </p>
            {inKeychain && (
              <>
                <Field id="pm-cardNumber" label="Card number" error={error('cardNumber')}>
                  <span className="input-with-badge">
                    <input
                      {...register('cardNumber', {
                        // Grouped in fours as typed; a valid number fills in the brand and last four (they must agree).
                        onChange: (e: { target: { value: string } }) => {
                          const value = formatCardNumber(e.target.value);
                          setValue('cardNumber', value);
                          clearErrors('cardNumber');
                          if (cardNumberProblem(value) === null) {
                            setValue('brand', detectBrand(value));
                            setValue('last4', lastFour(value));
                            clearErrors(['brand', 'last4']);
                          }
                        },
                        onBlur: () => {
                          const problem = typed ? cardNumberProblem(cardNumber) : null;
                          if (problem) setError('cardNumber', { message: problem });
                        },
                      })}
                      inputMode="numeric"
                      autoComplete="cc-number"
                      placeholder={
                        storedInKeychain ? `•••• ${card?.last4 ?? ''} — leave empty to keep` : '1234 5678 9012 3456'
                      }
                      {...field('cardNumber')}
                    />
                    {typed.length >= 2 && (
                      <span className="badge" aria-live="polite">
                        {BRAND_NAMES[detectBrand(cardNumber)]}
                      </span>
                    )}
                  </span>
                </Field>
                <Field id="pm-cardholderName" label="Name on the card (optional)" error={error('cardholderName')}>
                  <input
                    {...register('cardholderName')}
                    autoComplete="cc-name"
                    placeholder={keepHint}
                    {...field('cardholderName')}
                  />
                </Field>
                <Field id="pm-line1" label="Address line 1" error={error('line1')}>
                  <input
                    {...register('line1')}
                    autoComplete="address-line1"
                    placeholder={keepHint}
                    {...field('line1')}
                  />
                </Field>
                <Field id="pm-line2" label="Address line 2 (optional)">
                  <input id="pm-line2" {...register('line2')} autoComplete="address-line2" />
                </Field>
                <div className="form-row">
                  <Field id="pm-city" label="City (optional)">
                    <input id="pm-city" {...register('city')} autoComplete="address-level2" />
                  </Field>
                  <Field id="pm-postalCode" label="Postal code" error={error('postalCode')}>
                    <input {...register('postalCode')} autoComplete="postal-code" {...field('postalCode')} />
                  </Field>
                </div>
              </>
            )}
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
