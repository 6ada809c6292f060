/** Builds what an alert rule reads (AlertRuleContext) for tests of the rules themselves, without a core. */
import type { ResolvedAccount } from '../../src/main/core/account-views';
import type { HistoryView } from '../../src/main/core/aggregate/aggregations';
import { ruleContext, type AlertRuleContext, type InvoiceChecks } from '../../src/main/core/alerts/rule-context';
import type { Settings } from '../../src/main/core/settings/settings';
import type { Budget } from '../../src/shared/domain';
import type { AccountSpendControls } from '../../src/shared/spend-controls';
import { DEFAULT_EXPIRY_ALERT_DAYS } from '../../src/shared/payments';

export const testSettings = (over: Partial<Settings> = {}): Settings => ({
  version: 1,
  accounts: [],
  budgets: {},
  general: { pollMinutes: 15, startAtLogin: false, notifications: true, theme: 'system' },
  alerts: { spikeFloorMicros: 5_000_000, preferences: {} },
  payments: { methods: [], events: [], expiryAlertDays: DEFAULT_EXPIRY_ALERT_DAYS },
  credits: {},
  webhooks: [],
  ...over,
});

export const resolvedAccount = (
  id: string,
  name: string,
  view: HistoryView,
  over: Partial<ResolvedAccount> = {},
): ResolvedAccount => ({
  account: { id, name, provider: 'openai', baseUrl: 'x', keyHint: 'sk-admin-…abcd', createdAt: '' },
  view,
  isDemo: false,
  lastSyncedAt: null,
  lastError: null,
  firstFailureAt: null,
  failuresTotal: 0,
  warning: null,
  budget: null,
  ...over,
});

export function testRuleContext(input: {
  now: Date;
  accounts?: ResolvedAccount[];
  settings?: Settings;
  budget?: Budget;
  spendControls?: (accountId: string) => AccountSpendControls | undefined;
  invoices?: InvoiceChecks;
  warn?: (message: string) => void;
}): AlertRuleContext {
  const accounts = input.accounts ?? [];
  return ruleContext({
    settings: input.settings ?? testSettings({ accounts: accounts.map((a) => a.account) }),
    accounts,
    now: input.now,
    spendControls: input.spendControls,
    invoices: input.invoices,
    warn: input.warn,
  });
}
