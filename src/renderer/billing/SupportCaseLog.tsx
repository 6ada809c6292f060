/** The support case for a month: its state and every contact with OpenAI support, kept locally. */
import { useState, type FormEvent } from 'react';
import { CASE_STATE_LABELS } from '../../shared/billing-labels';
import { caseContactInputSchema, type CaseState, type SupportCase } from '../../shared/billing';
import { call } from '../lib/bridge';
import { Field, issuesByField } from '../lib/ui/FieldError';

const CHANNELS = {
  email: 'Email',
  chat: 'Chat',
  'help-center': 'Help center',
  phone: 'Phone',
  other: 'Other',
} as const;

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
  const empty = { date: today, channel: 'email' as keyof typeof CHANNELS, reference: '', note: '', outcome: '' };
  const [fields, setFields] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const id = (name: string) => `case-${month}-${name}`;
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: e.target.value }));

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setErrors({});
      onChanged();
    } catch (error) {
      setErrors({ form: (error as Error).message });
    }
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const input = { accountId, month, ...fields };
    const parsed = caseContactInputSchema.safeParse(input);
    if (!parsed.success) return setErrors(issuesByField(parsed.error.issues));
    await run(async () => {
      await call('addCaseContact', input);
      setFields(empty);
    });
  };

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
      <form className="form compact" onSubmit={add} noValidate aria-label="Log a contact with support">
        <div className="form-row">
          <Field id={id('date')} label="Date" error={errors.date}>
            <input id={id('date')} type="date" value={fields.date} onChange={set('date')} />
          </Field>
          <Field id={id('channel')} label="Channel" error={errors.channel}>
            <select id={id('channel')} value={fields.channel} onChange={set('channel')}>
              {Object.entries(CHANNELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id('reference')} label="Reference number" error={errors.reference}>
            <input id={id('reference')} value={fields.reference} onChange={set('reference')} maxLength={100} />
          </Field>
        </div>
        <Field id={id('note')} label="Note" error={errors.note}>
          <textarea id={id('note')} value={fields.note} onChange={set('note')} maxLength={2000} rows={2} />
        </Field>
        <Field id={id('outcome')} label="Outcome" error={errors.outcome}>
          <input id={id('outcome')} value={fields.outcome} onChange={set('outcome')} maxLength={500} />
        </Field>
        {errors.form && (
          <p role="alert" className="field-error">
            {errors.form}
          </p>
        )}
        <div className="form-actions">
          <button type="submit">Log contact</button>
        </div>
      </form>
    </section>
  );
}
