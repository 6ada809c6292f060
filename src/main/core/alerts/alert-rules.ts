/**
 * Every alert rule, in one list with one signature: the engine builds an AlertRuleContext once per evaluation and
 * runs each rule in this order (the order new alerts are raised in). A new kind is an ALERT_KINDS entry
 * (src/shared/alert-kinds.ts), a rule file in rules/, and one line here.
 */
import type { AlertRule } from './rule-context';
import { billingDiscrepancy } from './rules/billing';
import { budgetThresholds, dailyBudget, forecastOverBudget } from './rules/budget';
import { balanceAndCredits, cardExpiry } from './rules/payments';
import { openAiLimits } from './rules/spend-limits';
import { spikes } from './rules/spikes';
import { syncFailing } from './rules/sync';

export type { AlertRule } from './rule-context';

export const ALERT_RULES: readonly AlertRule[] = [
  budgetThresholds,
  forecastOverBudget,
  dailyBudget,
  spikes,
  syncFailing,
  openAiLimits,
  cardExpiry,
  balanceAndCredits,
  billingDiscrepancy,
];
