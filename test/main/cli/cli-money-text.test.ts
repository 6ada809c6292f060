/**
 * The CLI's human output on a large organisation follows the one money rule (src/shared/money-text.ts): every
 * command that prints money — status, budget, breakdown, prices, savings, invoice add / list, reconcile,
 * its report, the ALERT lines — run as a real process against a seeded data dir at a fixed instant. The exact
 * figures stay in `--json` and in the CSV export.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toMicros } from '../../../src/shared/money';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { clockAt } from '../../support/clock-env';
import { FINANCE_INVOICE, FINANCE_NOW, seedFinanceOrganisations } from '../../support/finance-organisation';
import { moneyViolations, spacingViolations } from '../../support/money-scan';

describe('spendwatch: one money rule in its human output', () => {
  const home = seedFinanceOrganisations();
  // LANG drives the CLI's locale (Intl's default); the rule is checked in en-US.
  const env = { ...clockAt(FINANCE_NOW), LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' };
  const cli = async (...args: string[]) => {
    const r = await runCli(args, { home, env });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const human: Record<string, string> = {};

  beforeAll(async () => {
    ensureCliBuilt();
    const costs = toMicros(
      JSON.parse(await cli('reconcile', '--account', 'Finance Org', '--month', FINANCE_INVOICE.month, '--json')).costs
        .amount as string,
    );
    const total = costs + FINANCE_INVOICE.taxMicros - FINANCE_INVOICE.creditsMicros + 100_000_000;
    const decimal = (micros: number) => (micros / 1e6).toFixed(6);
    human['invoice add'] = await cli(
      'invoice',
      'add',
      '--account',
      'Finance Org',
      '--month',
      FINANCE_INVOICE.month,
      '--total',
      decimal(total),
      '--tax',
      decimal(FINANCE_INVOICE.taxMicros),
      '--credits',
      decimal(FINANCE_INVOICE.creditsMicros),
    );
    const report = join(home, 'report.md');
    human.status = await cli('status');
    human['budget list'] = await cli('budget', 'list');
    human.breakdown = await cli('breakdown', '--by', 'project', '--account', 'Finance Org');
    human.savings = await cli('savings', '--account', 'Finance Org');
    human.prices = await cli('prices', '--account', 'Finance Org');
    human['invoice list'] = await cli('invoice', 'list');
    for (const month of ['2026-10', '2026-11', '2026-12'])
      human[`reconcile ${month}`] = await cli(
        'reconcile',
        '--account',
        'Finance Org',
        '--month',
        month,
        ...(month === '2026-11' ? ['--report', report] : []),
      );
    human.report = readFileSync(report, 'utf8');
  }, 240_000);

  it('prints "Forecast: $20,144.02"-style figures, never exact decimals', () => {
    expect(human.status).toMatch(/Forecast: +\$\d{2},\d{3}\.\d{2}\n/);
    expect(human.status).toMatch(/Budget: +[\d.]+% of \$18,000\.00/);
    // The forecast passes the $18,000 budget: the terminal says so in the app's words.
    expect(human.status).toMatch(
      / {2}Over budget: On pace for \$\d{2},\d{3}\.\d{2} — \$[\d,]+\.\d{2} over, crosses the budget around /,
    );
    expect(human['reconcile 2026-11']).toContain('$100.00');
    for (const [command, text] of Object.entries(human)) {
      expect(text.length, command).toBeGreaterThan(0);
      expect(moneyViolations(text), `${command}:\n${text}`).toEqual([]);
      // Sentences (alerts, explanations, confirmations) have single spaces; aligned columns are layout, not prose.
      const sentences = text.split('\n').filter((l) => /^(ALERT | {2}- |Recorded |Replaced |Budget for )/.test(l));
      for (const line of sentences) expect(spacingViolations(line), `${command}: ${line}`).toEqual([]);
    }
    expect(human['reconcile 2026-11']).toMatch(/^ {2}- unexplained: /m);
  });

  it('keeps the exact figures in --json and in the CSV export', async () => {
    const status = JSON.parse(await cli('status', '--json'));
    const fin = status.accounts.find((a: { name: string }) => a.name === 'Finance Org');
    expect(fin.forecast.amount).toMatch(/^\d{5}\.\d{3,6}$/);
    expect(fin.monthToDate.amount).toMatch(/^\d{5}\.\d{3,6}$/);
    const csv = await cli('export', '--account', 'Finance Org', '--from', '2026-12-01', '--to', '2026-12-19');
    expect(csv).toMatch(/,\d+\.\d{6}(,|\n)/);
    expect(csv).not.toMatch(/\$\d/);
  });
});
