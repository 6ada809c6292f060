/**
 * Invoices and reconciliation through the CLI, on history synced from the fake OpenAI server: an invoice equal
 * to the costs, one explained by tax, one by credits, an unexplained $5.00, a month not yet final, a month
 * without an invoice, the report's contents, and the once-only billing-discrepancy alert.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { expectedSumMicros, microsText } from '../../support/expected-money';

/** The latest UTC month whose costs have settled (its last day at least 4 days ago). */
function closedMonth(): string {
  const today = utcDay(0);
  const current = today.slice(0, 7);
  const back = (n: number) => {
    const d = new Date(Date.UTC(Number(current.slice(0, 4)), Number(current.slice(5, 7)) - 1 - n, 1));
    return d.toISOString().slice(0, 7);
  };
  return Number(today.slice(8, 10)) >= 4 ? back(1) : back(2);
}

const cents = (micros: bigint) => {
  // Half-even to the cent, independently of the app's code.
  let c = micros / 10_000n;
  const rest = micros % 10_000n;
  if (rest > 5_000n || (rest === 5_000n && c % 2n === 1n)) c += 1n;
  return c * 10_000n;
};

/** A figure as every sentence and report shows it: to the cent, with separators (Intl on the rounded cents). */
const shown = (micros: bigint) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(cents(micros)) / 1e6);

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('spendwatch invoices and reconcile', () => {
  const key = `sk-admin-billing${Date.now()}xxxxxxxxxxxxxxxxxx`;
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-billing-'));
  const org = smallOrganisation(100);
  const month = closedMonth();
  let server: FakeOpenAiServer;
  let costs = 0n;
  const cli = (...args: string[]) => runCli(args, { home });
  const reconcileJson = async (m = month) => {
    const r = await cli('reconcile', '--account', 'Acme Prod', '--month', m, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [key]: org });
    const baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme Prod', '--base-url', baseUrl], {
          home,
          input: key,
        })
      ).code,
    ).toBe(0);
    expect((await cli('sync')).code).toBe(0);
    costs = expectedSumMicros(
      Object.entries(org.costs)
        .filter(([day]) => day.startsWith(month))
        .flatMap(([, rows]) => rows.map((r) => r.value)),
    );
  });
  afterAll(async () => {
    await cli('accounts', 'remove', 'Acme Prod');
    await server.stop();
  });

  it('without an invoice: no-invoice, with the exact costs', async () => {
    const r = await reconcileJson();
    expect(Object.keys(r)).toEqual([
      'account',
      'month',
      'status',
      'invoice',
      'costs',
      'expected',
      'difference',
      'explanations',
    ]);
    expect(r).toMatchObject({
      account: 'Acme Prod',
      month,
      status: 'no-invoice',
      invoice: null,
      costs: { amount: microsText(costs), currency: 'usd' },
    });
    expect(r.explanations.map((e: { kind: string }) => e.kind)).toEqual(['no-invoice']);
  });

  it('an invoice equal to the costs (in cents) matches, with nothing to explain', async () => {
    const add = await cli(
      'invoice',
      'add',
      '--account',
      'Acme Prod',
      '--month',
      month,
      '--total',
      microsText(cents(costs)),
      '--number',
      'INV-0001',
      '--date',
      `${month}-28`,
    );
    expect(add.code).toBe(0);
    const r = await reconcileJson();
    expect(r.status).toBe('matched');
    expect(r.difference).toEqual({ amount: '0.00', currency: 'usd' });
    expect(r.expected.amount).toBe(microsText(costs));
    expect(r.invoice).toMatchObject({
      number: 'INV-0001',
      date: `${month}-28`,
      total: { amount: microsText(cents(costs)), currency: 'usd' },
      status: 'paid',
    });
    expect(r.explanations.map((e: { kind: string }) => e.kind)).not.toContain('unexplained');
  });

  it('an invoice that differs by tax matches, with the tax explained', async () => {
    const total = cents(costs) + 12_340_000n;
    expect(
      (
        await cli(
          'invoice',
          'add',
          '--account',
          'Acme Prod',
          '--month',
          month,
          '--total',
          microsText(total),
          '--tax',
          '12.34',
        )
      ).code,
    ).toBe(0);
    const r = await reconcileJson();
    expect(r.status).toBe('matched');
    expect(r.expected.amount).toBe(microsText(costs + 12_340_000n));
    const tax = r.explanations.find((e: { kind: string }) => e.kind === 'tax');
    expect(tax.amount).toEqual({ amount: '12.34', currency: 'usd' });
    expect(tax.message).toContain('$12.34');
    // Adding again replaced the month's invoice: one invoice listed.
    const list = JSON.parse((await cli('invoice', 'list', '--json')).stdout);
    expect(list.invoices).toHaveLength(1);
    expect(list.invoices[0]).toMatchObject({
      account: 'Acme Prod',
      month,
      tax: { amount: '12.34' },
      total: { amount: microsText(total) },
    });
  });

  it('an invoice that differs by credits applied matches, with the credits explained', async () => {
    const total = cents(costs) - 20_000_000n;
    expect(
      (
        await cli(
          'invoice',
          'add',
          '--account',
          'Acme Prod',
          '--month',
          month,
          '--total',
          microsText(total),
          '--credits',
          '20',
        )
      ).code,
    ).toBe(0);
    const r = await reconcileJson();
    expect(r.status).toBe('matched');
    const credits = r.explanations.find((e: { kind: string }) => e.kind === 'credits');
    expect(credits.message).toContain('$20.00');
    expect(r.explanations.map((e: { kind: string }) => e.kind)).not.toContain('tax');
  });

  it('an unexplained $5.00 is a discrepancy of 5.00, raises billing-discrepancy once, and the report says so', async () => {
    const total = cents(costs) + 5_000_000n;
    const add = await cli(
      'invoice',
      'add',
      '--account',
      'Acme Prod',
      '--month',
      month,
      '--total',
      microsText(total),
      '--number',
      'INV-0002',
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/ALERT .*invoice does not match/);
    const reportFile = join(home, 'report.md');
    const r = await reconcileJson();
    expect(r.status).toBe('discrepancy');
    expect(r.difference).toEqual({ amount: '5.00', currency: 'usd' });
    const unexplained = r.explanations.find((e: { kind: string }) => e.kind === 'unexplained');
    expect(unexplained.amount).toEqual({ amount: '5.00', currency: 'usd' });
    expect(unexplained.message).toContain('$5.00');

    // The alert fires once per month: neither a sync nor a re-recording repeats it.
    const sync = JSON.parse((await cli('sync', '--json')).stdout);
    expect(sync.alerts.filter((a: { kind: string }) => a.kind === 'billing-discrepancy')).toEqual([]);
    expect(
      (await cli('invoice', 'add', '--account', 'Acme Prod', '--month', month, '--total', microsText(total))).stdout,
    ).not.toMatch(/ALERT/);

    const status = JSON.parse((await cli('status', '--json')).stdout);
    expect(
      status.alerts
        .filter((a: { kind: string }) => a.kind === 'billing-discrepancy')
        .map((a: { period: string }) => a.period),
    ).toEqual([month]);

    const withReport = await cli('reconcile', '--account', 'Acme Prod', '--month', month, '--report', reportFile);
    expect(withReport.code).toBe(0);
    expect(withReport.stdout).toContain('discrepancy');
    const report = readFileSync(reportFile, 'utf8');
    expect(report).toContain('Acme Prod');
    expect(report).toContain(month);
    // Figures to the cent, as every sentence shows them (the exact ones are in --json).
    expect(report).toContain(`| ${shown(costs)} |`); // the costs total
    expect(report).toContain(`| ${shown(total)} |`); // the invoice total
    expect(report).toMatch(/\*\*Difference\*\*.*\$5\.00/);
    expect(report).toContain('unexplained');
    // Every day of the month, with its costs.
    const first = `${month}-01`;
    const firstDay = expectedSumMicros((org.costs[first] ?? []).map((row) => row.value));
    expect(report).toContain(`| ${first} | ${shown(firstDay)} |`);
    expect(report).toContain('gpt-4o-2024-08-06, input');
    expect(report).toContain('Alpha app');
    // Nothing secret: no key (not even its masked hint), nothing card-like.
    expect(report).not.toContain(key);
    expect(report).not.toContain(key.slice(-4));
    expect(report).not.toMatch(/sk-/);
    expect(report).not.toMatch(/\b\d{13,19}\b/);
  });

  it('the running month is not final, and says how long it waits', async () => {
    const current = utcDay(0).slice(0, 7);
    expect((await cli('invoice', 'add', '--account', 'Acme Prod', '--month', current, '--total', '1.00')).code).toBe(0);
    const r = await reconcileJson(current);
    expect(r.status).toBe('not-final');
    expect(r.explanations[0].kind).toBe('not-final');
    expect(r.explanations[0].message).toMatch(/3 days/);
  });

  it('lists, removes, and refuses bad input', async () => {
    const list = JSON.parse((await cli('invoice', 'list', '--account', 'Acme Prod', '--json')).stdout);
    expect(list.invoices.map((i: { month: string }) => i.month)).toEqual([utcDay(0).slice(0, 7), month]);
    expect((await cli('invoice', 'remove', '--account', 'Acme Prod', '--month', month)).code).toBe(0);
    expect((await reconcileJson()).status).toBe('no-invoice');
    expect((await cli('invoice', 'remove', '--account', 'Acme Prod', '--month', month)).code).toBe(1);
    for (const args of [
      ['invoice', 'add', '--account', 'Acme Prod', '--month', '2026-13', '--total', '1'],
      ['invoice', 'add', '--account', 'Acme Prod', '--month', month, '--total', '-5'],
      ['invoice', 'add', '--account', 'Acme Prod', '--month', month, '--total', 'lots'],
      ['invoice', 'add', '--account', 'Acme Prod', '--month', month, '--total', '1', '--date', '2026-02-30'],
      ['invoice', 'add', '--account', 'Acme Prod', '--month', '2999-01', '--total', '1'],
      ['reconcile', '--account', 'Acme Prod'],
    ]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect((await cli('reconcile', '--account', 'Nobody', '--month', month)).code).toBe(1);
    expect(JSON.parse((await cli('invoice', 'list', '--json')).stdout).invoices).toHaveLength(1);
  });
});
