/** The alert centre: what was raised, what is still true, what the user has read, and how each kind is delivered. */
import type { Alert, AlertKind, AlertPreference } from '../../../shared/domain';
import type { AlertEngine } from '../alerts/alert-engine';
import type { SettingsRepository } from '../settings/settings';
import type { AfterChange } from './after-change';

export class AlertsUseCase {
  constructor(private readonly deps: { engine: AlertEngine; settings: SettingsRepository; after: AfterChange }) {}

  list(): { alerts: Alert[]; unread: number } {
    return this.deps.engine.list();
  }

  /** Alerts whose condition still holds (what `spendwatch status` reports). */
  active(): Alert[] {
    return this.deps.engine.active();
  }

  /** Checks every rule now; returns the alerts raised. */
  evaluate(): Alert[] {
    return this.deps.engine.evaluate();
  }

  markRead(ids: string[] | 'all'): number {
    const marked = this.deps.engine.markRead(ids);
    this.deps.after.announce('budget');
    return marked;
  }

  /** Saves how one kind is delivered; open views (every window's) reload, as after any change. */
  setPreference(kind: AlertKind, preference: AlertPreference): { kind: AlertKind; preference: AlertPreference } {
    this.deps.settings.update((s) => {
      s.alerts.preferences[kind] = preference;
    });
    this.deps.after.announce('settings');
    return { kind, preference };
  }
}
