/**
 * Invoices, their reconciliation against local history, and the support case log: what the Billing
 * history panel, the `invoice` / `reconcile` commands and the billing-discrepancy alert all use.
 */
import { randomHex } from '../random-id';
import {
  caseContactInputSchema,
  caseStateSchema,
  invoiceInputSchema,
  type BillingMonthStatus,
  type CaseContact,
  type CaseContactInput,
  type CaseState,
  type Invoice,
  type InvoiceInput,
  type Reconciliation,
  type ReconciliationDetail,
  type SupportCase,
} from '../../../shared/billing';
import { addMonths, dayFromMs, dayRange, monthOf, type UtcMonth } from '../../../shared/dates';
import { utcMonthSchema } from '../../../shared/domain';
import { breakdown, totalBetween } from '../aggregate/aggregations';
import type { AccountViews, ResolvedAccount } from '../account-views';
import { AppError } from '../errors';
import { requireAccount } from '../accounts/account-lookup';
import type { Clock } from '../ports';
import type { SettingsRepository } from '../settings/settings';
import { renderBillingReport } from './billing-report';
import type { BillingStore } from './billing-store';
import { billingPeriod, reconcile } from './reconcile';
import { scrubSecrets } from './scrub';
import { PROVIDERS } from '../../../shared/providers';

export class BillingService {
  constructor(
    private readonly deps: {
      store: BillingStore;
      settings: SettingsRepository;
      views: AccountViews;
      clock: Clock;
    },
  ) {}

  private today(): string {
    return dayFromMs(this.deps.clock.now().getTime());
  }

  /** The user's real accounts (never the demo organisation), and the one asked for by id or name. */
  private resolve(idOrName: string): { target: ResolvedAccount; all: ResolvedAccount[] } {
    const settings = this.deps.settings.read();
    const wanted = requireAccount(settings.accounts, idOrName);
    const all = this.deps.views.resolveAll(settings);
    return { target: all.find((r) => r.account.id === wanted.id)!, all };
  }

  private checkMonth(month: string): UtcMonth {
    const parsed = utcMonthSchema.safeParse(month);
    if (!parsed.success || Number(month.slice(5, 7)) < 1 || Number(month.slice(5, 7)) > 12)
      throw new AppError('invalid_input', `"${month}" is not a month: use YYYY-MM.`);
    return month;
  }

  /** Records (or replaces) the invoice of an account's month; says whether one was there before. */
  recordInvoice(input: InvoiceInput): { invoice: Invoice; replaced: boolean } {
    const { target } = this.resolve(String(input.accountId ?? ''));
    const parsed = invoiceInputSchema.safeParse({ ...input, accountId: target.account.id });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'invalid_input',
        `${issue?.path.join('.') ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid invoice'}`,
      );
    }
    const value = parsed.data;
    if (value.month > monthOf(this.today()))
      throw new AppError('invalid_input', `${value.month} has not started yet: a month is invoiced after it ends.`);
    const period = billingPeriod(value.month, value.periodStartDay);
    const invoice: Invoice = {
      ...value,
      number: value.number === null ? null : scrubSecrets(value.number),
      recordedAt: this.deps.clock.now().toISOString(),
      costsAtRecordMicros: totalBetween([target.view], period.from, period.to),
    };
    let replaced = false;
    this.deps.store.update((doc) => {
      const others = doc.invoices.filter((i) => !(i.accountId === invoice.accountId && i.month === invoice.month));
      replaced = others.length < doc.invoices.length;
      doc.invoices = [...others, invoice];
    });
    return { invoice, replaced };
  }

  /** Invoices of one account (or all), newest month first. */
  listInvoices(accountIdOrName?: string): (Invoice & { accountName: string })[] {
    const names = new Map(this.deps.settings.read().accounts.map((a) => [a.id, a.name]));
    const only = accountIdOrName === undefined ? undefined : this.resolve(accountIdOrName).target.account.id;
    return this.deps.store
      .read()
      .invoices.filter((i) => names.has(i.accountId) && (!only || i.accountId === only))
      .map((i) => ({ ...i, accountName: names.get(i.accountId)! }))
      .sort((a, b) => b.month.localeCompare(a.month) || a.accountName.localeCompare(b.accountName));
  }

  removeInvoice(accountIdOrName: string, month: string): void {
    const accountId = this.resolve(accountIdOrName).target.account.id;
    this.checkMonth(month);
    const removed = this.deps.store.update((doc) => {
      const before = doc.invoices.length;
      doc.invoices = doc.invoices.filter((i) => !(i.accountId === accountId && i.month === month));
      return before !== doc.invoices.length;
    });
    if (!removed) throw new AppError('not_found', `No invoice recorded for ${accountIdOrName}, ${month}.`);
  }

  reconcile(accountIdOrName: string, month: string): Reconciliation {
    this.checkMonth(month);
    const { target, all } = this.resolve(accountIdOrName);
    const invoice =
      this.deps.store.read().invoices.find((i) => i.accountId === target.account.id && i.month === month) ?? null;
    return this.reconcileResolved(target, all, month, invoice);
  }

  private reconcileResolved(
    target: ResolvedAccount,
    all: ResolvedAccount[],
    month: UtcMonth,
    invoice: Invoice | null,
  ): Reconciliation {
    return reconcile({
      account: { id: target.account.id, name: target.account.name, provider: PROVIDERS[target.account.provider].name },
      view: target.view,
      lastSyncedAt: target.lastSyncedAt,
      others: all
        .filter((r) => r.account.id !== target.account.id)
        .map((r) => ({ name: r.account.name, view: r.view })),
      month,
      invoice,
      today: this.today(),
    });
  }

  /** The reconciliation with the costs by day, project and line item, and the support case. */
  detail(accountIdOrName: string, month: string): ReconciliationDetail {
    const reconciliation = this.reconcile(accountIdOrName, month);
    const { target } = this.resolve(reconciliation.accountId);
    const { from, to } = reconciliation.period;
    const views = [target.view];
    return {
      reconciliation,
      byDay: dayRange(from, to).map((day) => ({
        day,
        micros: target.view.history.hasDay(day) ? totalBetween(views, day, day) : null,
      })),
      byProject: breakdown(views, from, to, 'project'),
      byLineItem: breakdown(views, from, to, 'line_item'),
      supportCase: this.findCase(reconciliation.accountId, month),
    };
  }

  /** Each of the last `count` months' status, newest first (the Billing history column). */
  statuses(accountIdOrName: string, count = 12): BillingMonthStatus[] {
    const { target, all } = this.resolve(accountIdOrName);
    const doc = this.deps.store.read();
    const rows: BillingMonthStatus[] = [];
    for (let m = monthOf(this.today()), i = 0; i < count; m = addMonths(m, -1), i++) {
      const invoice = doc.invoices.find((x) => x.accountId === target.account.id && x.month === m) ?? null;
      const r = this.reconcileResolved(target, all, m, invoice);
      const c = doc.cases.find((x) => x.accountId === target.account.id && x.month === m);
      rows.push({
        month: m,
        status: r.status,
        differenceMicros: r.differenceMicros,
        caseState: c?.state ?? null,
        finalFrom: r.finalFrom,
      });
    }
    return rows;
  }

  /** The Markdown report for support, and a file name for it. */
  report(accountIdOrName: string, month: string): { fileName: string; markdown: string } {
    const detail = this.detail(accountIdOrName, month);
    const provider = PROVIDERS[this.resolve(detail.reconciliation.accountId).target.account.provider];
    const label = detail.reconciliation.accountName.replace(/[^A-Za-z0-9_-]+/g, '-');
    return {
      fileName: `spendwatch-reconciliation-${label}-${month}.md`,
      markdown: renderBillingReport(detail, this.deps.clock.now().toISOString(), provider),
    };
  }

  private findCase(accountId: string, month: string): SupportCase | null {
    return this.deps.store.read().cases.find((c) => c.accountId === accountId && c.month === month) ?? null;
  }

  /** Logs a contact with support about a month; opens the case if there is none. */
  addContact(input: CaseContactInput): CaseContact {
    const accountId = this.resolve(String(input.accountId ?? '')).target.account.id;
    const parsed = caseContactInputSchema.safeParse({ ...input, accountId });
    if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'invalid contact');
    const { month, accountId: _a, ...fields } = parsed.data;
    const contact: CaseContact = {
      id: `ct_${randomHex(6)}`,
      ...fields,
      reference: scrubSecrets(fields.reference),
      note: scrubSecrets(fields.note),
      outcome: scrubSecrets(fields.outcome),
    };
    this.deps.store.update((doc) => {
      const existing = doc.cases.find((c) => c.accountId === accountId && c.month === month);
      if (existing) existing.contacts = [...existing.contacts, contact].sort((a, b) => a.date.localeCompare(b.date));
      else doc.cases.push({ accountId, month, state: 'open', contacts: [contact] });
    });
    return contact;
  }

  removeContact(accountIdOrName: string, month: string, contactId: string): boolean {
    const accountId = this.resolve(accountIdOrName).target.account.id;
    return this.deps.store.update((doc) => {
      const c = doc.cases.find((x) => x.accountId === accountId && x.month === month);
      if (!c) return false;
      const before = c.contacts.length;
      c.contacts = c.contacts.filter((k) => k.id !== contactId);
      return before !== c.contacts.length;
    });
  }

  setCaseState(accountIdOrName: string, month: string, state: CaseState): SupportCase {
    const accountId = this.resolve(accountIdOrName).target.account.id;
    this.checkMonth(month);
    const next = caseStateSchema.parse(state);
    return this.deps.store.update((doc) => {
      let c = doc.cases.find((x) => x.accountId === accountId && x.month === month);
      if (!c) {
        c = { accountId, month, state: next, contacts: [] };
        doc.cases.push(c);
      }
      c.state = next;
      return structuredClone(c);
    });
  }

  /** Every recorded invoice's reconciliation, for the billing-discrepancy alert. */
  reconcileRecorded(accounts: ResolvedAccount[], sinceMonth: UtcMonth): Reconciliation[] {
    const invoices = this.deps.store.read().invoices.filter((i) => i.month >= sinceMonth);
    return invoices.flatMap((invoice) => {
      const target = accounts.find((a) => a.account.id === invoice.accountId && !a.isDemo);
      return target ? [this.reconcileResolved(target, accounts, invoice.month, invoice)] : [];
    });
  }

  forgetAccount(accountId: string): void {
    const doc = this.deps.store.read();
    if (!doc.invoices.some((i) => i.accountId === accountId) && !doc.cases.some((c) => c.accountId === accountId))
      return;
    this.deps.store.update((doc) => {
      doc.invoices = doc.invoices.filter((i) => i.accountId !== accountId);
      doc.cases = doc.cases.filter((c) => c.accountId !== accountId);
    });
  }
}
