/**
 * IPC handlers for OpenAI's spend controls. Each change is made at OpenAI first; what OpenAI answers is
 * stored at once and alerts are evaluated, so the dashboard, the tray and the alert centre follow.
 */
import type { ProjectRef } from '../spend-controls/spend-controls-service';
import type { SpendwatchCore } from '../spendwatch-core';
import type { IpcHandlers } from './dispatch';

type SpendControlChannels = 'getSpendControls' | 'setSpendLimit' | 'removeSpendLimit' | 'addSpendEmailAlert' | 'updateSpendEmailAlert' | 'removeSpendEmailAlert';

export function spendControlHandlers(core: SpendwatchCore): Pick<IpcHandlers, SpendControlChannels> {
  const target = (accountId: string, projectId: string | null) => {
    const account = core.accounts.get(accountId);
    const names = core.history.readState(account.id).projects;
    const project: ProjectRef | null = projectId ? { id: projectId, name: names[projectId] ?? projectId } : null;
    return { account, project };
  };
  const after = (accountId: string) => {
    core.alerts.evaluate();
    core.refreshTray();
    return core.spendControls.known(accountId);
  };
  return {
    getSpendControls: async ({ accountId, refresh }) => {
      const { account } = target(accountId, null);
      if (!refresh) return core.spendControls.known(account.id);
      await core.spendControls.refreshScope(account, null);
      return after(account.id);
    },
    setSpendLimit: async ({ accountId, projectId, cents }) => {
      const { account, project } = target(accountId, projectId);
      await core.spendControls.setLimit(account, project, cents);
      return after(account.id);
    },
    removeSpendLimit: async ({ accountId, projectId }) => {
      const { account, project } = target(accountId, projectId);
      await core.spendControls.removeLimit(account, project);
      return after(account.id);
    },
    addSpendEmailAlert: async ({ accountId, projectId, cents, recipients }) => {
      const { account, project } = target(accountId, projectId);
      await core.spendControls.addEmailAlert(account, project, cents, recipients);
      return after(account.id);
    },
    updateSpendEmailAlert: async ({ accountId, projectId, alertId, cents, recipients }) => {
      const { account, project } = target(accountId, projectId);
      await core.spendControls.updateEmailAlert(account, project, alertId, cents, recipients);
      return after(account.id);
    },
    removeSpendEmailAlert: async ({ accountId, projectId, alertId }) => {
      const { account, project } = target(accountId, projectId);
      await core.spendControls.removeEmailAlert(account, project, alertId);
      return after(account.id);
    },
  };
}
