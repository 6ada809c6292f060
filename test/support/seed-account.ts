/**
 * A data dir with accounts as a sync would leave them: each in the settings, with its history written and its
 * sync state saying when it last synced. Shared by the e2e fixtures and the UI benchmark.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dayRange, type UtcDay } from '../../src/shared/dates';
import { HistoryStore, type SyncState } from '../../src/main/core/history/history-store';
import type { CostRow, UsageRow } from '../../src/main/core/history/types';
import { JsonFileStore } from '../../src/main/core/settings/json-file-store';
import { SettingsRepository, type Settings } from '../../src/main/core/settings/settings';
import { settingsFile } from '../../src/main/core/paths';

export interface SeededHistory {
  /** The first day with costs (up to today). */
  from: UtcDay;
  costs: (day: UtcDay, index: number) => CostRow[];
  usage?: (day: UtcDay, index: number) => UsageRow[];
  projects: Record<string, string>;
  /** Default: a year back, as after a first sync's backfill. */
  backfilledFrom?: UtcDay;
  /** Anything else in the sync state (a last error, an older last success…). */
  state?: Partial<SyncState>;
}

export interface SeededAccount {
  id: string;
  name: string;
  keyHint: string;
  /** Default: OpenAI. */
  provider?: 'openai' | 'anthropic';
  /** None: the account was added and never synced. */
  history?: SeededHistory;
}

/** A new data dir (prefix names it) with these accounts; `configure` adds budgets and such to the settings. */
export function seedDataDir(
  prefix: string,
  accounts: SeededAccount[],
  now = new Date(),
  configure?: (settings: Settings) => void,
): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const today = now.toISOString().slice(0, 10);
  const iso = now.toISOString();
  new SettingsRepository(new JsonFileStore(settingsFile(dir))).update((s) => {
    for (const { id, name, keyHint, provider = 'openai' } of accounts)
      s.accounts.push({ id, name, keyHint, provider, baseUrl: 'http://127.0.0.1:9/v1', createdAt: iso });
    configure?.(s);
  });
  const store = new HistoryStore(dir, { now: () => now });
  for (const { id, history: seed } of accounts) {
    if (!seed) continue;
    const { history } = store.load(id);
    const days = dayRange(seed.from, today);
    history.replaceCosts(new Map(days.map((day, d) => [day, seed.costs(day, d)])));
    if (seed.usage) history.replaceUsage(new Map(days.map((day, d) => [day, seed.usage!(day, d)])));
    store.save(id);
    store.writeState(id, {
      ...store.readState(id),
      lastSuccessAt: iso,
      lastAttemptAt: iso,
      backfilledFrom: seed.backfilledFrom ?? addDays(today, -365),
      projects: seed.projects,
      ...seed.state,
    });
  }
  return dir;
}
