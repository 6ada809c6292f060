/**
 * The answer to every IPC channel: each one calls a use case, exactly as the CLI does. Only what depends on
 * the host (opening links and windows, saving files, starting at login, the first sync after a key
 * change) is decided here; shell actions come in as a parameter.
 */
import { EXTERNAL_LINK_ORIGINS_TEXT, vetExternalUrl } from '../../shared/links';
import { AppError } from '../core/errors';
import type { Spendwatch } from '../core/use-cases/spendwatch';
import type { IpcHandlers } from './dispatch';
import type { ShellActions } from './shell-actions';
import { spendControlHandlers } from './spend-control-handlers';
import { billingHandlers } from './billing-handlers';

export function createIpcHandlers(app: Spendwatch, shell: ShellActions): IpcHandlers {
  return {
    ...billingHandlers(app, shell),
    ...spendControlHandlers(app),
    getDashboard: (query) => app.queries.dashboard(query),
    listAccounts: () => app.accounts.list(),
    addAccount: async (input) => {
      const account = await app.accounts.add(input);
      // In the app a new account fills in at once; the CLI says to run `spendwatch sync`.
      void app.sync.run([account.id]);
      return account;
    },
    replaceAccountKey: async ({ accountId, apiKey }) => {
      const info = await app.accounts.replaceKey(accountId, apiKey);
      void app.sync.run([info.id]);
      return info;
    },
    renameAccount: ({ accountId, name }) => app.accounts.rename(accountId, name),
    removeAccount: async ({ accountId }) => {
      await app.accounts.remove(accountId);
      return { removed: true };
    },
    syncNow: async ({ accountId }) => {
      const run = await app.sync.run(accountId ? [app.accounts.get(accountId).id] : undefined);
      return { accounts: run.accounts };
    },
    setBudget: ({ accountId, budget }) => app.budgets.set(accountId, budget),
    listAlerts: () => app.alerts.list(),
    markAlertsRead: ({ ids }) => ({ marked: app.alerts.markRead(ids) }),
    listWebhooks: () => app.webhooks.list(),
    addWebhook: (input) => app.webhooks.add(input),
    removeWebhook: async ({ id }) => {
      await app.webhooks.remove(id);
      return { removed: true };
    },
    testWebhook: ({ id }) => app.webhooks.test(id),
    getPayments: () => app.payments.overview(),
    savePaymentMethod: ({ id, method }) => app.payments.saveMethod(id, method),
    deletePaymentMethod: ({ id }) => app.payments.removeMethod(id),
    addCredit: (input) => app.payments.addCredit(input),
    removeCredit: ({ accountId, entryId }) => app.payments.removeCredit(accountId, entryId),
    setRecordedBalance: ({ accountId, balance }) => app.payments.setRecordedBalance(accountId, balance),
    setAutoRecharge: ({ accountId, autoRecharge }) => app.payments.setAutoRecharge(accountId, autoRecharge),
    addPaymentEvent: (input) => app.payments.addEvent(input),
    removePaymentEvent: ({ id }) => app.payments.removeEvent(id),
    setExpiryAlertDays: ({ days }) => app.payments.setExpiryAlertDays(days),
    setGeneral: (input) => {
      const next = app.preferences.setGeneral(input);
      if (input.startAtLogin !== undefined) shell.setStartAtLogin?.(input.startAtLogin);
      return next;
    },
    testAccount: ({ accountId }) => app.accounts.test(accountId),
    openWindow: ({ route, section }) => ({ opened: shell.openWindow?.(route, section) ?? false }),
    getPreferences: () => app.preferences.get(),
    setAlertPreference: ({ kind, preference }) => app.alerts.setPreference(kind, preference),
    exportCsv: async ({ accountId, from, to }) => {
      const { fileName, csv } = app.queries.exportCsv(accountId, from, to);
      if (!shell.saveFile) return { fileName, savedTo: null, csv };
      return { fileName, savedTo: await shell.saveFile(fileName, csv), csv: null };
    },
    openExternal: async ({ url }) => {
      // The shell gets the URL the check produced, never the caller's string.
      const vetted = vetExternalUrl(url);
      if (!vetted) throw new AppError('forbidden', `Only links to ${EXTERNAL_LINK_ORIGINS_TEXT} can be opened.`);
      await shell.openExternal(vetted);
      return { opened: true };
    },
  };
}
