/**
 * "Record invoice": OpenAI has no invoice API, so the user types in the invoice. Amounts are parsed to exact
 * micros and every field is checked by the shared schema before anything is sent; main checks it again.
 */
import { useState, type FormEvent } from 'react';
import { invoiceInputSchema, type Invoice } from '../../shared/billing';
import { microsToDecimal, parseUserAmount } from '../../shared/money';
import { call } from '../lib/bridge';
import { Field, issuesByField } from '../lib/ui/FieldError';

interface Props {
  accountId: string;
  month: string;
  invoice: Invoice | null;
  onSaved: () => void;
  onCancel: () => void;
}

const amountText = (micros: number | null | undefined) =>
  micros === null || micros === undefined ? '' : microsToDecimal(micros);

export function InvoiceForm({ accountId, month, invoice, onSaved, onCancel }: Props) {
  const [fields, setFields] = useState({
    number: invoice?.number ?? '',
    date: invoice?.date ?? '',
    periodStartDay: String(invoice?.periodStartDay ?? 1),
    subtotal: amountText(invoice?.subtotalMicros),
    tax: invoice?.taxMicros ? amountText(invoice.taxMicros) : '',
    credits: invoice?.creditsMicros ? amountText(invoice.creditsMicros) : '',
    total: amountText(invoice?.totalMicros),
    status: invoice?.status ?? 'paid',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const id = (name: string) => `invoice-${month}-${name}`;
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const amount = (name: string, text: string, optional: boolean): number | null => {
      if (!text.trim()) {
        if (!optional) found[`${name}Micros`] = 'Enter the amount on the invoice';
        return null;
      }
      try {
        return parseUserAmount(text);
      } catch {
        found[`${name}Micros`] = 'Enter an amount such as 1250.50';
        return null;
      }
    };
    const input = {
      accountId,
      month,
      number: fields.number.trim() || null,
      date: fields.date || null,
      periodStartDay: Number(fields.periodStartDay),
      subtotalMicros: amount('subtotal', fields.subtotal, true),
      taxMicros: amount('tax', fields.tax, true) ?? 0,
      creditsMicros: amount('credits', fields.credits, true) ?? 0,
      totalMicros: amount('total', fields.total, false) ?? 0,
      status: fields.status as Invoice['status'],
    };
    const parsed = invoiceInputSchema.safeParse(input);
    const all = { ...(parsed.success ? {} : issuesByField(parsed.error.issues)), ...found };
    setErrors(all);
    if (Object.keys(all).length) return;
    setSaving(true);
    try {
      await call('saveInvoice', input);
      onSaved();
    } catch (error) {
      setErrors({ form: (error as Error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form invoice-form" onSubmit={submit} noValidate aria-label={`Invoice for ${month}`}>
      <div className="form-row">
        <Field id={id('number')} label="Invoice number" error={errors.number}>
          <input
            id={id('number')}
            value={fields.number}
            onChange={set('number')}
            maxLength={64}
            aria-describedby={id('number-error')}
          />
        </Field>
        <Field id={id('date')} label="Invoice date" error={errors.date}>
          <input
            id={id('date')}
            type="date"
            value={fields.date}
            onChange={set('date')}
            aria-describedby={id('date-error')}
          />
        </Field>
      </div>
      <Field id={id('start')} label="Billing period starts on day" error={errors.periodStartDay}>
        <input
          id={id('start')}
          type="number"
          min={1}
          max={28}
          value={fields.periodStartDay}
          onChange={set('periodStartDay')}
          aria-describedby={`${id('start-hint')} ${id('start-error')}`}
        />
      </Field>
      <p className="muted" id={id('start-hint')}>
        Day 1 is the UTC calendar month, as OpenAI usually bills.
      </p>
      <div className="form-row">
        <Field id={id('subtotal')} label="Subtotal (USD)" error={errors.subtotalMicros}>
          <input
            id={id('subtotal')}
            inputMode="decimal"
            value={fields.subtotal}
            onChange={set('subtotal')}
            placeholder="optional"
          />
        </Field>
        <Field id={id('tax')} label="Tax (USD)" error={errors.taxMicros}>
          <input id={id('tax')} inputMode="decimal" value={fields.tax} onChange={set('tax')} placeholder="0.00" />
        </Field>
        <Field id={id('credits')} label="Credits applied (USD)" error={errors.creditsMicros}>
          <input
            id={id('credits')}
            inputMode="decimal"
            value={fields.credits}
            onChange={set('credits')}
            placeholder="0.00"
          />
        </Field>
      </div>
      <div className="form-row">
        <Field id={id('total')} label="Total (USD)" error={errors.totalMicros}>
          <input
            id={id('total')}
            inputMode="decimal"
            value={fields.total}
            onChange={set('total')}
            required
            aria-describedby={id('total-error')}
          />
        </Field>
        <Field id={id('status')} label="Status" error={errors.status}>
          <select id={id('status')} value={fields.status} onChange={set('status')}>
            <option value="paid">Paid</option>
            <option value="failed">Failed</option>
            <option value="refunded">Refunded</option>
          </select>
        </Field>
      </div>
      {errors.form && (
        <p role="alert" className="field-error">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save invoice'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
