/**
 * The read side: every figure the dashboard, `spendwatch status`, the CSV export and the tray show, from
 * local history only (no network). Exact sums, rounded once where shown; days are UTC days.
 */
import { budgetUsage } from '../../../shared/budget-state';
import { basisOf } from '../aggregate/dimension-values';
import { priceToDecimal } from '../aggregate/unit-prices';
import { filteredViews, isFiltered } from '../aggregate/filtered-views';
import { UNATTRIBUTED_KEY } from '../../../shared/dimensions';
import { linePrices } from '../insights/prices-report';
import { savingsHints } from '../insights/savings';
import { topMovers } from '../insights/top-movers';
import { exactToMicros, toMicros, ACCOUNT_CURRENCY } from '../../../shared/money';
import { addMonths, dayFromMs, firstDayOfMonth, lastDayOfMonth, monthOf, type UtcDay } from '../../../shared/dates';
import type { AccountSummary, Alert, DashboardQuery, DashboardView } from '../../../shared/domain';
import type { AccountViews } from '../account-views';
import type { HistoryView } from '../aggregate/aggregations';
import {
  breakdown,
  dailySeries,
  forecast,
  monthOverMonth,
  monthProgress,
  monthToDate,
  otherCurrencyTotals,
  totalBetween,
  usageSeries,
  monthlySeries,
  monthlyUsage,
} from '../aggregate/aggregations';
import { dataSince } from '../aggregate/data-since';
import { monthChange } from '../aggregate/month-change';
import { rangeDays } from '../aggregate/ranges';
import { AppError } from '../errors';
import type { StateNotices } from '../fs/state-notices';
import type { Clock } from '../ports';
import { costsCsvChunks } from '../reports/csv-export';
import { buildStatusDocument, type StatusDocument } from '../reports/status-report';
import { teamMetrics, type MetricsAccount } from '../reports/team-metrics';
import type { SettingsRepository } from '../settings/settings';
import { enforcingLimits, type EnforcingLimit } from '../spend-controls/enforcing-limits';
import type { SpendControlsService } from '../spend-controls/spend-controls-service';
import type { PaymentNotice, PaymentsUseCase } from './payments';

/** What the tray shows, as facts: its wording is the Electron layer's (src/main/electron/tray-text.ts). */
export interface TrayFacts {
  /** The UTC day the facts are for: the overrun's crossing day is counted from it. */
  today: UtcDay;
  accounts: AccountSummary[];
  enforcingLimits: EnforcingLimit[];
  paymentNotices: PaymentNotice[];
}

export class QueriesUseCase {
  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      views: AccountViews;
      spendControls: SpendControlsService;
      payments: PaymentsUseCase;
      notices: StateNotices;
      clock: Clock;
      isSyncing: (accountId: string) => boolean;
    },
  ) {}

  private today(): string {
    return dayFromMs(this.deps.clock.now().getTime());
  }

  dashboard(query: DashboardQuery): DashboardView {
    const { views: accountViews, clock } = this.deps;
    const settings = this.deps.settings.read();
    const all = accountViews.resolveAll(settings);
    const selected = accountViews.select(all, query.accountId);
    const views = selected.map((s) => s.view);
    const today = this.today();
    const { from, to } = rangeDays(query.range, today);
    const monthly = query.range === '12m';
    const month = monthOf(today);
    const budgetMicros = selected.every((s) => s.budget)
      ? selected.reduce((sum, s) => sum + (s.budget?.monthlyMicros ?? 0), 0)
      : null;
    const mtd = monthToDate(views, today);
    const forecastMicros = forecast(views, today);
    const usage = budgetMicros ? budgetUsage(mtd, budgetMicros, forecastMicros) : null;
    const syncTimes = selected
      .map((s) => s.lastSyncedAt)
      .filter((t): t is string => !!t)
      .sort();
    // The filter (a project, an API key) narrows the charts; the key figures and breakdowns stay the account's.
    const filter = { projectId: query.projectId, apiKeyId: query.apiKeyId };
    const charted = isFiltered(filter) ? filteredViews(views, from, to, filter) : views;
    return {
      generatedAt: clock.now().toISOString(),
      today,
      currency: ACCOUNT_CURRENCY,
      isDemo: selected.some((s) => s.isDemo),
      accounts: all.map((r) => accountViews.summarise(r, settings, this.deps.isSyncing(r.account.id))),
      query,
      kpis: {
        monthToDateMicros: mtd,
        todayMicros: totalBetween(views, today, today),
        forecastMicros,
        budgetMicros,
        budgetUsedPercent: usage?.usedPercent ?? null,
        budgetState: usage?.state ?? null,
        lastSyncedAt: syncTimes[0] ?? null,
        otherCurrencies: otherCurrencyTotals(views, firstDayOfMonth(month), today),
      },
      // A year of days is 366 slivers: the 12-month range shows one bar per UTC month, as the providers bill.
      daily: monthly ? monthlySeries(charted, from, to, query.groupBy) : dailySeries(charted, from, to, query.groupBy),
      filterOptions: filterOptionsOf(views, from, to),
      byProject: breakdown(views, from, to, 'project'),
      byLineItem: breakdown(views, from, to, 'line_item'),
      byModel: breakdown(views, from, to, 'model'),
      byGroup: breakdown(charted, from, to, query.groupBy),
      groupBasis: views.some((v) => basisOf(v, query.groupBy) === 'estimated') ? 'estimated' : 'billed',
      monthBreakdown: monthBreakdownOf(views, today),
      insights: insightsOf(selected, month, today),
      monthProgress: { budgetMicros, points: monthProgress(views, today) },
      usage: monthly ? monthlyUsage(usageSeries(charted, from, to)) : usageSeries(charted, from, to),
      monthly: billingHistory(selected, month, today),
      dataSince: dataSince(views),
      paymentNotices: this.deps.payments.notices(),
      stateNotices: this.deps.notices.list(),
    };
  }

  /** The `status --json` document; `alerts` are the ones to report (active ones for status, raised ones for sync). */
  status(alerts: Alert[]): StatusDocument {
    return this.statusOf(this.resolved(), alerts);
  }

  private resolved() {
    const settings = this.deps.settings.read();
    return { settings, resolved: settings.accounts.length ? this.deps.views.resolveAll(settings) : [] };
  }

  private statusOf({ settings, resolved }: ReturnType<QueriesUseCase['resolved']>, alerts: Alert[]): StatusDocument {
    const accounts = resolved.map((r) => ({ resolved: r, summary: this.deps.views.summarise(r, settings, false) }));
    return buildStatusDocument({ now: this.deps.clock.now(), accounts, alerts });
  }

  /** What `spendwatch serve` exposes at /metrics: the status document's figures, limits and failure counts. */
  teamMetrics(): MetricsAccount[] {
    const current = this.resolved();
    const status = this.statusOf(current, []);
    const facts = current.resolved.map((r) => ({
      controls: r.account.provider === 'openai' ? this.deps.spendControls.known(r.account.id) : null,
      failuresTotal: r.failuresTotal,
      projectNames: r.view.projectNames,
    }));
    return teamMetrics(status, facts, this.deps.clock.now());
  }

  /** Daily costs as CSV for one account (or all), from 12 months ago (or `from`) to today (or `to`). */
  exportCsv(accountIdOrName: string, from?: string, to?: string): { fileName: string; csv: string } {
    const { fileName, chunks } = this.exportCsvChunks(accountIdOrName, from, to);
    return { fileName, csv: [...chunks].join('') };
  }

  /** The same CSV a day at a time, for a door that streams it (the CLI): memory stays flat however long the range. */
  exportCsvChunks(accountIdOrName: string, from?: string, to?: string): { fileName: string; chunks: Iterable<string> } {
    const settings = this.deps.settings.read();
    const today = this.today();
    const selected = this.deps.views.select(this.deps.views.resolveAll(settings), accountIdOrName);
    const start = from ?? firstDayOfMonth(addMonths(monthOf(today), -11));
    const end = to ?? today;
    if (start > end) throw new AppError('invalid_input', `The start day ${start} is after the end day ${end}.`);
    const label =
      accountIdOrName === 'all' ? 'all-accounts' : selected[0].account.name.replace(/[^A-Za-z0-9_-]+/g, '-');
    return { fileName: `spendwatch-${label}-${start}-to-${end}.csv`, chunks: costsCsvChunks(selected, start, end) };
  }

  trayFacts(): TrayFacts {
    const settings = this.deps.settings.read();
    const resolved = this.deps.views.resolveAll(settings);
    return {
      today: this.today(),
      accounts: resolved.map((r) => this.deps.views.summarise(r, settings, false)),
      enforcingLimits: enforcingLimits(resolved, (id) => this.deps.spendControls.known(id), this.deps.clock.now()),
      paymentNotices: this.deps.payments.notices(),
    };
  }
}

/** The projects and billed API keys with spend in the range, largest first (unattributed spend is no choice). */
function filterOptionsOf(views: HistoryView[], from: UtcDay, to: UtcDay): DashboardView['filterOptions'] {
  const choices = (rows: { key: string; name: string; micros: number }[]) =>
    rows
      .filter((r) => r.micros !== 0 && r.key !== UNATTRIBUTED_KEY)
      .slice(0, 200)
      .map(({ key, name }) => ({ key, name }));
  const billedKeys = views.filter((v) => basisOf(v, 'api_key') === 'billed');
  return {
    projects: choices(breakdown(views, from, to, 'project')),
    apiKeys: billedKeys.length ? choices(breakdown(billedKeys, from, to, 'api_key')) : [],
  };
}

/** This month's unit prices, savings hints (per account: each account's prices are its own) and top movers. */
function insightsOf(
  selected: { account: { name: string }; view: HistoryView }[],
  month: string,
  today: UtcDay,
): DashboardView['insights'] {
  const views = selected.map((s) => s.view);
  const { lines, unpriced } = linePrices(views, month, today);
  const savings = selected.flatMap((s) =>
    savingsHints(s.view, month, today).map((h) => ({
      kind: h.kind,
      title: selected.length > 1 ? `${s.account.name}: ${h.title}` : h.title,
      micros: toMicros(h.estimatedMonthlySavings),
      basis: h.basis,
    })),
  );
  return {
    month,
    prices: lines.slice(0, 50).map((l) => ({
      lineItem: l.lineItem,
      unit: l.unit,
      unitPrice: priceToDecimal(l.price),
      previousUnitPrice: l.previousPrice === null ? null : priceToDecimal(l.previousPrice),
      micros: exactToMicros(l.amount),
    })),
    unpriced,
    savings: savings.sort((a, b) => b.micros - a.micros),
    movers: topMovers(views, today).map((m) => ({
      ...m,
      estimated: m.dimension === 'api_key' && views.some((v) => basisOf(v, 'api_key') === 'estimated'),
    })),
  };
}

/** Twelve UTC months, newest first, each with its breakdown by project and by line item and its change. */
function billingHistory(selected: { account: { name: string }; view: HistoryView }[], month: string, today: UtcDay) {
  const views = selected.map((s) => s.view);
  const accounts = selected.map((s) => ({ name: s.account.name, view: s.view }));
  const rows = [];
  for (let m = month, i = 0; i < 12; m = addMonths(m, -1), i++) {
    const [from, to] = [firstDayOfMonth(m), lastDayOfMonth(m)];
    rows.push({
      month: m,
      totalMicros: totalBetween(views, from, to),
      byProject: breakdown(views, from, to, 'project'),
      byLineItem: breakdown(views, from, to, 'line_item'),
      change: monthChange(accounts, m, today),
    });
  }
  return rows;
}

function monthBreakdownOf(views: HistoryView[], today: UtcDay): DashboardView['monthBreakdown'] {
  const projects = monthOverMonth(views, today, 'project');
  return {
    comparedDays: projects.comparedDays,
    projects: projects.rows,
    lineItems: monthOverMonth(views, today, 'line_item').rows,
  };
}
