/** IPC handlers for OpenAI's spend controls: the app's views name scopes by ids. */
import type { Spendwatch } from '../core/use-cases/spendwatch';
import type { IpcHandlers } from './dispatch';

type SpendControlChannels =
  | 'getSpendControls'
  | 'setSpendLimit'
  | 'removeSpendLimit'
  | 'addSpendEmailAlert'
  | 'updateSpendEmailAlert'
  | 'removeSpendEmailAlert';

export function spendControlHandlers(app: Spendwatch): Pick<IpcHandlers, SpendControlChannels> {
  const controls = app.spendControls;
  return {
    getSpendControls: ({ accountId, refresh }) => (refresh ? controls.refresh(accountId) : controls.known(accountId)),
    setSpendLimit: async ({ accountId, projectId, cents }) => {
      await controls.setLimit(controls.scopeById(accountId, projectId), cents);
      return controls.known(accountId);
    },
    removeSpendLimit: ({ accountId, projectId }) => controls.removeLimit(controls.scopeById(accountId, projectId)),
    addSpendEmailAlert: async ({ accountId, projectId, cents, recipients }) => {
      await controls.addEmailAlert(controls.scopeById(accountId, projectId), cents, recipients);
      return controls.known(accountId);
    },
    updateSpendEmailAlert: ({ accountId, projectId, alertId, cents, recipients }) =>
      controls.updateEmailAlert(controls.scopeById(accountId, projectId), alertId, cents, recipients),
    removeSpendEmailAlert: ({ accountId, projectId, alertId }) =>
      controls.removeEmailAlert(controls.scopeById(accountId, projectId), alertId),
  };
}
