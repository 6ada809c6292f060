/**
 * Reconciliation in core, on history synced from the fake OpenAI server, with a settable clock: the settle
 * window, billing periods that are not the UTC month, another organisation's invoice, late-settling costs,
 * refunds, missing days, the support case log, the report, input validation and the once-only alert.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoopbackSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { dayRange } from '../../../../src/shared/dates';
import { FakeOpenAiServer, type FakeOrganisation } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../../fake-openai/organisations';
import { expectedSumMicros } from '../../../support/expected-money';
import { FakeKeychain } from '../../../support/fake-vault';
import { TestClock } from '../../../support/test-clock';
import { costRow } from '../../../support/cost-row';

const KEY_A = 'sk-admin-bill-aaaaaaaaaaaaaaaa';
const KEY_B = 'sk-admin-bill-bbbbbbbbbbbbbbbb';
const NOW = new Date('2026-11-21T10:00:00Z');

function sideOrganisation(): FakeOrganisation {
  const org: FakeOrganisation = { projects: [{ id: 'proj_side', name: 'Side' }], costs: {}, usage: {} };
  for (const day of dayRange('2026-09-01', '2026-11-21'))
    org.costs[day] = [{ projectId: 'proj_side', lineItem: 'gpt-4o-mini-2024-07-18, input', value: 3.21 }];
  return org;
}

const sum = (org: FakeOrganisation, from: string, to: string) =>
  Number(expectedSumMicros(dayRange(from, to).flatMap((d) => (org.costs[d] ?? []).map((r) => r.value))));

describe('billing service', () => {
  let server: FakeOpenAiServer;
  let dataDir: string;
  let clock: TestClock;
  let core: TestSpendwatch;
  let acme: FakeOrganisation;
  let acmeId: string;
  const notified: string[] = [];

  const makeCore = () =>
    createLoopbackSpendwatch({ dataDir, vault, clock, notifier: { notify: (n) => notified.push(n.title) } });
  let vault: FakeKeychain;

  beforeEach(async () => {
    acme = smallOrganisation(120, NOW);
    // A big first of November, so a period shifted by a day is clearly not the calendar month.
    (acme.costs['2026-11-01'] ??= []).push({
      projectId: 'proj_alpha',
      lineItem: 'gpt-4o-2024-08-06, output',
      value: 40,
    });
    server = new FakeOpenAiServer({ [KEY_A]: acme, [KEY_B]: sideOrganisation() });
    const baseUrl = await server.start();
    dataDir = mkdtempSync(join(tmpdir(), 'sw-billing-'));
    clock = new TestClock(NOW);
    vault = new FakeKeychain();
    notified.length = 0;
    core = makeCore();
    acmeId = (await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: KEY_A, baseUrl })).id;
    await core.accounts.add({ name: 'Side', provider: 'openai', apiKey: KEY_B, baseUrl });
    await core.sync.run();
  });
  afterEach(() => server.stop());

  const october = () => sum(acme, '2026-10-01', '2026-10-31');

  it('waits 3 full days after the period, and for a sync after that, before costs count as final', async () => {
    core.services.billing.recordInvoice({ accountId: 'Acme', month: '2026-10', totalMicros: october() });
    clock.set('2026-11-03T23:00:00Z');
    await core.sync.run();
    let r = core.services.billing.reconcile('Acme', '2026-10');
    expect(r.status).toBe('not-final');
    expect(r.finalFrom).toBe('2026-11-04');
    expect(r.explanations[0]).toMatchObject({ kind: 'not-final' });
    expect(r.explanations[0].message).toContain('not final until 2026-11-04');
    clock.set('2026-11-04T08:00:00Z');
    r = core.services.billing.reconcile('Acme', '2026-10');
    expect(r.status).toBe('not-final');
    expect(r.explanations[0].message).toMatch(/last sync was on 2026-11-03: sync first/);
    await core.sync.run();
    expect(core.services.billing.reconcile('Acme', '2026-10').status).toBe('matched');
  });

  it('a billing period from another start day is reconciled over that period and explained with figures', () => {
    const costs = sum(acme, '2026-10-15', '2026-11-14');
    core.services.billing.recordInvoice({
      accountId: acmeId,
      month: '2026-10',
      periodStartDay: 15,
      totalMicros: Math.round(costs / 10_000) * 10_000,
    });
    // Final from Nov 18; the last sync was on Nov 21.
    clock.set('2026-11-25T00:00:00Z');
    const r = core.services.billing.reconcile('Acme', '2026-10');
    expect(r.period).toEqual({ from: '2026-10-15', to: '2026-11-14' });
    expect(r.costsMicros).toBe(costs);
    expect(r.status).toBe('matched');
    const period = r.explanations.find((e) => e.kind === 'billing-period')!;
    expect(period.amountMicros).toBe(costs - october());
    expect(period.message).toContain('2026-10-15 to 2026-11-14');
  });

  it('notices an invoice whose period is shifted by a day, or that belongs to another organisation', () => {
    const shifted = sum(acme, '2026-10-02', '2026-11-01');
    core.services.billing.recordInvoice({ accountId: 'Acme', month: '2026-10', totalMicros: shifted });
    let r = core.services.billing.reconcile('Acme', '2026-10');
    expect(r.status).toBe('discrepancy');
    expect(r.explanations.find((e) => e.kind === 'billing-period')?.message).toContain('2026-10-02 to 2026-11-01');
    expect(r.explanations.map((e) => e.kind)).not.toContain('unexplained');

    core.services.billing.recordInvoice({ accountId: 'Acme', month: '2026-10', totalMicros: 31 * 3_210_000 });
    r = core.services.billing.reconcile('Acme', '2026-10');
    expect(r.explanations.find((e) => e.kind === 'other-account')?.message).toContain(
      "Side's costs for the period ($99.51)",
    );
  });

  it('explains costs that settled after the invoice was recorded, and refunds', async () => {
    core.services.billing.recordInvoice({
      accountId: 'Acme',
      month: '2026-11',
      totalMicros: 1_000_000,
      status: 'refunded',
      date: '2026-11-21',
    });
    // Today's costs grow after the invoice is recorded.
    acme.costs['2026-11-21'].push({ projectId: 'proj_beta', lineItem: 'gpt-4o-mini-2024-07-18, input', value: 7 });
    clock.advance(3_600_000);
    await core.sync.run();
    const r = core.services.billing.reconcile('Acme', '2026-11');
    const late = r.explanations.filter((e) => e.kind === 'late-settling');
    expect(late[0]).toMatchObject({ amountMicros: 7_000_000 });
    expect(late[0].message).toContain('changed by $7.00 since the invoice was recorded on 2026-11-21');
    expect(r.explanations.find((e) => e.kind === 'refund')?.message).toContain('$1.00');
  });

  it('a difference that costs settling later account for is explained; an early invoice date alone is only context', () => {
    core.services.billing.recordInvoice({
      accountId: 'Acme',
      month: '2026-10',
      totalMicros: october(),
      date: '2026-11-01',
    });
    expect(core.services.billing.reconcile('Acme', '2026-10').status).toBe('matched');
    // October 30 settles $2 higher after the invoice was recorded (written as a sync would).
    const { history } = core.services.history.load(acmeId);
    history.replaceCosts(
      new Map([
        [
          '2026-10-30',
          [...history.costRows('2026-10-30')!, costRow('proj_alpha', 'gpt-4o-2024-08-06, output', 2_000_000)],
        ],
      ]),
    );
    core.services.history.save(acmeId);
    let r = core.services.billing.reconcile('Acme', '2026-10');
    expect(r).toMatchObject({ status: 'discrepancy', differenceMicros: -2_000_000 });
    expect(r.explanations.find((e) => e.kind === 'late-settling')).toMatchObject({ amountMicros: 2_000_000 });
    expect(r.explanations.map((e) => e.kind)).not.toContain('unexplained');

    core.services.billing.recordInvoice({
      accountId: 'Acme',
      month: '2026-10',
      totalMicros: october() + 7_000_000,
      date: '2026-11-01',
    });
    r = core.services.billing.reconcile('Acme', '2026-10');
    expect(r.differenceMicros).toBe(5_000_000);
    expect(r.explanations.map((e) => e.kind)).toEqual(['unexplained', 'late-settling']);
    expect(r.explanations[1].message).toContain("dated 2026-11-01, before the period's costs settled (2026-11-04)");
  });

  it('names days missing from local history', () => {
    // The 12-month backfill starts on 2025-12-01: November 2025 is not in local history.
    const r = core.services.billing.reconcile('Acme', '2025-11');
    expect(r.explanations.find((e) => e.kind === 'missing-days')?.message).toContain('30 of 30 days');
    expect(r.explanations.find((e) => e.kind === 'missing-days')?.message).toContain('2025-11-01 to 2025-11-30');
  });

  it('keeps a support case log and puts it, escaped and without secrets, in the report', () => {
    core.services.billing.recordInvoice({
      accountId: 'Acme',
      month: '2026-10',
      totalMicros: october() + 5_000_000,
      number: 'INV|7',
    });
    core.services.billing.addContact({
      accountId: 'Acme',
      month: '2026-10',
      date: '2026-11-10',
      channel: 'email',
      reference: 'CASE-1',
      note: 'Sent the report.\nKey was sk-admin-abcdefghijklmnop1234',
      outcome: 'Waiting',
    });
    core.services.billing.addContact({
      accountId: 'Acme',
      month: '2026-10',
      date: '2026-11-05',
      channel: 'chat',
      reference: 'CHAT-9',
      note: 'Asked | about it',
      outcome: 'Escalated',
    });
    core.services.billing.addContact({
      accountId: 'Acme',
      month: '2026-10',
      date: '2026-11-12',
      channel: 'phone',
      reference: 'T-3',
      note: 'They asked for the card: 4242 4242 4242 4242',
      outcome: 'Refused',
    });
    core.services.billing.setCaseState('Acme', '2026-10', 'resolved-refund');
    const detail = core.services.billing.detail('Acme', '2026-10');
    expect(detail.supportCase?.state).toBe('resolved-refund');
    expect(detail.supportCase?.contacts.map((c) => c.reference)).toEqual(['CHAT-9', 'CASE-1', 'T-3']);
    // Secrets pasted into a note are never stored.
    expect(readFileSync(join(dataDir, 'billing.json'), 'utf8')).not.toMatch(/4242 4242 4242 4242|abcdefghijklmnop/);
    expect(detail.byDay).toHaveLength(31);
    // Each day is its own exact sum, rounded once (days rounded apart need not add up to the rounded month).
    for (const d of detail.byDay) expect(d.micros).toBe(sum(acme, d.day, d.day));

    const { fileName, markdown } = core.services.billing.report('Acme', '2026-10');
    expect(fileName).toBe('spendwatch-reconciliation-Acme-2026-10.md');
    expect(markdown).toContain('# Billing reconciliation: Acme, October 2026 (2026-10)');
    expect(markdown).toContain('Resolved with refund');
    expect(markdown).toContain('| 2026-11-05 | chat | CHAT-9 | Asked \\| about it | Escalated |');
    expect(markdown).toContain('| Number | INV\\|7 |');
    expect(markdown).toContain('**Difference** (invoice − expected, to the cent) | **$5.00**');
    expect(markdown).not.toContain('abcdefghijklmnop');
    expect(markdown).toContain('They asked for the card: •••• 4242');
    expect(markdown).not.toMatch(/4242 4242 4242 4242|4242424242424242/);
    expect(markdown).not.toContain(KEY_A);
  });

  it('validates what it records and changes nothing on bad input', () => {
    const bad = [
      { accountId: 'Acme', month: '2026-10', totalMicros: 100, subtotalMicros: 5_000_000 },
      { accountId: 'Acme', month: '2026-10', totalMicros: -1 },
      { accountId: 'Acme', month: '2026-10', totalMicros: 1, number: 'x'.repeat(65) },
      { accountId: 'Acme', month: '2026-10', totalMicros: 1, periodStartDay: 31 },
      { accountId: 'Acme', month: '2027-01', totalMicros: 1 },
    ];
    for (const input of bad)
      expect(() => core.services.billing.recordInvoice(input), JSON.stringify(input)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    expect(() =>
      core.services.billing.recordInvoice({ accountId: 'Nobody', month: '2026-10', totalMicros: 1 }),
    ).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() =>
      core.services.billing.addContact({
        accountId: 'Acme',
        month: '2026-10',
        date: '2026-11-10',
        channel: 'email',
        note: 'bell\u0007',
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(core.services.billing.listInvoices()).toEqual([]);
  });

  it('a damaged billing.json is reported, not silently emptied', () => {
    writeFileSync(join(dataDir, 'billing.json'), '{"version":1,"invoices":"nope","cases":[]}');
    expect(() => core.services.billing.listInvoices()).toThrow(/billing\.json\) is damaged/);
  });

  it('raises billing-discrepancy once per account and month, with the figures', () => {
    core.services.billing.recordInvoice({ accountId: 'Acme', month: '2026-10', totalMicros: october() + 5_000_000 });
    const raised = core.alerts.evaluate().filter((a) => a.kind === 'billing-discrepancy');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ accountName: 'Acme', period: '2026-10', severity: 'warning' });
    expect(raised[0].message).toMatch(/October 2026 invoice \(\$[\d.]+\) is \$5\.00 more than/);
    expect(notified).toHaveLength(1);
    expect(core.alerts.evaluate()).toEqual([]);
    expect(makeCore().alerts.evaluate()).toEqual([]);
    // A matched or not-final invoice never alerts.
    core.services.billing.recordInvoice({
      accountId: 'Acme',
      month: '2026-09',
      totalMicros: sum(acme, '2026-09-01', '2026-09-30'),
    });
    core.services.billing.recordInvoice({ accountId: 'Side', month: '2026-11', totalMicros: 1 });
    expect(core.alerts.evaluate()).toEqual([]);
  });
});
