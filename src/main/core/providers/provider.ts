/**
 * What a spend provider must offer the sync engine (OpenAI's and Anthropic's admin APIs implement it).
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
  /**
   * The days the provider delivered, with [] for days that had no spend; a day missing here is left as stored.
   * Empty when the caller took them page by page (`onDays`).
   */
  days: Map<UtcDay, CostRow[]>;
  /** Days with rows that could not be read: their stored rows not replaced by readable ones are kept. */
  partialDays: Set<UtcDay>;
  /** Project names the cost results carried (saves a Projects call). */
  projectNames: Map<string, string>;
  /** Rows or buckets that could not be used, each named: shown to the user, never a failed sync. */
  warnings: string[];
}

/** What an API key's id is named by: from the provider's key lists, fetched only when an unknown id appears. */
export interface ApiKeyInfo {
  name: string;
  /** Who owns it: a person's or service account's name. */
  owner: string | null;
  /** The project (workspace) it belongs to. */
  projectId: string | null;
  /** ISO time of last use, when the provider says. */
  lastUsedAt: string | null;
}

export interface PersonInfo {
  name: string;
  email: string | null;
}

export type DaysSink = (days: Map<UtcDay, CostRow[]>, partialDays: Set<UtcDay>) => void;

export interface SpendProvider {
  /** HTTP requests sent so far (retries included): the cost of a poll. */
  readonly requestCount: number;
  testConnection(): Promise<void>;
  /**
   * `onDays`, if given, takes each page's days as soon as they are read (with those of them that are partial),
   * instead of the result holding them all: a large organisation's year is never in memory at once. A day
   * delivered again on a later page (data moving while pages are read) is handed over again and replaces it.
   */
  fetchCosts(
    range: DayRange,
    onProgress?: (doneDays: number, totalDays: number) => void,
    onDays?: DaysSink,
  ): Promise<CostsResult>;
  fetchUsage(range: DayRange): Promise<Map<UtcDay, UsageRow[]>>;
  /** Project id → name, archived projects included. */
  listProjects(): Promise<Map<string, string>>;
  /** API key id → name and owner, for the keys of these projects (a provider listing keys organisation-wide ignores them). */
  listApiKeys(projectIds: readonly string[]): Promise<Map<string, ApiKeyInfo>>;
  /** Whether keys are listed project by project (OpenAI), so one project's failed list spares the others. */
  readonly apiKeysByProject?: boolean;
  /** User id → name and email; undefined: the provider's usage is never grouped by user. */
  listUsers?(): Promise<Map<string, PersonInfo>>;
}
