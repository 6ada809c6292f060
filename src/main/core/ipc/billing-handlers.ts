/** The IPC answers for invoices, reconciliation, the support case log and the report (Billing history). */
import { ALL_ACCOUNTS } from '../../../shared/domain';
import type { SpendwatchCore } from '../spendwatch-core';
import type { IpcHandlers } from './dispatch';
import type { ShellActions } from './handlers';

type BillingChannels = 'getBillingStatuses' | 'getReconciliation' | 'saveInvoice' | 'removeInvoice' | 'addCaseContact' | 'removeCaseContact' | 'setCaseState' | 'exportReport';

export function billingHandlers(core: SpendwatchCore, shell: ShellActions, changed: <T>(value: T) => T): Pick<IpcHandlers, BillingChannels> {
  /** "All accounts" reconciles only when there is exactly one; the demo organisation has no invoices. */
  const single = (accountId: string): string | null => {
    const accounts = core.accounts.list();
    if (accountId !== ALL_ACCOUNTS) return accountId;
    return accounts.length === 1 ? accounts[0].id : null;
  };
  return {
    getBillingStatuses: ({ accountId }) => {
      const id = single(accountId);
      return id && core.accounts.list().length ? core.billing.statuses(id) : [];
    },
    getReconciliation: ({ accountId, month }) => core.billing.detail(single(accountId) ?? accountId, month),
    saveInvoice: (input) => {
      const invoice = core.billing.recordInvoice({ ...input, accountId: single(input.accountId) ?? input.accountId });
      return changed(core.billing.reconcile(invoice.accountId, invoice.month));
    },
    removeInvoice: ({ accountId, month }) => {
      core.billing.removeInvoice(single(accountId) ?? accountId, month);
      return changed({ removed: true });
    },
    addCaseContact: (input) => changed(core.billing.addContact({ ...input, accountId: single(input.accountId) ?? input.accountId })),
    removeCaseContact: ({ accountId, month, contactId }) => changed({ removed: core.billing.removeContact(single(accountId) ?? accountId, month, contactId) }),
    setCaseState: ({ accountId, month, state }) => changed(core.billing.setCaseState(single(accountId) ?? accountId, month, state)),
    exportReport: async ({ accountId, month }) => {
      const { fileName, markdown } = core.billing.report(single(accountId) ?? accountId, month);
      if (!shell.saveFile) return { fileName, savedTo: null, markdown };
      return { fileName, savedTo: await shell.saveFile(fileName, markdown), markdown: null };
    },
  };
}
