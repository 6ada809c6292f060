/**
 * The `status --json` / `sync --json` document: a stable, documented shape built from local history.
 * Money is {"amount": "<decimal string>", "currency": "usd"}; periods are UTC months.
 */
import { dayFromMs, firstDayOfMonth, monthOf } from '../../../shared/dates';
import { microsToDecimal, type Micros, ACCOUNT_CURRENCY } from '../../../shared/money';
import type { AccountSummary, Alert } from '../../../shared/domain';
import { breakdown, otherCurrencyTotals, usageByModel } from '../aggregate/aggregations';
import type { ResolvedAccount } from '../account-views';
import { own } from '../../../shared/records';

export interface Money {
  amount: string;
  currency: string;
}

export const money = (micros: Micros, currency = ACCOUNT_CURRENCY): Money => ({
  amount: microsToDecimal(micros),
  currency,
});

interface StatusAccount {
  name: string;
  provider: string;
  lastSyncedAt: string | null;
  stale: boolean;
  error: { code: string; message: string } | null;
  /** A secondary fetch (usage, project names) that failed; money figures are unaffected. */
  warning: string | null;
  monthToDate: Money;
  today: Money;
  forecast: Money | null;
  budget: {
    monthly: Money;
    usedPercent: number;
    thresholds: number[];
    daily: Money | null;
    projects: { id: string; name: string; monthly: Money }[];
  } | null;
  byProject: { id: string; name: string; amount: string; currency: string }[];
  byLineItem: { name: string; amount: string; currency: string }[];
  byModel: {
    name: string;
    amount: string;
    currency: string;
    inputTokens: number;
    outputTokens: number;
    requests: number;
  }[];
  /** This month's costs in currencies other than US dollars: reported apart, never added to the figures above. */
  otherCurrencies: Money[];
}

export interface StatusAlert {
  id: string;
  kind: string;
  account: string;
  scope: string;
  threshold: number | null;
  period: string;
  day: string | null;
  severity: string;
  title: string;
  message: string;
  estimate: boolean;
  raisedAt: string;
}

export interface StatusDocument {
  generatedAt: string;
  period: string;
  accounts: StatusAccount[];
  alerts: StatusAlert[];
}

export function alertJson(alert: Alert): StatusAlert {
  return {
    id: alert.id,
    kind: alert.kind,
    account: alert.accountName,
    scope: alert.scope,
    threshold: alert.threshold,
    period: alert.period,
    day: alert.day,
    severity: alert.severity,
    title: alert.title,
    message: alert.message,
    estimate: alert.estimate,
    raisedAt: alert.raisedAt,
  };
}

/** `alerts`: for `sync`, the alerts that run raised; for `status`, the active ones. */
export function buildStatusDocument(input: {
  now: Date;
  accounts: { resolved: ResolvedAccount; summary: AccountSummary }[];
  alerts: Alert[];
}): StatusDocument {
  const today = dayFromMs(input.now.getTime());
  const from = firstDayOfMonth(monthOf(today));
  return {
    generatedAt: input.now.toISOString(),
    period: monthOf(today),
    accounts: input.accounts.map((a) => statusAccount(a.resolved, a.summary, from, today)),
    alerts: input.alerts.map(alertJson),
  };
}

function statusAccount(r: ResolvedAccount, s: AccountSummary, from: string, today: string): StatusAccount {
  const currency = ACCOUNT_CURRENCY;
  const views = [r.view];
  const usage = new Map(usageByModel(views, from, today).map((u) => [u.model, u]));
  return {
    name: s.name,
    provider: s.provider,
    lastSyncedAt: s.lastSyncedAt,
    stale: s.stale,
    error: s.lastError,
    warning: s.warning,
    monthToDate: money(s.monthToDateMicros, currency),
    today: money(s.todayMicros, currency),
    forecast: s.forecastMicros === null ? null : money(s.forecastMicros, currency),
    budget: s.budget
      ? {
          monthly: money(s.budget.monthlyMicros, currency),
          usedPercent: s.budgetUsedPercent ?? 0,
          thresholds: s.budget.thresholds,
          daily: s.budget.dailyMicros === null ? null : money(s.budget.dailyMicros, currency),
          projects: Object.entries(s.budget.projects).map(([id, micros]) => ({
            id,
            name: own(r.view.projectNames, id) ?? id,
            monthly: money(micros, currency),
          })),
        }
      : null,
    otherCurrencies: otherCurrencyTotals(views, from, today).map((o) => money(o.micros, o.currency)),
    byProject: breakdown(views, from, today, 'project').map((p) => ({
      id: p.key,
      name: p.name,
      amount: microsToDecimal(p.micros),
      currency,
    })),
    byLineItem: breakdown(views, from, today, 'line_item').map((l) => ({
      name: l.name,
      amount: microsToDecimal(l.micros),
      currency,
    })),
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
