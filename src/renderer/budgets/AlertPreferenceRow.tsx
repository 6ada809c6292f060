/** One kind of alert in Settings › Budgets & alerts (behind "Each kind of alert"): snooze it, or give it quiet hours of its own. */
import { useState } from 'react';
import type { AlertKind, AlertPreference } from '../../shared/domain';
import { call } from '../lib/bridge';
import { useSchemaForm } from '../lib/form';
import { fieldAria } from '../lib/ui/FieldError';
import { quietHoursSchema } from './quiet-hours-schema';

export function AlertPreferenceRow({
  kind,
  label,
  preference,
}: {
  kind: AlertKind;
  label: string;
  preference: AlertPreference;
}) {
  // Main announces the change (snapshotChanged): every window's preferences reload from there.
  const save = (next: AlertPreference) => void call('setAlertPreference', { kind, preference: next });
  // The time the row was shown: whether a snooze is over is re-read whenever preferences reload.
  const [shownAt] = useState(() => Date.now());
  // As the alert engine reads it: a snooze ending more than a week away (set while the clock ran ahead) is over.
  const snoozed =
    preference.snoozedUntil &&
    Date.parse(preference.snoozedUntil) > shownAt &&
    Date.parse(preference.snoozedUntil) - shownAt <= 7 * 86_400_000;
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useSchemaForm(quietHoursSchema, {
    start: preference.quietHours?.start ?? '22:00',
    end: preference.quietHours?.end ?? '07:00',
  });
  // Quiet hours are saved as they are changed, once alertPreferenceSchema accepts both times.
  const saveQuietHours = (on: boolean) =>
    on
      ? void handleSubmit((quietHours) => save({ ...preference, quietHours }))()
      : save({ ...preference, quietHours: null });
  const onBlur = () => preference.quietHours && saveQuietHours(true);
  const id = `quiet-${kind}`;
  const problem = errors.start?.message ?? errors.end?.message;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        {snoozed ? (
          <>
            <span className="muted">until {new Date(preference.snoozedUntil!).toLocaleString()}</span>{' '}
            <button type="button" onClick={() => save({ ...preference, snoozedUntil: null })}>
              Resume
            </button>
          </>
        ) : (
          <select
            aria-label={`Snooze ${label}`}
            value=""
            onChange={(e) =>
              e.target.value &&
              save({
                ...preference,
                snoozedUntil: new Date(Date.now() + Number(e.target.value) * 3_600_000).toISOString(),
              })
            }
          >
            <option value="">Not snoozed</option>
            <option value="1">1 hour</option>
            <option value="8">8 hours</option>
            <option value="24">1 day</option>
            <option value="168">1 week</option>
          </select>
        )}
      </td>
      <td>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={preference.quietHours !== null}
            onChange={(e) => saveQuietHours(e.target.checked)}
          />{' '}
          Quiet hours for {label}
        </label>{' '}
        <input
          type="time"
          aria-label={`${label} quiet hours start`}
          {...register('start', { onBlur })}
          {...fieldAria(`${id}-start`, errors.start?.message)}
          id={`${id}-start`}
        />
        {' – '}
        <input
          type="time"
          aria-label={`${label} quiet hours end`}
          {...register('end', { onBlur })}
          {...fieldAria(`${id}-end`, errors.end?.message)}
          id={`${id}-end`}
        />
        {problem && (
          <span role="alert" id={`${id}-${errors.start ? 'start' : 'end'}-error`} className="field-error">
            {problem}
          </span>
        )}
      </td>
    </tr>
  );
}
