/**
 * The forms of Settings › Credits & balance: the balance read off the provider's billing page, auto-recharge,
 * a prepaid purchase or grant. On react-hook-form, each checked by the schema its IPC call validates with.
 */
import type { ReactNode } from 'react';
import type { FieldError as HookFieldError } from 'react-hook-form';
import type { ChannelInput } from '../../shared/ipc-contract';
import { autoRechargeInputSchema, creditEntryInputSchema, recordedBalanceInputSchema } from '../../shared/payments';
import { call } from '../lib/bridge';
import { typedAmount, useSchemaForm } from '../lib/form';
import { formSchema } from '../lib/form-schema';
import { FORM_MESSAGES } from '../lib/form-messages';
import { fieldAria, FieldError } from '../lib/ui/FieldError';

/** A label wrapping its input, with the field's message after it. */
function InlineField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: HookFieldError | undefined;
  children: ReactNode;
}) {
  return (
    <>
      <label htmlFor={id}>
        {label}
        {children}
      </label>
      <FieldError id={`${id}-error`} message={error?.message} />
    </>
  );
}

function RootError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="field-error">
      {message}
    </p>
  );
}

const saveError = (e: unknown) => ({ message: (e as Error).message });

interface BalanceFields {
  balance: string;
  asOf: string;
}
type BalanceInput = NonNullable<ChannelInput<'setRecordedBalance'>['balance']>;

const balanceSchema = formSchema<BalanceFields, BalanceInput>(
  (f, problem) => {
    const micros = typedAmount(f.balance);
    if (micros === null)
      problem('balance', FORM_MESSAGES.dollars('balance', '120.50 (negative if OpenAI shows it so)'));
    return { amountMicros: micros ?? 0, asOf: f.asOf };
  },
  recordedBalanceInputSchema,
  (path) => (path[0] === 'amountMicros' ? 'balance' : 'asOf'),
);

export function BalanceForm({
  accountId,
  providerName,
  today,
}: {
  accountId: string;
  providerName: string;
  today: string;
}) {
  const {
    register,
    handleSubmit,
    resetField,
    setError,
    formState: { errors },
  } = useSchemaForm(balanceSchema, { balance: '', asOf: today });
  const id = `balance-${accountId}`;
  const submit = handleSubmit(async (balance) => {
    try {
      await call('setRecordedBalance', { accountId, balance });
      resetField('balance');
    } catch (e) {
      setError('root', saveError(e));
    }
  });
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <InlineField id={`${id}-amount`} label={`Balance shown on ${providerName} (USD)`} error={errors.balance}>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          {...register('balance')}
          required
          {...fieldAria(`${id}-amount`, errors.balance?.message)}
        />
      </InlineField>
      <InlineField id={`${id}-asof`} label="As of" error={errors.asOf}>
        <input
          id={`${id}-asof`}
          type="date"
          max={today}
          {...register('asOf')}
          required
          {...fieldAria(`${id}-asof`, errors.asOf?.message)}
        />
      </InlineField>
      <button type="submit">Record balance</button>
      <RootError message={errors.root?.message} />
    </form>
  );
}

interface RechargeFields {
  threshold: string;
  amount: string;
}
type RechargeInput = NonNullable<ChannelInput<'setAutoRecharge'>['autoRecharge']>;

const rechargeSchema = formSchema<RechargeFields, RechargeInput>(
  (f, problem) => {
    const threshold = typedAmount(f.threshold);
    const amount = typedAmount(f.amount);
    if (threshold === null) problem('threshold', FORM_MESSAGES.dollars('auto-recharge threshold', '20'));
    if (amount === null) problem('amount', FORM_MESSAGES.dollars('recharge amount', '50'));
    return { thresholdMicros: threshold ?? 0, amountMicros: amount ?? 0 };
  },
  autoRechargeInputSchema,
  (path) => (path[0] === 'thresholdMicros' ? 'threshold' : 'amount'),
);

export function AutoRechargeForm({
  accountId,
  current,
  onError,
}: {
  accountId: string;
  current: RechargeInput | null;
  onError: (message: string) => void;
}) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useSchemaForm(rechargeSchema, {
    threshold: current ? String(current.thresholdMicros / 1e6) : '',
    amount: current ? String(current.amountMicros / 1e6) : '',
  });
  const id = `recharge-${accountId}`;
  const submit = handleSubmit(async (autoRecharge) => {
    try {
      await call('setAutoRecharge', { accountId, autoRecharge });
    } catch (e) {
      setError('root', saveError(e));
    }
  });
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <InlineField id={`${id}-threshold`} label="Auto-recharge when below (USD)" error={errors.threshold}>
        <input
          id={`${id}-threshold`}
          inputMode="decimal"
          {...register('threshold')}
          {...fieldAria(`${id}-threshold`, errors.threshold?.message)}
        />
      </InlineField>
      <InlineField id={`${id}-amount`} label="Recharge amount (USD)" error={errors.amount}>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          {...register('amount')}
          {...fieldAria(`${id}-amount`, errors.amount?.message)}
        />
      </InlineField>
      <button type="submit">Save auto-recharge</button>
      {current && (
        <button
          type="button"
          onClick={() =>
            void call('setAutoRecharge', { accountId, autoRecharge: null }).catch((e: Error) => onError(e.message))
          }
        >
          No auto-recharge
        </button>
      )}
      <RootError message={errors.root?.message} />
    </form>
  );
}

interface CreditFields {
  kind: 'purchase' | 'grant';
  amount: string;
  date: string;
  expires: string;
}
type CreditInput = ChannelInput<'addCredit'>;

const creditSchema = (accountId: string) =>
  formSchema<CreditFields, CreditInput>(
    (f, problem) => {
      const micros = typedAmount(f.amount);
      if (micros === null) problem('amount', FORM_MESSAGES.dollars('credit amount', '100'));
      return {
        accountId,
        kind: f.kind,
        amountMicros: micros ?? 0,
        date: f.date,
        ...(f.expires ? { expiresOn: f.expires } : {}),
        note: '',
      };
    },
    creditEntryInputSchema,
    (path) =>
      path[0] === 'amountMicros'
        ? 'amount'
        : path[0] === 'expiresOn'
          ? 'expires'
          : path[0] === 'date'
            ? 'date'
            : 'kind',
  );

export function CreditEntryForm({ accountId, today }: { accountId: string; today: string }) {
  const {
    register,
    handleSubmit,
    resetField,
    setError,
    formState: { errors },
  } = useSchemaForm(creditSchema(accountId), { kind: 'purchase', amount: '', date: today, expires: '' });
  const id = `credit-${accountId}`;
  const submit = handleSubmit(async (input) => {
    try {
      await call('addCredit', input);
      resetField('amount');
    } catch (e) {
      setError('root', saveError(e));
    }
  });
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <InlineField id={`${id}-kind`} label="Kind" error={errors.kind}>
        <select id={`${id}-kind`} {...register('kind')}>
          <option value="purchase">Prepaid purchase</option>
          <option value="grant">Credit grant</option>
        </select>
      </InlineField>
      <InlineField id={`${id}-amount`} label="Credit amount (USD)" error={errors.amount}>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          {...register('amount')}
          required
          {...fieldAria(`${id}-amount`, errors.amount?.message)}
        />
      </InlineField>
      <InlineField id={`${id}-date`} label="Date" error={errors.date}>
        <input
          id={`${id}-date`}
          type="date"
          {...register('date')}
          required
          {...fieldAria(`${id}-date`, errors.date?.message)}
        />
      </InlineField>
      <InlineField id={`${id}-expires`} label="Expires (default: a year later)" error={errors.expires}>
        <input
          id={`${id}-expires`}
          type="date"
          {...register('expires')}
          {...fieldAria(`${id}-expires`, errors.expires?.message)}
        />
      </InlineField>
      <button type="submit">Add credit</button>
      <RootError message={errors.root?.message} />
    </form>
  );
}
