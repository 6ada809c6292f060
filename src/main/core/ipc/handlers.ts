/** The core's answer to every IPC channel. Shell-specific actions (opening links) come in as a parameter. */
import { isVettedExternalUrl } from '../../../shared/links';
import { AppError } from '../errors';
import type { SpendwatchCore } from '../spendwatch-core';
import type { IpcHandlers } from './dispatch';

export interface ShellActions {
  openExternal(url: string): Promise<void> | void;
  /** Asks where to save and writes the file; resolves to the path, or null if cancelled. Hosts without it return the content. */
  saveFile?(fileName: string, content: string): Promise<string | null>;
}

export function createIpcHandlers(core: SpendwatchCore, shell: ShellActions): IpcHandlers {
  const changed = (reason: 'accounts' | 'budget') => core.emit('snapshotChanged', { reason, at: new Date().toISOString() });
  return {
    getDashboard: (query) => core.getDashboard(query),
    listAccounts: () => core.accounts.list(),
    addAccount: async (input) => {
      const account = await core.accounts.add(input);
      changed('accounts');
      void core.syncAndEvaluate([account.id]);
      return account;
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
    getPreferences: () => {
      const settings = core.settings.read();
      return {
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
    openExternal: async ({ url }) => {
      if (!isVettedExternalUrl(url)) throw new AppError('forbidden', 'Only https://platform.openai.com links can be opened.');
      await shell.openExternal(url);
      return { opened: true };
    },
  };
}
