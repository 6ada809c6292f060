/**
 * Invoices and reconciliation: recorded invoices against the exact costs in local history, the support case
 * log and the report. "All accounts" reconciles only when there is exactly one account (the demo
 * organisation has no invoices). A change re-evaluates alerts: a new invoice may not match.
 */
import { ALL_ACCOUNTS, type Alert } from '../../../shared/domain';
import type {
  BillingMonthStatus,
  CaseContact,
  CaseContactInput,
  CaseState,
  Invoice,
  InvoiceInput,
  Reconciliation,
  ReconciliationDetail,
  SupportCase,
} from '../../../shared/billing';
import type { AccountService } from '../accounts/account-service';
import type { BillingService } from '../billing/billing-service';
import type { AfterChange } from './after-change';

export class BillingUseCase {
  constructor(private readonly deps: { billing: BillingService; accounts: AccountService; after: AfterChange }) {}

  /** An account id or name; "all" stands for the only account, if there is exactly one. */
  private target(accountIdOrName: string): string {
    if (accountIdOrName !== ALL_ACCOUNTS) return accountIdOrName;
    const accounts = this.deps.accounts.list();
    return accounts.length === 1 ? accounts[0].id : accountIdOrName;
  }

  /** Month by month: invoice recorded or not, and whether it matches. Empty for "all" over several accounts, and without accounts. */
  statuses(accountIdOrName: string): BillingMonthStatus[] {
    const id = this.target(accountIdOrName);
    return id !== ALL_ACCOUNTS && this.deps.accounts.list().length ? this.deps.billing.statuses(id) : [];
  }

  listInvoices(accountIdOrName?: string): (Invoice & { accountName: string })[] {
    return this.deps.billing.listInvoices(accountIdOrName === undefined ? undefined : this.target(accountIdOrName));
  }

  /** Records (or replaces) a month's invoice and reconciles it; returns the alerts it raised. */
  recordInvoice(input: InvoiceInput): {
    invoice: Invoice;
    replaced: boolean;
    reconciliation: Reconciliation;
    alerts: Alert[];
  } {
    const accountId = this.target(input.accountId);
    const { invoice, replaced } = this.deps.billing.recordInvoice({ ...input, accountId });
    const reconciliation = this.deps.billing.reconcile(invoice.accountId, invoice.month);
    return { invoice, replaced, reconciliation, alerts: this.deps.after.evaluate('billing') };
  }

  removeInvoice(accountIdOrName: string, month: string): void {
    this.deps.billing.removeInvoice(this.target(accountIdOrName), month);
    this.deps.after.evaluate('billing');
  }

  reconcile(accountIdOrName: string, month: string): Reconciliation {
    return this.deps.billing.reconcile(this.target(accountIdOrName), month);
  }

  detail(accountIdOrName: string, month: string): ReconciliationDetail {
    return this.deps.billing.detail(this.target(accountIdOrName), month);
  }

  /** The support-ready Markdown report of a month. */
  report(accountIdOrName: string, month: string): { fileName: string; markdown: string } {
    return this.deps.billing.report(this.target(accountIdOrName), month);
  }

  addContact(input: CaseContactInput): CaseContact {
    const contact = this.deps.billing.addContact({ ...input, accountId: this.target(input.accountId) });
    this.deps.after.announce('billing');
    return contact;
  }

  removeContact(accountIdOrName: string, month: string, contactId: string): boolean {
    const removed = this.deps.billing.removeContact(this.target(accountIdOrName), month, contactId);
    this.deps.after.announce('billing');
    return removed;
  }

  setCaseState(accountIdOrName: string, month: string, state: CaseState): SupportCase {
    const supportCase = this.deps.billing.setCaseState(this.target(accountIdOrName), month, state);
    this.deps.after.evaluate('billing');
    return supportCase;
  }
}
