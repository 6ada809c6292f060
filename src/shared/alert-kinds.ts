/**
 * The alert-kind registry: how each kind is named and where a click on it leads. Typed by AlertKind, so adding
 * a kind to `alertKindSchema` (domain.ts) is a compile error here — and so in every place that shows a kind —
 * until the new kind is described. Rules live in src/main/core/alerts; everything about showing one lives here.
 */
import type { AlertKind } from './domain';

export interface AlertKindInfo {
  /** The short badge in the alert centre: "Budget". */
  badge: string;
  /** The line in Settings › Budgets & alerts (snooze, quiet hours): "Budget thresholds". */
  setting: string;
  /** What a click on its notification opens. */
  opens: 'dashboard' | 'payment-guide';
}

export const ALERT_KINDS: Record<AlertKind, AlertKindInfo> = {
  'budget-threshold': { badge: 'Budget', setting: 'Budget thresholds', opens: 'dashboard' },
  'forecast-over-budget': { badge: 'Forecast', setting: 'Forecast over budget', opens: 'dashboard' },
  'daily-budget': { badge: 'Daily budget', setting: 'Daily budget', opens: 'dashboard' },
  spike: { badge: 'Spike', setting: 'Unusual spend (spikes)', opens: 'dashboard' },
  'sync-failing': { badge: 'Sync', setting: 'Sync failing', opens: 'dashboard' },
  'card-expiry': { badge: 'Card', setting: 'Card expiry', opens: 'payment-guide' },
  'low-balance': { badge: 'Balance', setting: 'Low prepaid balance', opens: 'payment-guide' },
  'credit-expiring': { badge: 'Credit', setting: 'Credit expiring', opens: 'payment-guide' },
  'openai-limit-enforcing': { badge: 'OpenAI limit', setting: 'OpenAI limit enforcing', opens: 'dashboard' },
  'openai-limit-near': { badge: 'OpenAI limit', setting: 'Near OpenAI limit (90%)', opens: 'dashboard' },
  'billing-discrepancy': { badge: 'Invoice', setting: 'Invoice does not match costs', opens: 'dashboard' },
};

/** The registry entry for a kind given as text (from a notification), or undefined for an unknown one. */
export function alertKindInfo(kind: string | undefined): AlertKindInfo | undefined {
  return kind !== undefined && Object.hasOwn(ALERT_KINDS, kind) ? ALERT_KINDS[kind as AlertKind] : undefined;
}
