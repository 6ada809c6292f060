/**
 * `spendwatch invoice add|list|remove` and `spendwatch reconcile`: record a provider's invoices (there is no
 * invoice API to read them from) and reconcile a month against the exact costs in local history, optionally writing the
 * support-ready Markdown report. The --json shapes are a documented contract (docs/user/cli.md).
 */
import { lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Invoice, Reconciliation } from '../../../shared/billing';
import { AppError } from '../../core/errors';
import { writeFileAtomic } from '../../core/fs/atomic-file';
import { moneyText } from '../../../shared/money-text';
import { billingPeriod } from '../../core/billing/reconcile';
import { money } from '../../core/reports/status-report';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { terminalSafe } from '../../core/text/safe-output';
import { dayArg, monthArg, textArg, usdArg } from '../arguments';
import { print, printAlerts, printJson } from '../output';

function invoiceJson(invoice: Invoice) {
  const period = billingPeriod(invoice.month, invoice.periodStartDay);
  return {
    month: invoice.month,
    number: invoice.number,
    date: invoice.date,
    period,
    subtotal: money(invoice.subtotalMicros ?? invoice.totalMicros - invoice.taxMicros + invoice.creditsMicros),
    tax: money(invoice.taxMicros),
    credits: money(invoice.creditsMicros),
    total: money(invoice.totalMicros),
    status: invoice.status,
    recordedAt: invoice.recordedAt,
  };
}

function reconciliationJson(r: Reconciliation) {
  return {
    account: r.accountName,
    month: r.month,
    status: r.status,
    invoice: r.invoice ? invoiceJson(r.invoice) : null,
    costs: money(r.costsMicros),
    expected: money(r.expectedMicros),
    difference: money(r.differenceMicros),
    explanations: r.explanations.map((e) => ({
      kind: e.kind,
      amount: e.amountMicros === null ? null : money(e.amountMicros),
      message: e.message,
    })),
  };
}

function renderReconciliation(r: Reconciliation): string {
  const lines = [
    `${r.accountName}, ${r.month} (${r.period.from} to ${r.period.to}): ${r.status}`,
    `  Costs:       ${moneyText(r.costsMicros)}`,
    ...(r.invoice
      ? [`  + tax:       ${moneyText(r.invoice.taxMicros)}`, `  − credits:   ${moneyText(r.invoice.creditsMicros)}`]
      : []),
    `  Expected:    ${moneyText(r.expectedMicros)}`,
    `  Invoice:     ${r.invoice ? moneyText(r.invoice.totalMicros) : 'none recorded'}`,
    `  Difference:  ${moneyText(r.differenceMicros)}`,
    ...r.explanations.map((e) => `  - ${e.kind}: ${e.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerBillingCommands(program: Command, makeCore: () => Spendwatch): void {
  const invoice = program
    .command('invoice')
    .description("record your provider's invoices (there is no invoice API to read them from) to reconcile them")
    .exitOverride();
  invoice
    .command('add')
    .description("record a month's invoice (replaces the month's previous one)")
    .requiredOption('--account <name>', 'account name')
    .requiredOption('--month <YYYY-MM>', 'the UTC month the invoice is for', monthArg)
    .requiredOption('--total <usd>', 'the invoice total in USD', usdArg)
    .option('--tax <usd>', 'tax on the invoice', usdArg)
    .option('--credits <usd>', 'credits applied on the invoice', usdArg)
    .option('--number <text>', 'the invoice number', textArg)
    .option('--date <YYYY-MM-DD>', 'the invoice date', dayArg)
    .action(
      async (opts: {
        account: string;
        month: string;
        total: number;
        tax?: number;
        credits?: number;
        number?: string;
        date?: string;
      }) => {
        const core = makeCore();
        const {
          invoice: saved,
          replaced,
          reconciliation: r,
          alerts,
        } = core.billing.recordInvoice({
          accountId: opts.account,
          month: opts.month,
          totalMicros: opts.total,
          taxMicros: opts.tax ?? 0,
          creditsMicros: opts.credits ?? 0,
          number: opts.number ?? null,
          date: opts.date ?? null,
        });
        print(
          `${replaced ? 'Replaced' : 'Recorded'} the ${saved.month} invoice of ${r.accountName}: ${moneyText(saved.totalMicros)}. Reconciliation: ${r.status} (difference ${moneyText(r.differenceMicros)}).\n`,
        );
        printAlerts(alerts.filter((a) => a.kind === 'billing-discrepancy'));
      },
    );
  invoice
    .command('list')
    .description('list recorded invoices')
    .option('--account <name>', 'only this account')
    .option('--json', 'machine-readable output')
    .action(async (opts: { account?: string; json?: boolean }) => {
      const list = makeCore().billing.listInvoices(opts.account);
      if (opts.json) printJson({ invoices: list.map((i) => ({ account: i.accountName, ...invoiceJson(i) })) });
      else if (!list.length) print('No invoices recorded.\n');
      else
        for (const i of list)
          print(
            `${terminalSafe(i.accountName)}\t${i.month}\t${moneyText(i.totalMicros)}\t${i.status}${i.number ? `\t${terminalSafe(i.number)}` : ''}\n`,
          );
    });
  invoice
    .command('remove')
    .description("remove a month's invoice")
    .requiredOption('--account <name>', 'account name')
    .requiredOption('--month <YYYY-MM>', 'the month', monthArg)
    .action(async (opts: { account: string; month: string }) => {
      makeCore().billing.removeInvoice(opts.account, opts.month);
      print(`Removed the ${opts.month} invoice.\n`);
    });

  program
    .command('reconcile')
    .description("compare a month's recorded invoice with the exact costs in local history (no network)")
    .requiredOption('--account <name>', 'account name')
    .requiredOption('--month <YYYY-MM>', 'the month', monthArg)
    .option('--json', 'machine-readable output')
    .option('--report <file.md>', 'also write the support-ready Markdown report to this file')
    .action(async (opts: { account: string; month: string; json?: boolean; report?: string }) => {
      const core = makeCore();
      const r = core.billing.reconcile(opts.account, opts.month);
      if (opts.report) {
        const path = resolve(opts.report);
        reportTargetProblem(path, opts.report);
        writeFileAtomic(path, core.billing.report(opts.account, opts.month).markdown, 0o600);
        if (!opts.json) print(`Report written to ${path}\n`);
      }
      if (opts.json) printJson(reconciliationJson(r));
      else print(renderReconciliation(r));
    });
}

/**
 * The report replaces a regular file or makes a new one in a folder that exists, nothing else: a device, a FIFO, a
 * symlink or a folder at the path is refused (the atomic rename would replace it), and no folder is created.
 */
function reportTargetProblem(path: string, given: string): void {
  const target = lstatSync(path, { throwIfNoEntry: false });
  if (target?.isDirectory())
    throw new AppError('invalid_input', `${given} is a folder: give a file name such as report.md.`);
  if (target && !target.isFile())
    throw new AppError(
      'invalid_input',
      `${given} is not a regular file (a link, device or pipe): give the name of a new or ordinary file.`,
    );
  const folder = statSync(dirname(path), { throwIfNoEntry: false });
  if (!folder?.isDirectory())
    throw new AppError(
      'invalid_input',
      `The folder for ${given} does not exist: create it first, or choose another place.`,
    );
}
