/**
 * What an alert rule may read, built once per evaluation by the engine, and what it returns. Every rule has one
 * signature, `(context) => AlertCandidate[]` (ALERT_RULES in alert-rules.ts): a rule reads only this context.
 */
import type { Reconciliation } from '../../../shared/billing';
import { localDay } from '../../../shared/cards';
import { dayFromMs, type UtcDay, type UtcMonth } from '../../../shared/dates';
import type { AlertKind, AppErrorInfo, Budget } from '../../../shared/domain';
import type { Micros } from '../../../shared/money';
import type { AccountSpendControls } from '../../../shared/spend-controls';
import type { ResolvedAccount } from '../account-views';
import type { HistoryView } from '../aggregate/aggregations';
import type { Settings } from '../settings/settings';

/** A rule's finding; the engine raises it unless its key has fired already. */
export interface AlertCandidate {
  /** Makes it fire once: kind | account | scope | threshold | period (see alertKey). */
  key: string;
  kind: AlertKind;
  accountId: string;
  accountName: string;
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

/** Reconciles the recorded invoices of the given accounts from a month on (BillingService). */
export interface InvoiceChecks {
  reconcileRecorded(accounts: ResolvedAccount[], fromMonth: UtcMonth): Reconciliation[];
}

export interface AlertRuleContext {
  settings: Settings;
  /** The user's accounts, resolved (history, budget, sync state); never the demo organisation. */
  accounts: ResolvedAccount[];
  now: Date;
  /** Today in UTC (costs, budgets, spikes). */
  utcToday: UtcDay;
  /** Today in local time (card expiry, which the card's issuer counts locally). */
  localToday: string;
  /** What Spendwatch last learned about an account's OpenAI hard limits, if anything. */
  spendControls(accountId: string): AccountSpendControls | undefined;
  /** The recorded invoices against the costs, if this core keeps them. */
  invoices: InvoiceChecks | undefined;
  /** Tells the user (log and notice) that a check could not run; the other rules still run. */
  warn(message: string): void;
}

export type AlertRule = (context: AlertRuleContext) => AlertCandidate[];

/** The context of one evaluation at `now`: today in UTC and in local time are worked out once, here. */
export function ruleContext(input: {
  settings: Settings;
  accounts: ResolvedAccount[];
  now: Date;
  spendControls?: (accountId: string) => AccountSpendControls | undefined;
  invoices?: InvoiceChecks;
  warn?: (message: string) => void;
}): AlertRuleContext {
  const { spendControls, warn } = input;
  return {
    settings: input.settings,
    accounts: input.accounts,
    now: input.now,
    utcToday: dayFromMs(input.now.getTime()),
    localToday: localDay(input.now),
    spendControls: (accountId) => spendControls?.(accountId),
    invoices: input.invoices,
    warn: (message) => warn?.(message),
  };
}

/** One account as the per-account rules read it. */
export interface RuleAccount {
  accountId: string;
  accountName: string;
  view: HistoryView;
  budget: Budget | null;
  lastError: AppErrorInfo | null;
  firstFailureAt: string | null;
}

/** Runs a per-account check over every (non-demo) account of the context. */
export function eachAccount(
  context: AlertRuleContext,
  check: (account: RuleAccount, resolved: ResolvedAccount) => AlertCandidate[],
): AlertCandidate[] {
  return context.accounts
    .filter((resolved) => !resolved.isDemo)
    .flatMap((resolved) =>
      check(
        {
          accountId: resolved.account.id,
          accountName: resolved.account.name,
          view: resolved.view,
          budget: resolved.budget,
          lastError: resolved.lastError,
          firstFailureAt: resolved.firstFailureAt,
        },
        resolved,
      ),
    );
}

export const alertKey = (
  kind: AlertKind,
  accountId: string,
  scope: string,
  threshold: number | null,
  period: string,
): string => [kind, accountId, scope, threshold ?? '-', period].join('|');
