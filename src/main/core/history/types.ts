/** One account's local billing history, in exact micros, keyed by UTC day. */
import type { Micros } from '../../../shared/money';
import type { UtcDay } from '../../../shared/dates';

export interface CostRow {
  projectId: string | null;
  lineItem: string | null;
  micros: Micros;
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
