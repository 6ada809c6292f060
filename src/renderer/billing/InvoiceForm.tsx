/**
 * "Record invoice": OpenAI has no invoice API, so the user types in the invoice. Amounts are parsed to exact
 * micros, an amount left empty is worked out from the others (invoice-amounts.ts), and every field is checked by
 * the shared schema (invoiceInputSchema) before anything is sent; main checks it again.
 */
import { useMemo } from 'react';
import { invoiceInputSchema, type Invoice, type InvoiceInput } from '../../shared/billing';
import { microsToDecimal } from '../../shared/money';
import { money } from '../lib/format';
import { call } from '../lib/bridge';
import { typedAmount, useSchemaForm } from '../lib/form';
import { formSchema, type Problem } from '../lib/form-schema';
import { FORM_MESSAGES } from '../lib/form-messages';
import { Field, fieldAria } from '../lib/ui/FieldError';
import { workOutInvoice } from './invoice-amounts';

interface Props {
  accountId: string;
  month: string;
  invoice: Invoice | null;
  onSaved: () => void;
  onCancel: () => void;
}

interface InvoiceFields {
  number: string;
  date: string;
  periodStartDay: string;
  subtotal: string;
  tax: string;
  credits: string;
  total: string;
  status: Invoice['status'];
}

const amountText = (micros: number | null | undefined) =>
  micros === null || micros === undefined ? '' : microsToDecimal(micros);

/** The shared schema's paths (subtotalMicros, …) to the form's fields (subtotal, …). */
const fieldOf = (path: PropertyKey[]): keyof InvoiceFields | undefined => {
  const key = String(path[0]).replace(/Micros$/, '');
  return ['number', 'date', 'periodStartDay', 'subtotal', 'tax', 'credits', 'total', 'status'].includes(key)
    ? (key as keyof InvoiceFields)
    : undefined;
};

const invoiceFormSchema = (accountId: string, month: string) =>
  formSchema<InvoiceFields, InvoiceInput>(
    (f, problem: Problem<InvoiceFields>) => {
      const amount = (name: 'subtotal' | 'tax' | 'credits' | 'total'): number | null => {
        if (!f[name].trim()) return null;
        const micros = typedAmount(f[name]);
        if (micros === null) problem(name, FORM_MESSAGES.dollars('amount', '1250.50'));
        return micros;
      };
      const typed = {
        subtotal: amount('subtotal'),
        tax: amount('tax'),
        credits: amount('credits'),
        total: amount('total'),
      };
      const worked = workOutInvoice(typed);
      if (!worked) problem('total', FORM_MESSAGES.missing('total on the invoice, or its subtotal'));
      else if (worked.total < 0)
        problem('credits', 'The credits are more than the subtotal plus tax: the total would be negative.');
      return {
        accountId,
        month,
        number: f.number.trim() || null,
        date: f.date || null,
        periodStartDay: Number(f.periodStartDay),
        subtotalMicros: worked?.subtotal ?? null,
        taxMicros: worked?.tax ?? 0,
        creditsMicros: worked?.credits ?? 0,
        totalMicros: worked?.total ?? 0,
        status: f.status,
      };
    },
    invoiceInputSchema,
    fieldOf,
  );

/** The amount the form works out from what is typed, said under the amounts ("Total worked out: $110.00."). */
function WorkedOutHint({
  id,
  values,
}: {
  id: string;
  values: Pick<InvoiceFields, 'subtotal' | 'tax' | 'credits' | 'total'>;
}) {
  const read = (text: string) => (text.trim() ? typedAmount(text) : null);
  const typed = {
    subtotal: read(values.subtotal),
    tax: read(values.tax),
    credits: read(values.credits),
    total: read(values.total),
  };
  const unreadable = (Object.keys(typed) as (keyof typeof typed)[]).some((k) => values[k].trim() && typed[k] === null);
  const worked = unreadable ? null : workOutInvoice(typed);
  const filled = worked?.filled;
  const figure =
    filled && worked ? (filled === 'subtotal' ? worked.total - worked.tax + worked.credits : worked[filled]) : null;
  return (
    <p className="muted" id={id} aria-live="polite">
      {filled && figure !== null && figure >= 0
        ? `${AMOUNT_LABELS[filled]} worked out: ${money(figure)} (total = subtotal + tax − credits).`
        : 'Enter what the invoice shows: an amount left empty is worked out from the others (total = subtotal + tax − credits).'}
    </p>
  );
}

const AMOUNT_LABELS = { subtotal: 'Subtotal', tax: 'Tax', credits: 'Credits applied', total: 'Total' } as const;

export function InvoiceForm({ accountId, month, invoice, onSaved, onCancel }: Props) {
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useSchemaForm(
    useMemo(() => invoiceFormSchema(accountId, month), [accountId, month]),
    {
      number: invoice?.number ?? '',
      date: invoice?.date ?? '',
      periodStartDay: String(invoice?.periodStartDay ?? 1),
      subtotal: amountText(invoice?.subtotalMicros),
      tax: invoice?.taxMicros ? amountText(invoice.taxMicros) : '',
      credits: invoice?.creditsMicros ? amountText(invoice.creditsMicros) : '',
      total: amountText(invoice?.totalMicros),
      status: invoice?.status ?? 'paid',
    },
  );
  const id = (name: string) => `invoice-${month}-${name}`;
  const submit = handleSubmit(async (input) => {
    try {
      await call('saveInvoice', input);
      onSaved();
    } catch (error) {
      setError('root', { message: (error as Error).message });
    }
  });

  return (
    <form className="form invoice-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Invoice for ${month}`}>
      <div className="form-row">
        <Field id={id('number')} label="Invoice number" error={errors.number?.message}>
          <input
            id={id('number')}
            {...register('number')}
            maxLength={64}
            {...fieldAria(id('number'), errors.number?.message)}
          />
        </Field>
        <Field id={id('date')} label="Invoice date" error={errors.date?.message}>
          <input id={id('date')} type="date" {...register('date')} {...fieldAria(id('date'), errors.date?.message)} />
        </Field>
      </div>
      <Field id={id('start')} label="Billing period starts on day" error={errors.periodStartDay?.message}>
        <input
          id={id('start')}
          type="number"
          min={1}
          max={28}
          {...register('periodStartDay')}
          {...fieldAria(id('start'), errors.periodStartDay?.message, true)}
        />
      </Field>
      <p className="muted" id={id('start-hint')}>
        Day 1 is the UTC calendar month, as OpenAI usually bills.
      </p>
      <div className="form-row">
        <Field id={id('subtotal')} label="Subtotal (USD)" error={errors.subtotal?.message}>
          <input
            id={id('subtotal')}
            inputMode="decimal"
            {...register('subtotal')}
            placeholder="optional"
            {...fieldAria(id('subtotal'), errors.subtotal?.message)}
          />
        </Field>
        <Field id={id('tax')} label="Tax (USD)" error={errors.tax?.message}>
          <input
            id={id('tax')}
            inputMode="decimal"
            {...register('tax')}
            placeholder="0.00"
            {...fieldAria(id('tax'), errors.tax?.message)}
          />
        </Field>
        <Field id={id('credits')} label="Credits applied (USD)" error={errors.credits?.message}>
          <input
            id={id('credits')}
            inputMode="decimal"
            {...register('credits')}
            placeholder="0.00"
            {...fieldAria(id('credits'), errors.credits?.message)}
          />
        </Field>
      </div>
      <div className="form-row">
        <Field id={id('total')} label="Total (USD)" error={errors.total?.message}>
          <input
            id={id('total')}
            inputMode="decimal"
            {...register('total')}
            placeholder="worked out if empty"
            {...fieldAria(id('total'), errors.total?.message)}
          />
        </Field>
        <Field id={id('status')} label="Status" error={errors.status?.message}>
          <select id={id('status')} {...register('status')}>
            <option value="paid">Paid</option>
            <option value="failed">Failed</option>
            <option value="refunded">Refunded</option>
          </select>
        </Field>
      </div>
      <WorkedOutHint id={id('worked-out')} values={watch()} />
      {errors.root?.message && (
        <p role="alert" className="field-error">
          {errors.root.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save invoice'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
