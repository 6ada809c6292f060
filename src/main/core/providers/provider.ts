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
  /** The days the provider delivered, with [] for days that had no spend; a day missing here is left as stored. */
  days: Map<UtcDay, CostRow[]>;
  /** Days with rows that could not be read: their stored rows not replaced by readable ones are kept. */
  partialDays: Set<UtcDay>;
  /** Project names the cost results carried (saves a Projects call). */
  projectNames: Map<string, string>;
  /** Rows or buckets that could not be used, each named: shown to the user, never a failed sync. */
  warnings: string[];
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
