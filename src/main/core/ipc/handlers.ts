/** The core's answer to every IPC channel. Shell-specific actions (opening links) come in as a parameter. */
import { EXTERNAL_LINK_ORIGINS_TEXT, vetExternalUrl } from '../../../shared/links';
import { AppError, toErrorInfo } from '../errors';
import type { SpendwatchCore } from '../spendwatch-core';
import type { IpcHandlers } from './dispatch';
import { spendControlHandlers } from './spend-control-handlers';
import { billingHandlers } from './billing-handlers';

export interface ShellActions {
  openExternal(url: string): Promise<void> | void;
  /** Asks where to save and writes the file; resolves to the path, or null if cancelled. Hosts without it return the content. */
  saveFile?(fileName: string, content: string): Promise<string | null>;
  /** Opens an app window (the desktop app); hosts without windows answer false and the page navigates. */
  openWindow?(route: 'dashboard' | 'settings', section?: string): boolean;
  /** Starts Spendwatch when the user logs in (the desktop app). */
  setStartAtLogin?(enabled: boolean): void;
}

export function createIpcHandlers(core: SpendwatchCore, shell: ShellActions): IpcHandlers {
  const changed = (reason: 'accounts' | 'budget' | 'billing') => core.emit('snapshotChanged', { reason, at: core.now().toISOString() });
  /** After a payment record changes: new expiry or balance alerts fire at once, and the tray follows. */
  const paymentsChanged = <T>(value: T): T => {
    core.alerts.evaluate();
    changed('budget');
    return value;
  };
  /** After an invoice or case changes: a new discrepancy alerts at once, and open views reload. */
  const billingChanged = <T>(value: T): T => {
    core.alerts.evaluate();
    changed('billing');
    return value;
  };
  return {
    ...billingHandlers(core, shell, billingChanged),
    getDashboard: (query) => core.getDashboard(query),
    listAccounts: () => core.accounts.list(),
    addAccount: async (input) => {
      const account = await core.accounts.add(input);
      changed('accounts');
      void core.syncAndEvaluate([account.id]);
      return account;
    },
    replaceAccountKey: async ({ accountId, apiKey }) => {
      const info = await core.accounts.replaceKey(accountId, apiKey);
      changed('accounts');
      void core.syncAndEvaluate([info.id]);
      return info;
    },
    renameAccount: ({ accountId, name }) => {
      const info = core.accounts.rename(accountId, name);
      changed('accounts');
      return info;
    },
    removeAccount: async ({ accountId }) => {
      const removed = await core.removeAccount(accountId);
      changed('accounts');
      return { removed };
    },
    syncNow: async ({ accountId }) => {
      const report = await core.syncAndEvaluate(accountId ? [core.accounts.get(accountId).id] : undefined);
      return { accounts: report.accounts };
    },
    setBudget: ({ accountId, budget }) => core.setBudget(accountId, budget, { evaluate: true }),
    listAlerts: () => core.alerts.list(),
    markAlertsRead: ({ ids }) => {
      const marked = core.alerts.markRead(ids);
      changed('budget');
      return { marked };
    },
    getPayments: () => core.paymentOverview(),
    savePaymentMethod: async ({ id, method }) => paymentsChanged(await core.payments.save(id, method)),
    deletePaymentMethod: async ({ id }) => paymentsChanged({ removed: await core.payments.remove(id) }),
    addCredit: (input) => paymentsChanged(core.payments.addCredit(input)),
    removeCredit: ({ accountId, entryId }) => {
      core.payments.removeCredit(accountId, entryId);
      return paymentsChanged({ removed: true });
    },
    setRecordedBalance: ({ accountId, balance }) => {
      core.payments.setRecordedBalance(accountId, balance);
      return paymentsChanged({ saved: true });
    },
    setAutoRecharge: ({ accountId, autoRecharge }) => {
      core.payments.setAutoRecharge(accountId, autoRecharge);
      return paymentsChanged({ saved: true });
    },
    addPaymentEvent: (input) => paymentsChanged(core.payments.addEvent(input)),
    removePaymentEvent: ({ id }) => {
      core.payments.removeEvent(id);
      return paymentsChanged({ removed: true });
    },
    setExpiryAlertDays: ({ days }) => {
      core.payments.setExpiryAlertDays(days);
      return paymentsChanged({ days: core.settings.read().payments.expiryAlertDays });
    },
    setGeneral: (input) => {
      const next = core.settings.update((s) => {
        s.general = { ...s.general, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      }).general;
      if (input.startAtLogin !== undefined) shell.setStartAtLogin?.(input.startAtLogin);
      changed('accounts');
      return next;
    },
    testAccount: async ({ accountId }) => {
      try {
        await core.accounts.test(accountId);
        return { ok: true, message: 'Connected: the key can read costs.' };
      } catch (error) {
        return { ok: false, message: toErrorInfo(error).message };
      }
    },
    openWindow: ({ route, section }) => ({ opened: shell.openWindow?.(route, section) ?? false }),
    getPreferences: () => {
      const settings = core.settings.read();
      return {
        general: settings.general,
        pollMinutes: settings.general.pollMinutes,
        spikeFloorMicros: settings.alerts.spikeFloorMicros,
        alertPreferences: settings.alerts.preferences,
        budgets: settings.budgets,
      };
    },
    setAlertPreference: ({ kind, preference }) => {
      core.settings.update((s) => {
        s.alerts.preferences[kind] = preference;
      });
      return { kind, preference };
    },
    exportCsv: async ({ accountId, from, to }) => {
      const { fileName, csv } = core.exportCsv(accountId, from, to);
      if (!shell.saveFile) return { fileName, savedTo: null, csv };
      return { fileName, savedTo: await shell.saveFile(fileName, csv), csv: null };
    },
    ...spendControlHandlers(core),
    openExternal: async ({ url }) => {
      // The shell gets the URL the check produced, never the caller's string.
      const vetted = vetExternalUrl(url);
      if (!vetted) throw new AppError('forbidden', `Only links to ${EXTERNAL_LINK_ORIGINS_TEXT} can be opened.`);
      await shell.openExternal(vetted);
      return { opened: true };
    },
  };
}
