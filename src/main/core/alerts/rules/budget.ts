/**
 * Budget rules: thresholds of the account's and each project's monthly budget, a forecast past the monthly
 * budget, and the daily budget. Each fires once per UTC month (daily: per UTC day) and scope.
 */
import {
  addDays,
  firstDayOfMonth,
  formatDay,
  formatMonthName as formatMonth,
  monthOf,
  type UtcDay,
} from '../../../../shared/dates';
import { BUDGET_NEAR_PERCENT, budgetUsage } from '../../../../shared/budget-state';
import { type Micros } from '../../../../shared/money';
import { moneyText } from '../../../../shared/money-text';
import { own } from '../../../../shared/records';
import {
  dailyProjectTotalOf,
  dailyTotalOf,
  forecast,
  monthToDate,
  projectTotalBetween,
} from '../../aggregate/aggregations';
import { budgetRunOutDay, runRate } from '../../aggregate/forecast';
import { alertKey, eachAccount, type AlertCandidate, type AlertRule, type RuleAccount } from '../rule-context';

/** Forecast alerts wait for this many complete days of the month, so two days don't cry wolf. */
const FORECAST_MIN_DAYS = 3;

// Every figure, a budget too, follows the one money rule (2 decimals): "$500.00", never "$500" beside "$512.34".
const usd = (micros: Micros) => moneyText(micros);

function runOutSentence(
  monthToDateMicros: Micros,
  budget: Micros,
  daily: (d: UtcDay) => Micros | undefined,
  today: UtcDay,
): string {
  const day = budgetRunOutDay(monthToDateMicros, budget, runRate(daily, today), today);
  return day && monthToDateMicros < budget ? ` At this pace it runs out on ${formatDay(day)}.` : '';
}

/** budget-threshold: the account's budget, then each project's, at the account's thresholds. */
export const budgetThresholds: AlertRule = (context) =>
  eachAccount(context, (account) => {
    const { budget } = account;
    if (!budget) return [];
    const today = context.utcToday;
    const views = [account.view];
    const month = monthOf(today);
    const whole = thresholdCandidates(
      account,
      today,
      'account',
      account.accountName,
      monthToDate(views, today),
      budget.monthlyMicros,
      budget.thresholds,
      dailyTotalOf(views),
    );
    const projects = Object.entries(budget.projects).flatMap(([projectId, monthly]) => {
      const daily = dailyProjectTotalOf(account.view, projectId);
      const spent = projectTotalBetween(account.view, projectId, firstDayOfMonth(month), today);
      const name = `${own(account.view.projectNames, projectId) ?? projectId} (${account.accountName})`;
      return thresholdCandidates(
        account,
        today,
        `project:${projectId}`,
        name,
        spent,
        monthly,
        budget.thresholds,
        daily,
      );
    });
    return [...whole, ...projects];
  });

function thresholdCandidates(
  account: RuleAccount,
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
      const used = budgetUsage(spent, budget).usedPercent;
      const message = over
        ? `${name} has spent ${usd(spent)}, ${used > 100 ? `${used}% of` : 'all of'} its ${usd(budget)} ${monthName} budget.`
        : `${name} has used ${t}% of its ${usd(budget)} ${monthName} budget (${usd(spent)}).${runOutSentence(spent, budget, daily, today)}`;
      return {
        key: alertKey('budget-threshold', account.accountId, scope, t, period),
        kind: 'budget-threshold' as const,
        accountId: account.accountId,
        accountName: account.accountName,
        scope,
        threshold: t,
        period,
        day: null,
        severity: over ? ('critical' as const) : t >= BUDGET_NEAR_PERCENT ? ('warning' as const) : ('info' as const),
        title: over ? `${name} is over budget` : `${name}: ${t}% of budget used`,
        message,
        estimate: false,
        budgetMicros: budget,
      };
    });
}

/** forecast-over-budget: on course to pass the monthly budget, once three whole days of the month are in. */
export const forecastOverBudget: AlertRule = (context) =>
  eachAccount(context, (account) => {
    const { budget } = account;
    if (!budget) return [];
    const today = context.utcToday;
    const views = [account.view];
    const daily = dailyTotalOf(views);
    let completeDays = 0;
    for (let d = firstDayOfMonth(monthOf(today)); d < today; d = addDays(d, 1))
      if (daily(d) !== undefined) completeDays++;
    if (completeDays < FORECAST_MIN_DAYS) return [];
    const projected = forecast(views, today);
    const spent = monthToDate(views, today);
    if (projected === null || projected <= budget.monthlyMicros || spent >= budget.monthlyMicros) return [];
    const period = monthOf(today);
    const name = account.accountName;
    return [
      {
        key: alertKey('forecast-over-budget', account.accountId, 'account', null, period),
        kind: 'forecast-over-budget',
        accountId: account.accountId,
        accountName: name,
        scope: 'account',
        threshold: null,
        period,
        day: null,
        severity: 'warning',
        title: `${name} is on course to exceed its budget`,
        message: `At this pace ${name} will spend about ${usd(projected)} in ${formatMonth(period)}, over its ${usd(budget.monthlyMicros)} budget (${usd(spent)} so far).${runOutSentence(spent, budget.monthlyMicros, daily, today)}`,
        estimate: true,
        budgetMicros: budget.monthlyMicros,
      },
    ];
  });

/** daily-budget: yesterday or today (UTC) at or over the daily budget. */
export const dailyBudget: AlertRule = (context) =>
  eachAccount(context, (account) => {
    const limit = account.budget?.dailyMicros;
    if (!limit) return [];
    const today = context.utcToday;
    const daily = dailyTotalOf([account.view]);
    const name = account.accountName;
    return [addDays(today, -1), today].flatMap((day) => {
      const spent = daily(day) ?? 0;
      if (spent < limit) return [];
      const when = day === today ? 'so far today (UTC)' : `on ${formatDay(day)} (UTC)`;
      return [
        {
          key: alertKey('daily-budget', account.accountId, 'account', null, day),
          kind: 'daily-budget' as const,
          accountId: account.accountId,
          accountName: name,
          scope: 'account',
          threshold: null,
          period: monthOf(day),
          day,
          severity: 'warning' as const,
          title: `${name} went over its daily budget`,
          message: `${name} has spent ${usd(spent)} ${when}, over its ${usd(limit)} daily budget.`,
          estimate: false,
          budgetMicros: limit,
        },
      ];
    });
  });
