/**
 * The alert rules, as pure functions of one account's history, budget and sync state at a moment.
 * Each candidate carries the key that makes it fire once: kind | account | scope | threshold | period.
 */
import { isDue } from '../../../shared/elapsed';
import {
  addDays,
  dayFromMs,
  firstDayOfMonth,
  formatDay,
  formatMonthName as formatMonth,
  monthOf,
  type UtcDay,
} from '../../../shared/dates';
import type { AlertKind, AppErrorInfo, Budget } from '../../../shared/domain';
import { formatMoney, type Micros } from '../../../shared/money';
import {
  dailyProjectTotalOf,
  dailyTotalOf,
  forecast,
  monthToDate,
  projectTotalBetween,
  type HistoryView,
} from '../aggregate/aggregations';
import { budgetRunOutDay, runRate } from '../aggregate/forecast';
import { own } from '../../../shared/records';
import { movedMostSentence, scopeSpikes } from './scope-spikes';

export interface RuleInput {
  accountId: string;
  accountName: string;
  view: HistoryView;
  budget: Budget | null;
  lastError: AppErrorInfo | null;
  firstFailureAt: string | null;
  now: Date;
  spikeFloorMicros: Micros;
}

export interface AlertCandidate {
  key: string;
  kind: AlertKind;
  scope: string;
  threshold: number | null;
  period: string;
  day: UtcDay | null;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  message: string;
  estimate: boolean;
  /** The budget the alert was measured against (threshold kinds), to re-arm when it changes. */
  budgetMicros: Micros | null;
}

/** Forecast alerts wait for this many complete days of the month, so two days don't cry wolf. */
const FORECAST_MIN_DAYS = 3;
/** A spike is a day at least this many times its norm (and above it by at least the floor). */
const SPIKE_FACTOR = 2.5;
const SPIKE_NORM_DAYS = 14;
const SPIKE_MIN_NORM_DAYS = 7;
/** Failures that retrying will not fix alert at once; others after an hour. */
const PERMANENT_FAILURES = new Set([
  'invalid_key',
  'wrong_key_type',
  'missing_scope',
  'keychain_unavailable',
  'insufficient_quota',
]);
const FAILING_FOR_MS = 3_600_000;

export const alertKey = (
  kind: AlertKind,
  accountId: string,
  scope: string,
  threshold: number | null,
  period: string,
): string => [kind, accountId, scope, threshold ?? '-', period].join('|');

const usd = (micros: Micros) => formatMoney(micros);
/** Budgets read better as "$500" than "$500.00". */
const usdBudget = (micros: Micros) => formatMoney(micros, 'usd', { wholeWithoutCents: true });

export function evaluateRules(input: RuleInput): AlertCandidate[] {
  const today = dayFromMs(input.now.getTime());
  return [
    ...budgetThresholds(input, today),
    ...projectThresholds(input, today),
    ...forecastOverBudget(input, today),
    ...dailyBudget(input, today),
    ...allSpikes(input, today),
    ...syncFailing(input),
  ];
}

function runOutSentence(
  monthToDateMicros: Micros,
  budget: Micros,
  daily: (d: UtcDay) => Micros | undefined,
  today: UtcDay,
): string {
  const day = budgetRunOutDay(monthToDateMicros, budget, runRate(daily, today), today);
  return day && monthToDateMicros < budget ? ` At this pace it runs out on ${formatDay(day)}.` : '';
}

function budgetThresholds(input: RuleInput, today: UtcDay): AlertCandidate[] {
  const { budget } = input;
  if (!budget) return [];
  const views = [input.view];
  return thresholdCandidates(
    input,
    today,
    'account',
    input.accountName,
    monthToDate(views, today),
    budget.monthlyMicros,
    budget.thresholds,
    dailyTotalOf(views),
  );
}

function projectThresholds(input: RuleInput, today: UtcDay): AlertCandidate[] {
  const { budget } = input;
  if (!budget) return [];
  const month = monthOf(today);
  return Object.entries(budget.projects).flatMap(([projectId, monthly]) => {
    const daily = dailyProjectTotalOf(input.view, projectId);
    const spent = projectTotalBetween(input.view, projectId, firstDayOfMonth(month), today);
    const name = `${own(input.view.projectNames, projectId) ?? projectId} (${input.accountName})`;
    return thresholdCandidates(input, today, `project:${projectId}`, name, spent, monthly, budget.thresholds, daily);
  });
}

function thresholdCandidates(
  input: RuleInput,
  today: UtcDay,
  scope: string,
  name: string,
  spent: Micros,
  budget: Micros,
  thresholds: number[],
  daily: (d: UtcDay) => Micros | undefined,
): AlertCandidate[] {
  const period = monthOf(today);
  const monthName = formatMonth(period);
  return thresholds
    .filter((t) => spent * 100 >= t * budget)
    .map((t) => {
      const over = t >= 100;
      const used = Math.round((spent * 1000) / budget) / 10;
      const message = over
        ? `${name} has spent ${usd(spent)}, ${used > 100 ? `${used}% of` : 'all of'} its ${usdBudget(budget)} ${monthName} budget.`
        : `${name} has used ${t}% of its ${usdBudget(budget)} ${monthName} budget (${usd(spent)}).${runOutSentence(spent, budget, daily, today)}`;
      return {
        key: alertKey('budget-threshold', input.accountId, scope, t, period),
        kind: 'budget-threshold' as const,
        scope,
        threshold: t,
        period,
        day: null,
        severity: over ? ('critical' as const) : t >= 80 ? ('warning' as const) : ('info' as const),
        title: over ? `${name} is over budget` : `${name}: ${t}% of budget used`,
        message,
        estimate: false,
        budgetMicros: budget,
      };
    });
}

function forecastOverBudget(input: RuleInput, today: UtcDay): AlertCandidate[] {
  const { budget } = input;
  if (!budget) return [];
  const views = [input.view];
  const daily = dailyTotalOf(views);
  let completeDays = 0;
  for (let d = firstDayOfMonth(monthOf(today)); d < today; d = addDays(d, 1))
    if (daily(d) !== undefined) completeDays++;
  if (completeDays < FORECAST_MIN_DAYS) return [];
  const projected = forecast(views, today);
  const spent = monthToDate(views, today);
  if (projected === null || projected <= budget.monthlyMicros || spent >= budget.monthlyMicros) return [];
  const period = monthOf(today);
  return [
    {
      key: alertKey('forecast-over-budget', input.accountId, 'account', null, period),
      kind: 'forecast-over-budget',
      scope: 'account',
      threshold: null,
      period,
      day: null,
      severity: 'warning',
      title: `${input.accountName} is on course to exceed its budget`,
      message: `At this pace ${input.accountName} will spend about ${usd(projected)} in ${formatMonth(period)}, over its ${usdBudget(budget.monthlyMicros)} budget (${usd(spent)} so far).${runOutSentence(spent, budget.monthlyMicros, daily, today)}`,
      estimate: true,
      budgetMicros: budget.monthlyMicros,
    },
  ];
}

function dailyBudget(input: RuleInput, today: UtcDay): AlertCandidate[] {
  const limit = input.budget?.dailyMicros;
  if (!limit) return [];
  const daily = dailyTotalOf([input.view]);
  return [addDays(today, -1), today].flatMap((day) => {
    const spent = daily(day) ?? 0;
    if (spent < limit) return [];
    const when = day === today ? 'so far today (UTC)' : `on ${formatDay(day)} (UTC)`;
    return [
      {
        key: alertKey('daily-budget', input.accountId, 'account', null, day),
        kind: 'daily-budget' as const,
        scope: 'account',
        threshold: null,
        period: monthOf(day),
        day,
        severity: 'warning' as const,
        title: `${input.accountName} went over its daily budget`,
        message: `${input.accountName} has spent ${usd(spent)} ${when}, over its ${usdBudget(limit)} daily budget.`,
        estimate: false,
        budgetMicros: limit,
      },
    ];
  });
}

/** A day well above its own trailing norm (the median of up to 14 days before it), by the factor and the floor. */
export function spikeOn(
  daily: (day: UtcDay) => Micros | undefined,
  day: UtcDay,
  floorMicros: Micros,
): { spent: Micros; median: Micros } | undefined {
  const spent = daily(day);
  if (spent === undefined) return undefined;
  const norm: Micros[] = [];
  for (let k = 1; k <= SPIKE_NORM_DAYS; k++) {
    const v = daily(addDays(day, -k));
    if (v !== undefined) norm.push(v);
  }
  if (norm.length < SPIKE_MIN_NORM_DAYS) return undefined;
  const sorted = norm.sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (spent < median * SPIKE_FACTOR || spent - median < floorMicros) return undefined;
  return { spent, median };
}

/** "3.2× its usual $40.00 a day". */
export function spikeFactor(spent: Micros, median: Micros): string {
  return median > 0
    ? `${(spent / median).toFixed(1)}× its usual ${usd(median)} a day`
    : `against a usual ${usd(median)} a day`;
}

export const spikeWhen = (day: UtcDay, today: UtcDay): string =>
  day === today ? 'so far today (UTC)' : `on ${formatDay(day)} (UTC)`;

/**
 * The account's spikes, then its projects' and API keys' on the days the account as a whole did not spike: a
 * spike of the whole already names the key, project and model that moved most, and one rise alerts once.
 */
function allSpikes(input: RuleInput, today: UtcDay): AlertCandidate[] {
  const account = spikes(input, today);
  return [...account, ...scopeSpikes(input, today, new Set(account.map((a) => a.day!)))];
}

function spikes(input: RuleInput, today: UtcDay): AlertCandidate[] {
  const daily = dailyTotalOf([input.view]);
  return [addDays(today, -1), today].flatMap((day) => {
    const spike = spikeOn(daily, day, input.spikeFloorMicros);
    if (!spike) return [];
    const { spent, median } = spike;
    const moved = movedMostSentence(input.view, day, null);
    return [
      {
        key: alertKey('spike', input.accountId, 'account', null, day),
        kind: 'spike' as const,
        scope: 'account',
        threshold: null,
        period: monthOf(day),
        day,
        severity: 'warning' as const,
        title: `Unusual spend on ${input.accountName}`,
        message: `${input.accountName} has spent ${usd(spent)} ${spikeWhen(day, today)}, ${spikeFactor(spent, median)}.${moved} Check for a runaway job or a leaked key.`,
        estimate: false,
        budgetMicros: null,
      },
    ];
  });
}

function syncFailing(input: RuleInput): AlertCandidate[] {
  const { lastError, firstFailureAt } = input;
  if (!lastError || !firstFailureAt) return [];
  const permanent = PERMANENT_FAILURES.has(lastError.code);
  // A first failure "in the future" (the clock was corrected since) has failed for an unknown while: it counts.
  if (!permanent && !isDue(firstFailureAt, input.now.getTime(), FAILING_FOR_MS)) return [];
  const period = monthOf(dayFromMs(input.now.getTime()));
  return [
    {
      // One alert per failure episode: the episode starts at the first failure.
      key: alertKey('sync-failing', input.accountId, 'account', null, firstFailureAt),
      kind: 'sync-failing',
      scope: 'account',
      threshold: null,
      period,
      day: null,
      severity: permanent ? 'critical' : 'warning',
      title: `Spendwatch cannot sync ${input.accountName}`,
      message: `${permanent ? '' : 'Syncing has failed for over an hour. '}${lastError.message}`,
      estimate: false,
      budgetMicros: null,
    },
  ];
}
