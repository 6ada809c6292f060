/**
 * Every sentence the core produces on a large organisation follows the one money rule (src/shared/money-text.ts):
 * each alert's title and message (every rule that fires), each desktop notification, the tray's text, every
 * reconciliation explanation and the billing report, and the CLI's status text — while the
 * JSON documents keep the exact figures. No sentence has two spaces in a row or a space before punctuation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderStatus } from '../../../../src/main/cli/output';
import { trayText } from '../../../../src/main/electron/tray-text';
import { setMoneyLocale } from '../../../../src/shared/money-text';
import type { Alert } from '../../../../src/shared/domain';
import { FakeKeychain } from '../../../support/fake-vault';
import { FINANCE_INVOICE, FINANCE_NOW, seedFinanceOrganisations } from '../../../support/finance-organisation';
import { moneyViolations, spacingViolations } from '../../../support/money-scan';
import { createLoopbackSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { TestClock } from '../../../support/test-clock';

describe('one money rule in every sentence the core produces (large organisation)', () => {
  let core: TestSpendwatch;
  let alerts: Alert[];
  const notifications: { title: string; body: string }[] = [];

  beforeAll(() => {
    setMoneyLocale('en-US');
    core = createLoopbackSpendwatch({
      dataDir: seedFinanceOrganisations(),
      vault: new FakeKeychain(),
      clock: new TestClock(new Date(FINANCE_NOW)),
      notifier: { notify: (n) => notifications.push({ title: n.title, body: n.body }) },
    });
    // An invoice $100 off what the costs, tax and credits explain.
    const costs = core.billing.reconcile('Finance Org', FINANCE_INVOICE.month).costsMicros;
    const expected = costs + FINANCE_INVOICE.taxMicros - FINANCE_INVOICE.creditsMicros;
    core.billing.recordInvoice({ ...FINANCE_INVOICE, totalMicros: expected + 100_000_000 });
    // Prepaid credit: a purchase that expires soon, and a balance that runs out within days.
    core.payments.addCredit({
      accountId: 'acc_fin',
      kind: 'purchase',
      amountMicros: 5_000_287_226,
      date: '2026-01-10',
    });
    core.payments.setRecordedBalance('acc_fin', { amountMicros: 2_500_123_456, asOf: '2026-12-16' });
    core.alerts.evaluate();
    // Every alert raised so far: recording the invoice evaluated the rules already.
    alerts = core.alerts.list().alerts;
  });
  afterAll(() => setMoneyLocale(undefined));

  const expectTheRule = (texts: string[]) => {
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(moneyViolations(text), text).toEqual([]);
      expect(spacingViolations(text), text).toEqual([]);
    }
  };

  it('the organisation is the one the issue describes (figures above $1,000 with sub-cent digits)', () => {
    const status = core.queries.status(alerts);
    const fin = status.accounts.find((a) => a.name === 'Finance Org')!;
    expect(fin.byProject.length).toBeGreaterThanOrEqual(19);
    expect(Number(fin.forecast!.amount)).toBeGreaterThan(18_000);
    expect(fin.monthToDate.amount).toMatch(/^\d{4,}\.\d{3,6}$/); // exact in JSON, beyond the cent
    expect(status.accounts.map((a) => a.provider)).toContain('anthropic');
  });

  it('alert titles and messages, of every rule that fires', () => {
    const kinds = new Set(alerts.map((a) => a.kind));
    for (const kind of [
      'budget-threshold',
      'forecast-over-budget',
      'daily-budget',
      'billing-discrepancy',
      'low-balance',
      'credit-expiring',
    ])
      expect(kinds, kind).toContain(kind);
    expect(
      [...kinds].some((k) => k.includes('spike')),
      [...kinds].join(),
    ).toBe(true);
    expectTheRule(alerts.flatMap((a) => [a.title, a.message]));
  });

  it('desktop notifications (title and body)', () => {
    expect(notifications.length).toBe(alerts.length);
    expectTheRule(notifications.flatMap((n) => [n.title, n.body]));
  });

  it('the tray', () => {
    expectTheRule(trayText(core.queries.trayFacts()).lines);
  });

  it('reconciliation explanations of every month, and the billing report', () => {
    const texts: string[] = [];
    for (const account of ['Finance Org', 'Claude Team'])
      for (const month of ['2026-09', '2026-10', '2026-11', '2026-12'])
        texts.push(...core.billing.reconcile(account, month).explanations.map((e) => e.message));
    expect(texts.join('\n')).toContain('$100.00');
    expectTheRule(texts);
    // The report is a document with tables: its figures follow the rule; its cells are spaced by the table.
    const report = core.billing.report('Finance Org', '2026-11').markdown;
    expect(moneyViolations(report)).toEqual([]);
  });

  it('the CLI status text reads "Forecast: $20,144.02"-style figures; its JSON keeps the exact ones', () => {
    const doc = core.queries.status(alerts);
    const text = renderStatus(doc);
    expect(text).toMatch(/Forecast: +\$\d{2},\d{3}\.\d{2}\n/);
    expect(moneyViolations(text)).toEqual([]);
    expect(JSON.stringify(doc)).toMatch(/"amount":"\d+\.\d{3,6}"/);
  });
});
