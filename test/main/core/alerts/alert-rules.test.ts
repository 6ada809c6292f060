/**
 * The one list of alert rules (src/main/core/alerts/alert-rules.ts): every rule has the one signature and reads
 * only its context, and together they raise every kind the registry (ALERT_KINDS) has. One context is built here
 * in which every kind's condition holds, so a kind whose rule is missing from ALERT_RULES fails this test.
 */
import { describe, expect, it } from 'vitest';
import { ALERT_RULES } from '../../../../src/main/core/alerts/alert-rules';
import { billingDiscrepancy } from '../../../../src/main/core/alerts/rules/billing';
import { AccountHistory } from '../../../../src/main/core/history/account-history';
import { ALERT_KIND_IDS, ALERT_KINDS } from '../../../../src/shared/alert-kinds';
import type { Reconciliation } from '../../../../src/shared/billing';
import { dayRange } from '../../../../src/shared/dates';
import type { AccountSpendControls } from '../../../../src/shared/spend-controls';
import type { CostRow } from '../../../../src/main/core/history/types';
import { costRow } from '../../../support/cost-row';
import { resolvedAccount, testRuleContext, testSettings } from '../../../support/rule-context';

const NOW = new Date('2026-11-21T10:00:00Z');

/** `daily` a day from 20 October, then `today` today. */
function history(daily: number, today: number): AccountHistory {
  const h = new AccountHistory();
  const costs = new Map<string, CostRow[]>();
  for (const day of dayRange('2026-10-20', '2026-11-20')) costs.set(day, [costRow('proj_a', 'gpt-4o, input', daily)]);
  costs.set('2026-11-21', [costRow('proj_a', 'gpt-4o, input', today)]);
  h.loadMonth(costs, new Map());
  return h;
}

const controls: AccountSpendControls = {
  accountId: 'acc_a',
  warning: null,
  readOnly: false,
  scopes: [
    {
      scope: 'account',
      name: null,
      limit: { cents: 100_000, enforcing: true },
      limitCheckedAt: '2026-11-21T09:00:00Z',
      emailAlerts: null,
      emailAlertsCheckedAt: null,
    },
    {
      scope: 'project:proj_a',
      name: 'Web app',
      limit: { cents: 31_000, enforcing: false },
      limitCheckedAt: '2026-11-21T09:00:00Z',
      emailAlerts: null,
      emailAlertsCheckedAt: null,
    },
  ],
} as AccountSpendControls;

const discrepancy = {
  accountId: 'acc_a',
  accountName: 'Acme',
  month: '2026-10',
  status: 'discrepancy',
  invoice: { totalMicros: 400_000_000 },
  costsMicros: 310_000_000,
  expectedMicros: 310_000_000,
  differenceMicros: 90_000_000,
  explanations: [],
} as unknown as Reconciliation;

function everyKindContext(warned: string[] = []) {
  // $10 a day, then $100 today: a spike, $300 this month (over half its budget, and over its daily budget).
  const a = resolvedAccount(
    'acc_a',
    'Acme',
    { history: history(10_000_000, 100_000_000), projectNames: { proj_a: 'Web app' } },
    {
      budget: { monthlyMicros: 250_000_000, thresholds: [50], dailyMicros: 50_000_000, projects: {} },
      lastError: { code: 'invalid_key', message: 'The key was revoked.' },
      firstFailureAt: '2026-11-21T08:00:00Z',
    },
  );
  // On course past its budget while under it: $20 a day ($420 so far) against $500.
  const b = resolvedAccount(
    'acc_b',
    'Research',
    { history: history(20_000_000, 20_000_000), projectNames: {} },
    {
      budget: { monthlyMicros: 500_000_000, thresholds: [], dailyMicros: null, projects: {} },
    },
  );
  const settings = testSettings({
    accounts: [a.account, b.account],
    payments: {
      methods: [
        {
          id: 'pm_1',
          type: 'card',
          label: '',
          role: 'primary',
          accountIds: ['acc_a'],
          createdAt: '',
          updatedAt: '',
          card: { brand: 'visa', last4: '4242', cardholderName: 'A', expMonth: 11, expYear: 2026 },
        },
      ],
      events: [],
      expiryAlertDays: [60, 30, 7, 1],
    } as never,
    credits: {
      acc_a: {
        entries: [
          {
            id: 'cr_1',
            kind: 'purchase',
            amountMicros: 50_000_000,
            date: '2025-11-25',
            expiresOn: '2026-11-25',
            note: '',
          },
        ],
        recordedBalance: { amountMicros: 10_000_000, asOf: '2026-11-01' },
        autoRecharge: null,
      },
    },
  });
  return testRuleContext({
    now: NOW,
    settings,
    accounts: [a, b],
    spendControls: (id) => (id === 'acc_a' ? controls : undefined),
    invoices: { reconcileRecorded: () => [discrepancy] },
    warn: (message) => warned.push(message),
  });
}

describe('alert rules', () => {
  it('one list, one signature: together the rules raise every kind of the registry, each candidate keyed by its kind', () => {
    const candidates = ALERT_RULES.flatMap((rule) => rule(everyKindContext()));
    expect([...new Set(candidates.map((c) => c.kind))].sort()).toEqual([...ALERT_KIND_IDS].sort());
    for (const c of candidates) {
      expect(c.key.split('|')[0]).toBe(c.kind);
      expect(ALERT_KINDS[c.kind].badge).toBeTruthy();
      expect(c.accountName).toBeTruthy();
    }
  });

  it('the invoice check reports its own failure and raises nothing, so the other rules still run', () => {
    const warned: string[] = [];
    const context = {
      ...everyKindContext(warned),
      invoices: {
        reconcileRecorded: () => {
          throw new Error('billing.json is damaged');
        },
      },
    };
    expect(billingDiscrepancy(context)).toEqual([]);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/^Invoices were not checked against costs: .*billing\.json is damaged/);
    expect(ALERT_RULES.flatMap((rule) => rule(context)).some((c) => c.kind === 'budget-threshold')).toBe(true);
  });
});
