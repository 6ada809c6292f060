/**
 * One quiet-hours setting for every kind of alert (Settings › Budgets & alerts). The model keeps quiet hours per
 * kind (alertPreferences[kind].quietHours): this control shows the hours they share and sets the same hours on
 * every kind at once; a kind with hours of its own is changed in the per-kind list, behind a disclosure.
 */
import type { AlertKind, AlertPreference } from '../../shared/domain';
import { call } from '../lib/bridge';
import { useSchemaForm } from '../lib/form';
import { fieldAria } from '../lib/ui/FieldError';
import { quietHoursSchema } from './quiet-hours-schema';

const NONE: AlertPreference = { snoozedUntil: null, quietHours: null };

type QuietHours = NonNullable<AlertPreference['quietHours']>;

/** The hours every kind has (null: none has any), or 'mixed' when they differ. */
export function sharedQuietHours(kinds: AlertKind[], prefs: Partial<Record<AlertKind, AlertPreference>>) {
  const hours = kinds.map((kind) => prefs[kind]?.quietHours ?? null);
  const key = (h: QuietHours | null) => (h ? `${h.start}-${h.end}` : '');
  return hours.every((h) => key(h) === key(hours[0])) ? hours[0] : ('mixed' as const);
}

export function QuietHoursForAll({
  kinds,
  preferences,
}: {
  kinds: AlertKind[];
  preferences: Partial<Record<AlertKind, AlertPreference>>;
}) {
  const shared = sharedQuietHours(kinds, preferences);
  const on = shared !== null && shared !== 'mixed';
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useSchemaForm(quietHoursSchema, {
    start: on ? shared.start : '22:00',
    end: on ? shared.end : '07:00',
  });
  // One save per kind (the model is per kind), each keeping that kind's snooze; main announces each change.
  const saveAll = async (quietHours: QuietHours | null) => {
    for (const kind of kinds)
      await call('setAlertPreference', { kind, preference: { ...(preferences[kind] ?? NONE), quietHours } });
  };
  const apply = (turnOn: boolean) => (turnOn ? void handleSubmit((hours) => saveAll(hours))() : void saveAll(null));
  const problem = errors.start?.message ?? errors.end?.message;
  return (
    <fieldset className="quiet-hours-all">
      <legend>Quiet hours (local time)</legend>
      <p className="muted">No notifications between these times; alerts still appear in the alert centre.</p>
      <div className="quiet-hours-fields">
        <label className="inline-check">
          <input type="checkbox" checked={on} onChange={(e) => apply(e.target.checked)} /> Quiet hours for every alert
        </label>
        <label htmlFor="quiet-all-start">From</label>
        <input
          type="time"
          {...register('start', { onBlur: () => on && apply(true) })}
          {...fieldAria('quiet-all-start', errors.start?.message)}
          id="quiet-all-start"
        />
        <label htmlFor="quiet-all-end">to</label>
        <input
          type="time"
          {...register('end', { onBlur: () => on && apply(true) })}
          {...fieldAria('quiet-all-end', errors.end?.message)}
          id="quiet-all-end"
        />
      </div>
      {problem && (
        <p role="alert" id={`quiet-all-${errors.start ? 'start' : 'end'}-error`} className="field-error">
          {problem}
        </p>
      )}
      {shared === 'mixed' && (
        <p className="muted">
          Some alerts have quiet hours of their own (see “Each kind of alert” below); turning this on sets the same
          hours for every alert.
        </p>
      )}
    </fieldset>
  );
}
