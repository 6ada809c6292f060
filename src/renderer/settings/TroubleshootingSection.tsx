/** Settings › Payment troubleshooting: what looks wrong now, the usual causes of a failed payment, and a payment log. */
import type { ChannelInput, ChannelOutput } from '../../shared/ipc-contract';
import { paymentEventInputSchema, type PaymentEvent } from '../../shared/payments';
import { call } from '../lib/bridge';
import { typedAmount, useSchemaForm } from '../lib/form';
import { formSchema } from '../lib/form-schema';
import { FORM_MESSAGES } from '../lib/form-messages';
import { FieldError, fieldAria } from '../lib/ui/FieldError';
import { actionsHeader, SimpleTable } from '../lib/ui/SimpleTable';
import { money } from '../lib/format';

type Payments = ChannelOutput<'getPayments'>;
const STATUS_LABEL = { ok: 'OK', warning: 'Check', problem: 'Problem' } as const;

export function TroubleshootingSection({ payments, onGuide }: { payments: Payments; onGuide: () => void }) {
  return (
    <section className="panel" id="troubleshooting" aria-labelledby="troubleshooting-title">
      <h2 id="troubleshooting-title" tabIndex={-1}>
        Payment troubleshooting
      </h2>
      <ul className="checklist" aria-label="Checklist">
        {payments.checklist.map((item) => (
          <li key={item.id} className={`check-${item.status}`}>
            <span className={`badge badge-${item.status}`}>{STATUS_LABEL[item.status]}</span>{' '}
            <strong>{item.title}</strong>
            <p className="muted">{item.detail}</p>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onGuide}>
        How to update a payment method on OpenAI
      </button>
      <h3>When a payment fails: the usual causes</h3>
      <dl className="causes">
        {payments.causes.map((c) => (
          <div key={c.cause}>
            <dt>{c.cause}</dt>
            <dd>{c.fix}</dd>
          </div>
        ))}
      </dl>
      <PaymentLog events={payments.events} />
    </section>
  );
}

interface PaymentLogFields {
  date: string;
  amount: string;
  result: PaymentEvent['result'];
  note: string;
}

/** Checked by paymentEventInputSchema, as addPaymentEvent is; an empty amount is zero. */
const paymentLogSchema = formSchema<PaymentLogFields, ChannelInput<'addPaymentEvent'>>(
  (f, problem) => {
    const micros = typedAmount(f.amount || '0');
    if (micros === null) problem('amount', FORM_MESSAGES.dollars('amount', '50'));
    return { date: f.date, amountMicros: micros ?? 0, result: f.result, note: f.note, methodId: null };
  },
  paymentEventInputSchema,
  (path) => (path[0] === 'amountMicros' ? 'amount' : (String(path[0]) as keyof PaymentLogFields)),
);

function PaymentLog({ events }: { events: PaymentEvent[] }) {
  const {
    register,
    handleSubmit,
    resetField,
    setError,
    formState: { errors },
  } = useSchemaForm(paymentLogSchema, {
    date: new Date().toISOString().slice(0, 10),
    amount: '',
    result: 'failed',
    note: '',
  });
  const add = handleSubmit(async (input) => {
    try {
      await call('addPaymentEvent', input);
      resetField('amount');
      resetField('note');
    } catch (err) {
      setError('root', { message: (err as Error).message });
    }
  });
  const problem = errors.root?.message ?? errors.date?.message ?? errors.result?.message ?? errors.note?.message;
  return (
    <>
      <h3>Payment log</h3>
      <p className="muted">
        Record charges and failures as you see them, to spot patterns (the same card failing on the same day each month,
        say).
      </p>
      {events.length > 0 && (
        <SimpleTable
          className="compact-table"
          head={['Date', 'Amount', 'Result', 'Note', actionsHeader]}
          rows={events.map((ev) => ({
            key: ev.id,
            cells: [
              ev.date,
              money(ev.amountMicros),
              ev.result,
              ev.note,
              <button
                key="remove"
                type="button"
                className="link-button"
                onClick={() => void call('removePaymentEvent', { id: ev.id })}
              >
                Remove
              </button>,
            ],
            cellClass: [undefined, ev.result === 'failed' ? 'status-problem' : undefined],
          }))}
        />
      )}
      <form className="inline-form" onSubmit={(e) => void add(e)} noValidate>
        <label>
          Payment date
          <input type="date" {...register('date')} required />
        </label>
        <label>
          Payment amount (USD)
          <input
            inputMode="decimal"
            {...register('amount')}
            {...fieldAria('payment-log-amount', errors.amount?.message)}
          />
        </label>
        <label>
          Result
          <select {...register('result')}>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
            <option value="pending">Pending</option>
            <option value="refunded">Refunded</option>
          </select>
        </label>
        <label>
          Note
          <input {...register('note')} maxLength={300} />
        </label>
        <button type="submit">Add to log</button>
      </form>
      <FieldError id="payment-log-amount-error" message={errors.amount?.message} />
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </>
  );
}
