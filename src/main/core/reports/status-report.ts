/**
 * The `status --json` / `sync --json` document: a stable, documented shape built from local history.
 * Money is {"amount": "<decimal string>", "currency": "usd"}; periods are UTC months.
 */
import { firstDayOfMonth, monthOf } from '../../../shared/dates';
import { microsToDecimal, type Micros } from '../../../shared/money';
import type { AccountSummary } from '../../../shared/domain';
import { breakdown, usageByModel } from '../aggregate/aggregations';
import type { ResolvedAccount } from '../account-views';
import type { SpendwatchCore } from '../spendwatch-core';

export interface Money {
  amount: string;
  currency: string;
}

export const money = (micros: Micros, currency = 'usd'): Money => ({ amount: microsToDecimal(micros), currency });

export interface StatusAccount {
  name: string;
  provider: string;
  lastSyncedAt: string | null;
  stale: boolean;
  error: { code: string; message: string } | null;
  monthToDate: Money;
  today: Money;
  forecast: Money | null;
  budget: { monthly: Money; usedPercent: number } | null;
  byProject: { id: string; name: string; amount: string; currency: string }[];
  byLineItem: { name: string; amount: string; currency: string }[];
  byModel: { name: string; amount: string; currency: string; inputTokens: number; outputTokens: number; requests: number }[];
}

export interface StatusDocument {
  generatedAt: string;
  period: string;
  accounts: StatusAccount[];
  alerts: unknown[];
}

export function buildStatusDocument(core: SpendwatchCore, alerts: unknown[] = []): StatusDocument {
  const settings = core.settings.read();
  const today = core.today();
  const from = firstDayOfMonth(monthOf(today));
  const resolved = settings.accounts.length ? core.views.resolveAll(settings) : [];
  return {
    generatedAt: new Date().toISOString(),
    period: monthOf(today),
    accounts: resolved.map((r) => statusAccount(r, core.views.summarise(r, settings, false), from, today)),
    alerts,
  };
}

function statusAccount(r: ResolvedAccount, s: AccountSummary, from: string, today: string): StatusAccount {
  const currency = 'usd';
  const views = [r.view];
  const usage = new Map(usageByModel(views, from, today).map((u) => [u.model, u]));
  return {
    name: s.name,
    provider: s.provider,
    lastSyncedAt: s.lastSyncedAt,
    stale: s.stale,
    error: s.lastError,
    monthToDate: money(s.monthToDateMicros, currency),
    today: money(s.todayMicros, currency),
    forecast: s.forecastMicros === null ? null : money(s.forecastMicros, currency),
    budget: s.budget ? { monthly: money(s.budget.monthlyMicros, currency), usedPercent: s.budgetUsedPercent ?? 0 } : null,
    byProject: breakdown(views, from, today, 'project').map((p) => ({ id: p.key, name: p.name, amount: microsToDecimal(p.micros), currency })),
    byLineItem: breakdown(views, from, today, 'line_item').map((l) => ({ name: l.name, amount: microsToDecimal(l.micros), currency })),
    byModel: breakdown(views, from, today, 'model').map((m) => {
      const u = usage.get(m.name);
      return {
        name: m.name,
        amount: microsToDecimal(m.micros),
        currency,
        inputTokens: u?.inputTokens ?? 0,
        outputTokens: u?.outputTokens ?? 0,
        requests: u?.requests ?? 0,
      };
    }),
  };
}
