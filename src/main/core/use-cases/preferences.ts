/** General preferences (poll interval, start at login, theme…) and the settings the Settings window opens with. */
import type { SettingsRepository } from '../settings/settings';
import type { AfterChange } from './after-change';

type General = ReturnType<SettingsRepository['read']>['general'];

export class PreferencesUseCase {
  constructor(private readonly deps: { settings: SettingsRepository; after: AfterChange }) {}

  get() {
    const settings = this.deps.settings.read();
    return {
      general: settings.general,
      pollMinutes: settings.general.pollMinutes,
      spikeFloorMicros: settings.alerts.spikeFloorMicros,
      alertPreferences: settings.alerts.preferences,
      budgets: settings.budgets,
    };
  }

  /** Changes only the fields given. */
  setGeneral(input: Partial<General>): General {
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const next = this.deps.settings.update((s) => {
      s.general = { ...s.general, ...given };
    }).general;
    this.deps.after.announce('accounts');
    return next;
  }
}
