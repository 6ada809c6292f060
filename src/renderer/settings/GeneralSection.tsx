/** Settings › General: poll interval, start at login, notifications, theme, and when expiry alerts come. */
import { useState } from 'react';
import type { ChannelOutput } from '../../shared/ipc-contract';
import { call } from '../lib/bridge';

type General = ChannelOutput<'getPreferences'>['general'];

export function GeneralSection({ general, expiryAlertDays }: { general: General; expiryAlertDays: number[] }) {
  const [poll, setPoll] = useState(String(general.pollMinutes));
  const [days, setDays] = useState(expiryAlertDays.join(', '));
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
        <label>
          Check for new costs every (minutes)
          <input
            type="number"
            min={5}
            max={1440}
            value={poll}
            onChange={(e) => setPoll(e.target.value)}
            onBlur={() => save({ pollMinutes: Number(poll) })}
          />
        </label>
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
        <label>
          Card expiry warnings, in days ahead
          <input
            value={days}
            onChange={(e) => setDays(e.target.value)}
            onBlur={() => {
              const list = days.split(',').map((d) => Number(d.trim()));
              if (list.some((d) => !Number.isInteger(d) || d < 1 || d > 365))
                return setError('Enter whole numbers of days between 1 and 365, such as 60, 30, 7, 1.');
              call('setExpiryAlertDays', { days: list }).catch((err: Error) => setError(err.message));
            }}
          />
        </label>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
