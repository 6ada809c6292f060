/**
 * The alert-kind registry, and the one list of kinds: `AlertKind` and `alertKindSchema` (domain.ts) are derived
 * from its keys. Each entry says how the kind is named, where a click on it leads, and how long it lasts (how
 * long a raised alert stays active, how long its fired key stops it firing again). The rules that raise a kind
 * live in src/main/core/alerts/rules and are listed in ALERT_RULES (alerts/alert-rules.ts).
 */

export interface AlertKindInfo {
  /** The short badge in the alert centre: "Budget". */
  badge: string;
  /** The line in Settings › Budgets & alerts (snooze, quiet hours): "Budget thresholds". */
  setting: string;
  /** What a click on its notification opens. */
  opens: 'dashboard' | 'payment-guide';
  /**
   * How long a raised alert stays active (`status --json`, the tray), for an account still configured:
   * `its-month` while its period is the current UTC month; `raised-month` in the UTC month it was raised (an
   * earlier month's invoice, found this month); `while-sync-fails` while the account's sync still fails;
   * `while-card-saved` while its payment method is still saved (not bound to an account).
   */
  active: 'its-month' | 'raised-month' | 'while-sync-fails' | 'while-card-saved';
  /**
   * How long its fired key stops it firing again: `kept` (until pruned, three months after its period), or
   * `until-budget-changes` (re-armed when the budget it was measured against changes and it is no longer crossed).
   */
  firedKey: 'kept' | 'until-budget-changes';
}

export const ALERT_KINDS = {
  'budget-threshold': {
    badge: 'Budget',
    setting: 'Budget thresholds',
    opens: 'dashboard',
    active: 'its-month',
    firedKey: 'until-budget-changes',
  },
  'forecast-over-budget': {
    badge: 'Forecast',
    setting: 'Forecast over budget',
    opens: 'dashboard',
    active: 'its-month',
    firedKey: 'kept',
  },
  'daily-budget': {
    badge: 'Daily budget',
    setting: 'Daily budget',
    opens: 'dashboard',
    active: 'its-month',
    firedKey: 'kept',
  },
  spike: {
    badge: 'Spike',
    setting: 'Unusual spend (spikes)',
    opens: 'dashboard',
    active: 'its-month',
    firedKey: 'kept',
  },
  'sync-failing': {
    badge: 'Sync',
    setting: 'Sync failing',
    opens: 'dashboard',
    active: 'while-sync-fails',
    firedKey: 'kept',
  },
  'card-expiry': {
    badge: 'Card',
    setting: 'Card expiry',
    opens: 'payment-guide',
    active: 'while-card-saved',
    firedKey: 'kept',
  },
  'low-balance': {
    badge: 'Balance',
    setting: 'Low prepaid balance',
    opens: 'payment-guide',
    active: 'its-month',
    firedKey: 'kept',
  },
  'credit-expiring': {
    badge: 'Credit',
    setting: 'Credit expiring',
    opens: 'payment-guide',
    active: 'its-month',
    firedKey: 'kept',
  },
  'openai-limit-enforcing': {
    badge: 'OpenAI limit',
    setting: 'OpenAI limit enforcing',
    opens: 'dashboard',
    active: 'its-month',
    firedKey: 'kept',
  },
  'openai-limit-near': {
    badge: 'OpenAI limit',
    setting: 'Near OpenAI limit (90%)',
    opens: 'dashboard',
    active: 'its-month',
    firedKey: 'kept',
  },
  'billing-discrepancy': {
    badge: 'Invoice',
    setting: 'Invoice does not match costs',
    opens: 'dashboard',
    active: 'raised-month',
    firedKey: 'kept',
  },
} as const satisfies Record<string, AlertKindInfo>;

/** Every alert kind: a key of ALERT_KINDS. */
export type AlertKind = keyof typeof ALERT_KINDS;

/** The kinds in registry order (Settings lists them so), for `alertKindSchema`. */
export const ALERT_KIND_IDS = Object.keys(ALERT_KINDS) as [AlertKind, ...AlertKind[]];

/** The registry entry for a kind given as text (from a notification), or undefined for an unknown one. */
export function alertKindInfo(kind: string | undefined): AlertKindInfo | undefined {
  return kind !== undefined && Object.hasOwn(ALERT_KINDS, kind) ? ALERT_KINDS[kind as AlertKind] : undefined;
}
