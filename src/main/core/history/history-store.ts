/**
 * Persists each account's history under <dataDir>/history/<accountId>/<YYYY-MM>.json plus state.json.
 * Writes are atomic and only for months that changed. A damaged month file is moved aside and a repair
 * mark (<YYYY-MM>.repair.json) is written next to it, so whichever process syncs next refetches the
 * whole month, even if the process that found the damage (e.g. `status`) never syncs. A file we may not
 * read is reported as a permission problem and left alone. Directories are created only when something
 * is written. Writers hold the account's cross-process lock (see SyncEngine) and reload under it.
 */
import { readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { appErrorSchema } from '../../../shared/domain';
import { toErrorInfo } from '../errors';
import { diskError, quarantineFile, quarantineTarget, readFileIfExists, writeFileAtomic } from '../fs/atomic-file';
import { historyDir } from '../paths';
import type { Clock } from '../ports';
import { readStateText } from '../fs/recovering-document';
import { noLocks, type StateLocks } from '../fs/state-lock';
import type { StateNotices } from '../fs/state-notices';
import { AccountHistory } from './account-history';
import { parseMonth, serializeMonth } from './month-file';
import type { CorruptMonth } from './types';

const MONTH_FILE = /^(\d{4}-\d{2})\.json$/;
const REPAIR_MARK = /^(\d{4}-\d{2})\.repair\.json$/;
const repairMarkSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), movedTo: z.string(), reason: z.string() });

/** The lock every writer of an account's history holds. */
export const historyLockName = (accountId: string): string => `history-${accountId}`;

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
  /** Accounts being synced by this process: that sync reports the repairs it makes itself. */
  private readonly syncing = new Set<string>();
  /**
   * How each account's state.json looked when this process last read or wrote it. Every sync ends by replacing
   * it (an atomic rename: a new inode), so when it has changed another process has synced (the CLI while the app
   * runs, or the reverse) and what this process holds in memory is dropped and read again.
   */
  private readonly stamps = new Map<string, string>();

  constructor(
    private readonly dataDir: string,
    private readonly clock: Clock,
    private readonly locks: StateLocks = noLocks,
    private readonly notices?: StateNotices,
  ) {}

  /** Runs a writer (a sync) holding the account's cross-process lock, on history reloaded from disk. */
  async withAccountLock<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
    this.accountDir(accountId);
    // A backfill can take minutes; a second process waits for it and then needs one incremental request.
    return this.locks.with(
      historyLockName(accountId),
      async () => {
        this.forget(accountId);
        this.syncing.add(accountId);
        try {
          return await fn();
        } finally {
          this.syncing.delete(accountId);
        }
      },
      { waitMs: 15 * 60_000 },
    );
  }

  /** Drops what this process holds in memory: another process may have written since. */
  forget(accountId: string): void {
    this.cache.delete(accountId);
    this.states.delete(accountId);
    this.stamps.delete(accountId);
  }

  private stateStamp(accountId: string): string {
    const stat = statSync(join(this.accountDir(accountId), 'state.json'), { throwIfNoEntry: false });
    return stat ? `${stat.ino}:${stat.mtimeMs}:${stat.size}` : 'none';
  }

  /**
   * Before serving from memory: forgets the account if another process has synced it since. Never while this
   * process syncs it: then it is the only writer (it holds the lock) and its memory is the newest, with
   * changes not yet saved.
   */
  private dropIfChangedElsewhere(accountId: string): void {
    if (this.syncing.has(accountId) || !this.stamps.has(accountId)) return;
    if (this.stamps.get(accountId) !== this.stateStamp(accountId)) this.forget(accountId);
  }

  /** Remembers the state file as it is before reading: a write landing during the read is seen at the next call. */
  private stampIfNew(accountId: string): void {
    if (!this.stamps.has(accountId)) this.stamps.set(accountId, this.stateStamp(accountId));
  }

  private accountDir(accountId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(accountId)) throw new Error(`Bad account id: ${accountId}`);
    return join(historyDir(this.dataDir), accountId);
  }

  /** Loads (once) and returns an account's history; damaged month files are quarantined and marked for repair. */
  load(accountId: string): LoadedHistory {
    this.dropIfChangedElsewhere(accountId);
    const cached = this.cache.get(accountId);
    if (cached) return cached;
    this.stampIfNew(accountId);
    const dir = this.accountDir(accountId);
    const history = new AccountHistory();
    const corrupt: CorruptMonth[] = [];
    for (const name of listDir(dir)) {
      const month = MONTH_FILE.exec(name)?.[1];
      if (!month) continue;
      const path = join(dir, name);
      const read = readStateText(path);
      const text = ('text' in read && read.text) || '';
      try {
        const contents = parseMonth(month, text);
        history.loadMonth(contents.costs, contents.usage);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        const found = this.quarantineMonth(accountId, month, path, reason);
        if (found) corrupt.push(found);
      }
    }
    const loaded = { history, corrupt };
    this.cache.set(accountId, loaded);
    return loaded;
  }

  /**
   * Moves a damaged month aside and persists the repair mark, under the account's lock. If another process
   * holds it (a sync in progress), the file is left for that sync, which reloads and repairs it itself.
   */
  private quarantineMonth(accountId: string, month: string, path: string, reason: string): CorruptMonth | undefined {
    let found: CorruptMonth | undefined;
    try {
      found = this.locks.trySync(historyLockName(accountId), () => {
        if (readFileIfExistsQuietly(path) === undefined) return undefined;
        // The repair mark first: if it cannot be written (a full disk), the month stays where it is; a month moved
        // aside without its mark would never be fetched whole again.
        const mark: CorruptMonth = { month, movedTo: quarantineTarget(path, this.clock.now()), reason };
        writeFileAtomic(join(this.accountDir(accountId), `${month}.repair.json`), `${JSON.stringify(mark)}\n`);
        renameSync(path, mark.movedTo);
        return mark;
      });
    } catch (error) {
      // A full or read-only disk: the damaged file stays where it is, and reading (status, export) goes on.
      this.notices?.add(`History for ${month} is damaged (${reason}) and could not be moved aside: ${toErrorInfo(diskError(error, path)).message}`);
      return undefined;
    }
    if (found && !this.syncing.has(accountId)) this.notices?.add(`History for ${month} was damaged (${reason}). It was moved to ${found.movedTo}; the next sync fetches the whole month again.`);
    return found;
  }

  /** Months whose files were found damaged (by any process) and not yet refetched. */
  pendingRepairs(accountId: string): CorruptMonth[] {
    const dir = this.accountDir(accountId);
    const marks: CorruptMonth[] = [];
    for (const name of listDir(dir)) {
      const month = REPAIR_MARK.exec(name)?.[1];
      if (!month) continue;
      const parsed = repairMarkSchema.safeParse(safeJson(readFileIfExistsQuietly(join(dir, name))));
      marks.push(parsed.success ? parsed.data : { month, movedTo: '(unknown)', reason: 'damaged' });
    }
    return marks.sort((a, b) => a.month.localeCompare(b.month));
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

  /** Forgets that corrupt months were found, once they have been refetched (and saved). */
  clearCorrupt(accountId: string, months: string[] = this.pendingRepairs(accountId).map((m) => m.month)): void {
    this.load(accountId).corrupt = [];
    for (const month of months) {
      try {
        unlinkSync(join(this.accountDir(accountId), `${month}.repair.json`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }

  readState(accountId: string): SyncState {
    this.dropIfChangedElsewhere(accountId);
    const cached = this.states.get(accountId);
    if (cached) return structuredClone(cached);
    this.stampIfNew(accountId);
    const state = this.readStateFile(accountId);
    this.states.set(accountId, state);
    return structuredClone(state);
  }

  private readStateFile(accountId: string): SyncState {
    const path = join(this.accountDir(accountId), 'state.json');
    const read = readStateText(path);
    // Unreadable for another reason than permission: treated as damaged, like unparsable text.
    const text = 'text' in read ? read.text : '';
    if (text === undefined) return structuredClone(EMPTY_SYNC_STATE);
    try {
      return syncStateSchema.parse({ ...EMPTY_SYNC_STATE, ...JSON.parse(text) });
    } catch {
      // A damaged state file only costs a fresh backfill; the month files are still checked on their own.
      const movedTo = this.locks.trySync(historyLockName(accountId), () => quarantineFile(path, this.clock.now()));
      if (movedTo) this.notices?.add(`The sync state ${path} was damaged. It was moved to ${movedTo}; the next sync fetches the account's history again.`);
      return structuredClone(EMPTY_SYNC_STATE);
    }
  }

  writeState(accountId: string, state: SyncState): void {
    this.states.set(accountId, structuredClone(state));
    writeFileAtomic(join(this.accountDir(accountId), 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
    // This process's own write: what it holds is current.
    this.stamps.set(accountId, this.stateStamp(accountId));
  }

  /** Forgets the last sync error (after a new key), under the account's lock; false if another process is syncing it. */
  clearLastError(accountId: string): boolean {
    const cleared = this.locks.trySync(historyLockName(accountId), () => {
      this.states.delete(accountId);
      const state = this.readState(accountId);
      if (state.lastError) this.writeState(accountId, { ...state, lastError: null, consecutiveFailures: 0, firstFailureAt: null });
      return true;
    });
    return cleared === true;
  }

  /**
   * Deletes an account's history, unless another process is syncing it right now (its writes would
   * recreate what we delete): then returns false and deletes nothing. Never waits, so the app never blocks.
   */
  removeAccount(accountId: string): boolean {
    const dir = this.accountDir(accountId);
    const removed = this.locks.trySync(historyLockName(accountId), () => {
      rmSync(dir, { recursive: true, force: true });
      return true;
    });
    this.forget(accountId);
    return removed === true;
  }
}

function readFileIfExistsQuietly(path: string): string | undefined {
  try {
    return readFileIfExists(path);
  } catch {
    return '';
  }
}

function safeJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
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
