/**
 * Persists each account's history under <dataDir>/history/<accountId>/<YYYY-MM>.json plus state.json.
 * Writes are atomic and only for months that changed; a damaged file is moved aside and reported,
 * so the sync engine can refetch that month. Directories are created only when something is written.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { appErrorSchema } from '../../../shared/domain';
import { quarantineFile, readFileIfExists, writeFileAtomic } from '../fs/atomic-file';
import { historyDir } from '../paths';
import type { Clock } from '../ports';
import { AccountHistory } from './account-history';
import { parseMonth, serializeMonth } from './month-file';
import type { CorruptMonth } from './types';

const MONTH_FILE = /^(\d{4}-\d{2})\.json$/;

export const syncStateSchema = z.object({
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: appErrorSchema.nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  firstFailureAt: z.string().nullable(),
  backfilledFrom: z.string().nullable(),
  usageFetchedAt: z.string().nullable(),
  /** When project names were last fetched: ids OpenAI did not name are looked up again at most daily. */
  projectsFetchedAt: z.string().nullable().default(null),
  /** A failed Usage or Projects call: reported, but it never fails the sync (Costs carry the money). */
  warning: z.string().nullable().default(null),
  currency: z.string(),
  projects: z.record(z.string(), z.string()),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const EMPTY_SYNC_STATE: SyncState = {
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  consecutiveFailures: 0,
  firstFailureAt: null,
  backfilledFrom: null,
  usageFetchedAt: null,
  projectsFetchedAt: null,
  warning: null,
  currency: 'usd',
  projects: {},
};

export interface LoadedHistory {
  history: AccountHistory;
  corrupt: CorruptMonth[];
}

export class HistoryStore {
  private readonly cache = new Map<string, LoadedHistory>();
  /** Sync states, read once and written through: every dashboard and tray refresh needs them. */
  private readonly states = new Map<string, SyncState>();

  constructor(
    private readonly dataDir: string,
    private readonly clock: Clock,
  ) {}

  private accountDir(accountId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(accountId)) throw new Error(`Bad account id: ${accountId}`);
    return join(historyDir(this.dataDir), accountId);
  }

  /** Loads (once) and returns an account's history; damaged month files are quarantined. */
  load(accountId: string): LoadedHistory {
    const cached = this.cache.get(accountId);
    if (cached) return cached;
    const dir = this.accountDir(accountId);
    const history = new AccountHistory();
    const corrupt: CorruptMonth[] = [];
    for (const name of listDir(dir)) {
      const month = MONTH_FILE.exec(name)?.[1];
      if (!month) continue;
      const path = join(dir, name);
      try {
        const contents = parseMonth(month, readFileIfExists(path) ?? '');
        history.loadMonth(contents.costs, contents.usage);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        corrupt.push({ month, movedTo: quarantineFile(path, this.clock.now()), reason });
      }
    }
    const loaded = { history, corrupt };
    this.cache.set(accountId, loaded);
    return loaded;
  }

  /** Writes the months that changed since the last save; returns how many files were written. */
  save(accountId: string): number {
    const { history } = this.load(accountId);
    const months = history.takeDirtyMonths();
    for (const month of months) {
      writeFileAtomic(join(this.accountDir(accountId), `${month}.json`), serializeMonth(month, history.monthContents(month)));
    }
    return months.length;
  }

  /** Forgets that corrupt months were found, once they have been refetched. */
  clearCorrupt(accountId: string): void {
    this.load(accountId).corrupt = [];
  }

  readState(accountId: string): SyncState {
    const cached = this.states.get(accountId);
    if (cached) return structuredClone(cached);
    const state = this.readStateFile(accountId);
    this.states.set(accountId, state);
    return structuredClone(state);
  }

  private readStateFile(accountId: string): SyncState {
    const text = readFileIfExists(join(this.accountDir(accountId), 'state.json'));
    if (text === undefined) return structuredClone(EMPTY_SYNC_STATE);
    try {
      return syncStateSchema.parse({ ...EMPTY_SYNC_STATE, ...JSON.parse(text) });
    } catch {
      // A damaged state file only costs a fresh backfill; the month files are still checked on their own.
      quarantineFile(join(this.accountDir(accountId), 'state.json'), this.clock.now());
      return structuredClone(EMPTY_SYNC_STATE);
    }
  }

  writeState(accountId: string, state: SyncState): void {
    this.states.set(accountId, structuredClone(state));
    writeFileAtomic(join(this.accountDir(accountId), 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
  }

  removeAccount(accountId: string): void {
    this.cache.delete(accountId);
    this.states.delete(accountId);
    rmSync(this.accountDir(accountId), { recursive: true, force: true });
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
