/** The tray's wording and colour from the core's tray facts (src/main/electron/tray-text.ts). */
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src/shared/domain';
import { trayText } from '../../../src/main/electron/tray-text';
import { budgetUsage } from '../../../src/shared/budget-state';

/** A summary as the core makes it: the budget state worked out from the figures given, by the core's one rule. */
const account = (over: Partial<AccountSummary> = {}): AccountSummary => {
  const summary = { ...figures, ...over };
  const { budget } = summary;
  const state = budget
    ? budgetUsage(summary.monthToDateMicros, budget.monthlyMicros, summary.forecastMicros).state
    : null;
  return { budgetState: state, ...summary };
};
const figures: Omit<AccountSummary, 'budgetState'> = {
  id: 'acc_1',
  name: 'Acme Prod',
  provider: 'openai',
  keyHint: 'sk-admin-…abcd',
  isDemo: false,
  lastSyncedAt: '2026-11-21T10:00:00.000Z',
  lastError: null,
  warning: null,
  stale: false,
  syncing: false,
  monthToDateMicros: 401_220_000,
  todayMicros: 1_220_000,
  forecastMicros: 600_000_000,
  budget: null,
  budgetUsedPercent: null,
  dataSince: '2026-10-01',
};
const budget = (monthlyMicros: number) => ({
  monthlyMicros,
  thresholds: [50, 80, 100],
  dailyMicros: null,
  projects: {},
});
const facts = (accounts: AccountSummary[], more: Partial<Parameters<typeof trayText>[0]> = {}) => ({
  today: '2026-11-21',
  accounts,
  enforcingLimits: [],
  paymentNotices: [],
  ...more,
});

describe('tray text', () => {
  it('says month to date per account, with the budget share, and stays calm without a budget', () => {
    const view = trayText(
      facts([
        account(),
        account({ id: 'acc_2', name: 'Research', provider: 'anthropic', monthToDateMicros: 12_500_000, isDemo: true }),
      ]),
    );
    expect(view.state).toBe('ok');
    expect(view.lines).toEqual(['Acme Prod: $401.22 this month', 'Research: $12.50 this month — demo data']);
    expect(view.tooltip).toBe(['Spendwatch', ...view.lines].join('\n'));
  });

  it('turns amber at 80% of a budget or a forecast past it, and red at 100%', () => {
    expect(trayText(facts([account({ budget: budget(1_000_000_000), budgetUsedPercent: 40.1 })])).state).toBe('ok');
    expect(trayText(facts([account({ budget: budget(500_000_000), budgetUsedPercent: 80.2 })])).state).toBe('warning');
    expect(trayText(facts([account({ budget: budget(550_000_000), budgetUsedPercent: 72.9 })])).state).toBe('warning');
    const over = trayText(facts([account({ budget: budget(400_000_000), budgetUsedPercent: 100.3 })]));
    expect(over.state).toBe('over');
    expect(over.lines[0]).toBe('Acme Prod: $401.22 this month (100.3% of budget)');
    expect(over.lines[1]).toBe('Acme Prod: $1.22 over budget already — on pace for $600.00');
  });

  it('says an overrun ahead in words on its own line, amber, and nothing when the forecast is well under', () => {
    // Nov 21, $401.22 spent, $600 forecast, $550 budget: $198.78 left over 10 days; $148.78 to go → day 7 (Nov 28).
    const ahead = trayText(facts([account({ budget: budget(550_000_000), budgetUsedPercent: 72.9 })]));
    expect(ahead.state).toBe('warning');
    expect(ahead.lines).toEqual([
      'Acme Prod: $401.22 this month (72.9% of budget)',
      'Acme Prod: On pace for $600.00 — $50.00 over, crosses the budget around Nov 28',
    ]);
    // Close: a $640 budget with a $600 forecast (93.75%) is amber too, said as what is left.
    const close = trayText(facts([account({ budget: budget(640_000_000), budgetUsedPercent: 62.7 })]));
    expect(close.state).toBe('warning');
    expect(close.lines[1]).toBe('Acme Prod: On pace for $600.00 — $40.00 under the budget, close to it');
    // Well under: one line, calm.
    const under = trayText(facts([account({ budget: budget(1_000_000_000), budgetUsedPercent: 40.1 })]));
    expect(under.lines).toEqual(['Acme Prod: $401.22 this month (40.1% of budget)']);
    expect(under.state).toBe('ok');
  });

  it('turns amber on a failing sync, and red while OpenAI blocks requests, whatever the budget says', () => {
    expect(trayText(facts([account({ lastError: { code: 'invalid_key', message: 'revoked' } })])).state).toBe(
      'warning',
    );
    const blocked = trayText(
      facts([account()], {
        enforcingLimits: [{ accountId: 'acc_1', scopeName: 'Web app (Acme Prod)', limitMicros: 750_000_000 }],
      }),
    );
    expect(blocked.state).toBe('over');
    expect(blocked.lines.at(-1)).toBe(
      'OpenAI is blocking API requests for Web app (Acme Prod) (hard limit $750.00 reached)',
    );
  });

  it('says a failed sync in the tray, with the time the figures are from, not only on the dashboard', () => {
    const failed = trayText(
      facts([
        account({
          lastError: { code: 'offline', message: 'Spendwatch could not reach OpenAI. Check your internet connection.' },
          stale: true,
        }),
        account({
          id: 'acc_2',
          name: 'Research',
          lastSyncedAt: null,
          lastError: { code: 'invalid_key', message: 'The key was revoked.' },
        }),
      ]),
    );
    const at = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date('2026-11-21T10:00:00.000Z'),
    );
    expect(failed.state).toBe('warning');
    expect(failed.lines.slice(2)).toEqual([
      `Acme Prod: the last sync failed, figures as of ${at}. Spendwatch could not reach OpenAI. Check your internet connection.`,
      'Research: the last sync failed, no figures yet. The key was revoked.',
    ]);
    expect(failed.tooltip).toContain('the last sync failed');
    expect(trayText(facts([account()])).lines.join('\n')).not.toContain('sync failed');
  });

  it('adds expiring cards: amber a while ahead, red in the last week', () => {
    const soon = trayText(
      facts([account()], {
        paymentNotices: [{ methodId: 'pm_1', severity: 'warning', message: 'Visa •••• 4242 expires in 40 days.' }],
      }),
    );
    expect(soon.state).toBe('warning');
    expect(soon.lines.at(-1)).toBe('Visa •••• 4242 expires in 40 days.');
    expect(
      trayText(
        facts([account()], {
          paymentNotices: [{ methodId: 'pm_1', severity: 'critical', message: 'Visa •••• 4242 has expired.' }],
        }),
      ).state,
    ).toBe('over');
  });
});
