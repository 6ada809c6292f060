/** The IPC answers for invoices, reconciliation, the support case log and the report (Billing history). */
import type { Spendwatch } from '../core/use-cases/spendwatch';
import type { IpcHandlers } from './dispatch';
import type { ShellActions } from './shell-actions';

type BillingChannels =
  | 'getBillingStatuses'
  | 'getReconciliation'
  | 'saveInvoice'
  | 'removeInvoice'
  | 'addCaseContact'
  | 'removeCaseContact'
  | 'setCaseState'
  | 'exportReport';

export function billingHandlers(app: Spendwatch, shell: ShellActions): Pick<IpcHandlers, BillingChannels> {
  return {
    getBillingStatuses: ({ accountId }) => app.billing.statuses(accountId),
    getReconciliation: ({ accountId, month }) => app.billing.detail(accountId, month),
    saveInvoice: (input) => app.billing.recordInvoice(input).reconciliation,
    removeInvoice: ({ accountId, month }) => {
      app.billing.removeInvoice(accountId, month);
      return { removed: true };
    },
    addCaseContact: (input) => app.billing.addContact(input),
    removeCaseContact: ({ accountId, month, contactId }) => ({
      removed: app.billing.removeContact(accountId, month, contactId),
    }),
    setCaseState: ({ accountId, month, state }) => app.billing.setCaseState(accountId, month, state),
    exportReport: async ({ accountId, month }) => {
      const { fileName, markdown } = app.billing.report(accountId, month);
      if (!shell.saveFile) return { fileName, savedTo: null, markdown };
      return { fileName, savedTo: await shell.saveFile(fileName, markdown), markdown: null };
    },
  };
}
