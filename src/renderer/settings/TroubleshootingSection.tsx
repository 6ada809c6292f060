/** Settings › Payment troubleshooting: what looks wrong now, the usual causes of a failed payment, and a payment log. */
import { useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../shared/ipc-contract';
import { parseUserAmount } from '../../shared/money';
import type { PaymentEvent } from '../../shared/payments';
import { call } from '../lib/bridge';
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

function PaymentLog({ events }: { events: PaymentEvent[] }) {
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [amount, setAmount] = useState('');
  const [result, setResult] = useState<PaymentEvent['result']>('failed');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    let micros: number;
    try {
      micros = parseUserAmount(amount || '0');
    } catch {
      setError('Enter the amount in dollars, such as 50.');
      return;
    }
    try {
      await call('addPaymentEvent', { date, amountMicros: micros, result, note, methodId: null });
      setAmount('');
      setNote('');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
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
      <form className="inline-form" onSubmit={add}>
        <label>
          Payment date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label>
          Payment amount (USD)
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <label>
          Result
          <select value={result} onChange={(e) => setResult(e.target.value as PaymentEvent['result'])}>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
            <option value="pending">Pending</option>
            <option value="refunded">Refunded</option>
          </select>
        </label>
        <label>
          Note
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} />
        </label>
        <button type="submit">Add to log</button>
      </form>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
