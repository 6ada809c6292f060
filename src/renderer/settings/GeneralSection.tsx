/** Settings › General: poll interval, start at login, notifications, theme, and when expiry alerts come. */
import { useState } from 'react';
import { ipcContract, type ChannelInput, type ChannelOutput } from '../../shared/ipc-contract';
import { call } from '../lib/bridge';
import { useSchemaForm } from '../lib/form';
import { formSchema } from '../lib/form-schema';
import { FORM_MESSAGES } from '../lib/form-messages';
import { fieldAria, FieldError } from '../lib/ui/FieldError';

type General = ChannelOutput<'getPreferences'>['general'];

export function GeneralSection({ general, expiryAlertDays }: { general: General; expiryAlertDays: number[] }) {
  const [error, setError] = useState<string | null>(null);
  const save = (input: Parameters<typeof call<'setGeneral'>>[1]) => {
    setError(null);
    call('setGeneral', input).catch((e: Error) => setError(e.message));
  };
  return (
    <section className="panel" id="general" aria-labelledby="general-title">
      <h2 id="general-title" tabIndex={-1}>
        General
      </h2>
      <div className="form">
        <PollField minutes={general.pollMinutes} onError={setError} />
        <label className="inline-check">
          <input
            type="checkbox"
            checked={general.startAtLogin}
            onChange={(e) => save({ startAtLogin: e.target.checked })}
          />{' '}
          Start Spendwatch when I log in
        </label>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={general.notifications}
            onChange={(e) => save({ notifications: e.target.checked })}
          />{' '}
          Show desktop notifications for alerts
        </label>
        <label>
          Theme
          <select value={general.theme} onChange={(e) => save({ theme: e.target.value as General['theme'] })}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <ExpiryDaysField days={expiryAlertDays} onError={setError} />
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}

/** Saved when the field is left, once the setGeneral schema accepts it (at least every 5 minutes). */
const pollSchema = formSchema<{ minutes: string }, ChannelInput<'setGeneral'>>(
  (f, problem) => {
    if (!/^\d+$/.test(f.minutes.trim())) problem('minutes', FORM_MESSAGES.wholeNumber('minutes', '15'));
    return { pollMinutes: Number(f.minutes) };
  },
  ipcContract.setGeneral.input,
  () => 'minutes',
);

function PollField({ minutes, onError }: { minutes: number; onError: (message: string | null) => void }) {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useSchemaForm(pollSchema, { minutes: String(minutes) });
  const save = handleSubmit((input) => {
    onError(null);
    call('setGeneral', input).catch((e: Error) => onError(e.message));
  });
  const message = errors.minutes?.message;
  return (
    <>
      <label>
        Check for new costs every (minutes)
        <input
          id="general-poll"
          type="number"
          min={5}
          max={1440}
          {...register('minutes', { onBlur: () => void save() })}
          {...fieldAria('general-poll', message)}
        />
      </label>
      <FieldError id="general-poll-error" message={message} />
    </>
  );
}

/** Saved when the field is left, once the setExpiryAlertDays schema accepts it. */
const daysSchema = formSchema<{ days: string }, ChannelInput<'setExpiryAlertDays'>>(
  (f, problem) => {
    const list = f.days.split(',').map((d) => d.trim());
    if (list.some((d) => !/^\d+$/.test(d) || Number(d) < 1 || Number(d) > 365))
      problem('days', FORM_MESSAGES.expiryDays);
    return { days: list.map(Number) };
  },
  ipcContract.setExpiryAlertDays.input,
  () => 'days',
);

function ExpiryDaysField({ days, onError }: { days: number[]; onError: (message: string | null) => void }) {
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useSchemaForm(daysSchema, { days: days.join(', ') });
  const save = handleSubmit((input) => {
    onError(null);
    call('setExpiryAlertDays', input).catch((e: Error) => onError(e.message));
  });
  const message = errors.days?.message;
  return (
    <>
      <label>
        Card expiry warnings, in days ahead
        <input
          id="general-expiry-days"
          {...register('days', { onBlur: () => void save() })}
          {...fieldAria('general-expiry-days', message)}
        />
      </label>
      <FieldError id="general-expiry-days-error" message={message} />
    </>
  );
}
