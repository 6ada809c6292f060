/** The support case for a month: its state and every contact with OpenAI support, kept locally. */
import { useMemo } from 'react';
import { CASE_STATE_LABELS } from '../../shared/billing-labels';
import { caseContactInputSchema, type CaseContactInput, type CaseState, type SupportCase } from '../../shared/billing';
import { call } from '../lib/bridge';
import { useSchemaForm } from '../lib/form';
import { formSchema } from '../lib/form-schema';
import { Field, fieldAria } from '../lib/ui/FieldError';

const CHANNELS = {
  email: 'Email',
  chat: 'Chat',
  'help-center': 'Help center',
  phone: 'Phone',
  other: 'Other',
} as const;

interface ContactFields {
  date: string;
  channel: keyof typeof CHANNELS;
  reference: string;
  note: string;
  outcome: string;
}

export function SupportCaseLog({
  accountId,
  month,
  supportCase,
  today,
  onChanged,
}: {
  accountId: string;
  month: string;
  supportCase: SupportCase | null;
  today: string;
  onChanged: () => void;
}) {
  const empty: ContactFields = { date: today, channel: 'email', reference: '', note: '', outcome: '' };
  const schema = useMemo(
    () => formSchema<ContactFields, CaseContactInput>((f) => ({ accountId, month, ...f }), caseContactInputSchema),
    [accountId, month],
  );
  const {
    register,
    handleSubmit,
    reset,
    setError,
    clearErrors,
    formState: { errors },
  } = useSchemaForm(schema, empty);
  const id = (name: string) => `case-${month}-${name}`;
  const field = (name: keyof ContactFields) => ({
    id: id(name),
    ...register(name),
    ...fieldAria(id(name), errors[name]?.message),
  });

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      clearErrors('root');
      onChanged();
    } catch (error) {
      setError('root', { message: (error as Error).message });
    }
  };

  const add = handleSubmit((input) =>
    run(async () => {
      await call('addCaseContact', input);
      reset(empty);
    }),
  );

  return (
    <section aria-labelledby={id('title')} className="case-log">
      <h4 id={id('title')}>Support case</h4>
      <div className="inline-form">
        <label htmlFor={id('state')}>Case state</label>
        <select
          id={id('state')}
          value={supportCase?.state ?? ''}
          onChange={(e) => run(() => call('setCaseState', { accountId, month, state: e.target.value as CaseState }))}
        >
          {!supportCase && <option value="">No case yet</option>}
          {(Object.keys(CASE_STATE_LABELS) as CaseState[]).map((s) => (
            <option key={s} value={s}>
              {CASE_STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      {supportCase && supportCase.contacts.length > 0 ? (
        <table className="compact-table">
          <caption className="visually-hidden">Contacts with support about {month}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Channel</th>
              <th scope="col">Reference</th>
              <th scope="col">Note</th>
              <th scope="col">Outcome</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {supportCase.contacts.map((c) => (
              <tr key={c.id}>
                <td>{c.date}</td>
                <td>{CHANNELS[c.channel]}</td>
                <td>{c.reference || '—'}</td>
                <td className="note-cell">{c.note || '—'}</td>
                <td>{c.outcome || '—'}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove the contact of ${c.date}`}
                    onClick={() => run(() => call('removeCaseContact', { accountId, month, contactId: c.id }))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">
          No contacts logged. Log every email, chat or call, so the history of the case is never lost.
        </p>
      )}
      <form className="form compact" onSubmit={(e) => void add(e)} noValidate aria-label="Log a contact with support">
        <div className="form-row">
          <Field id={id('date')} label="Date" error={errors.date?.message}>
            <input type="date" {...field('date')} />
          </Field>
          <Field id={id('channel')} label="Channel" error={errors.channel?.message}>
            <select {...field('channel')}>
              {Object.entries(CHANNELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id('reference')} label="Reference number" error={errors.reference?.message}>
            <input {...field('reference')} maxLength={100} />
          </Field>
        </div>
        <Field id={id('note')} label="Note" error={errors.note?.message}>
          <textarea {...field('note')} maxLength={2000} rows={2} />
        </Field>
        <Field id={id('outcome')} label="Outcome" error={errors.outcome?.message}>
          <input {...field('outcome')} maxLength={500} />
        </Field>
        {errors.root?.message && (
          <p role="alert" className="field-error">
            {errors.root.message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit">Log contact</button>
        </div>
      </form>
    </section>
  );
}
