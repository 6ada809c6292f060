/**
 * What a spend provider must offer the sync engine. OpenAI is the first; Anthropic's cost report can
 * implement the same interface later.
 */
import type { UtcDay } from '../../../shared/dates';
import type { CostRow, UsageRow } from '../history/types';

export interface DayRange {
  from: UtcDay;
  /** Exclusive. */
  toExclusive: UtcDay;
}

export interface CostsResult {
  currency: string;
  /** Every day in the range, with [] for days that had no spend. */
  days: Map<UtcDay, CostRow[]>;
}

export interface SpendProvider {
  /** HTTP requests sent so far (retries included): the cost of a poll. */
  readonly requestCount: number;
  testConnection(): Promise<void>;
  fetchCosts(range: DayRange, onProgress?: (doneDays: number, totalDays: number) => void): Promise<CostsResult>;
  fetchUsage(range: DayRange): Promise<Map<UtcDay, UsageRow[]>>;
  /** Project id → name, archived projects included. */
  listProjects(): Promise<Map<string, string>>;
}
