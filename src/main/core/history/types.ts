/** One account's local billing history, keyed by UTC day. Amounts are exact, as the provider sent them. */
import type { ExactAmount } from '../../../shared/money';
import type { UtcDay } from '../../../shared/dates';

export interface CostRow {
  projectId: string | null;
  lineItem: string | null;
  /** Exactly what the provider sent (see ExactAmount); never rounded. */
  amount: ExactAmount;
  /** Lowercase ISO code. Anything but the account's currency is kept apart, never added to it. */
  currency: string;
  quantity: number | null;
}

export interface UsageRow {
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  requests: number;
}

export type DayMap<T> = Map<UtcDay, T[]>;

/** What a problem with a stored file was, for the sync engine to refetch and the UI to report. */
export interface CorruptMonth {
  month: string;
  movedTo: string;
  reason: string;
}

/** The `month` of a repair mark for the whole history (a damaged database), not one month of it. */
export const WHOLE_HISTORY = 'all';
