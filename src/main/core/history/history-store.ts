/**
 * Persists each account's history under <dataDir>/history/<accountId>/: history.sqlite (HistoryDatabase) plus
 * state.json. A sync's changes are written in one transaction, only for the days that changed.
 *
 * Damage is moved aside and reported, never silently reset: a damaged database is renamed
 * history.sqlite.corrupt-<time> and an all.repair.json mark written first, so whichever process syncs next
 * fetches the whole history again, even if the process that found the damage (e.g. `status`) never syncs.
 * A file we may not read is reported as a permission problem and left alone. Directories are created only when
 * something is written. Writers hold the account's cross-process lock (see SyncEngine) and reload under it.
 *
 * History kept in month files by earlier versions (legacy-months.ts) is migrated on first load, under the lock:
 * into a new database beside them, checked day by day, then moved into place; a damaged month file is moved
 * aside with its own repair mark, as before. Until it can be migrated (another process holds the lock, or the
 * disk is full or read-only) the month files are read as they are.
 */
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { appErrorSchema } from '../../../shared/domain';
import { AppError, toErrorInfo } from '../errors';
import { isDue } from '../../../shared/elapsed';
import {
  diskError,
  diskFullMessage,
  quarantineFile,
  quarantineTarget,
  readFileIfExists,
  writeFileAtomic,
} from '../fs/atomic-file';
import { historyDir } from '../paths';
import type { Clock } from '../ports';
import { readStateText } from '../fs/recovering-document';
import { noLocks, type StateLocks } from '../fs/state-lock';
import type { StateNotices } from '../fs/state-notices';
import { AccountHistory, summarise } from './account-history';
import { DamagedDatabase, HistoryDatabase, type DayWrite } from './history-database';
import { legacyMonthFiles, listDir, MIGRATED_DIR, setMigratedFilesAside, type LegacyMonthFile } from './legacy-months';
import { parseMonth, type MonthContents } from './month-file';
import { WHOLE_HISTORY, type CorruptMonth } from './types';
import { ACCOUNT_CURRENCY } from '../../../shared/money';

const DATABASE = 'history.sqlite';
const CHECK_EVERY_MS = 24 * 3_600_000;
const REPAIR_MARK = /^(\d{4}-\d{2}|all)\.repair\.json$/;
const repairMarkSchema = z.object({
  month: z.string().regex(/^(\d{4}-\d{2}|all)$/),
  movedTo: z.string(),
  reason: z.string(),
});

/** The lock every writer of an account's history holds. */
const historyLockName = (accountId: string): string => `history-${accountId}`;

const syncStateSchema = z.object({
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: appErrorSchema.nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  /** Every failed sync of this account, by any process, ever: `spendwatch_sync_failures_total` (a counter never resets). */
  failuresTotal: z.number().int().nonnegative().default(0),
  firstFailureAt: z.string().nullable(),
  backfilledFrom: z.string().nullable(),
  usageFetchedAt: z.string().nullable(),
  /** When project names were last fetched: ids OpenAI did not name are looked up again at most daily. */
  projectsFetchedAt: z.string().nullable().default(null),
  /** When SQLite last checked every page of the history database (daily, before a sync). */
  checkedAt: z.string().nullable().default(null),
  /** A failed Usage or Projects call: reported, but it never fails the sync (Costs carry the money). */
  warning: z.string().nullable().default(null),
  currency: z.string(),
  projects: z.record(z.string(), z.string()),
  /**
   * Which rows this history's cost days hold (ROWS_FORMAT): a history fetched before costs were grouped by API key
   * is fetched again once, so its per-key figures are the bill's too. Absent: format 1.
   */
  rowsFormat: z.number().int().nonnegative().default(1),
  /** API key id → name, owner, project, last use (from the providers' key lists; key-shaped text redacted). */
  apiKeys: z
    .record(
      z.string(),
      z.object({
        name: z.string(),
        owner: z.string().nullable(),
        projectId: z.string().nullable(),
        lastUsedAt: z.string().nullable(),
      }),
    )
    .default({}),
  apiKeysFetchedAt: z.string().nullable().default(null),
  /** User id → name and email (OpenAI's users list). */
  users: z.record(z.string(), z.object({ name: z.string(), email: z.string().nullable() })).default({}),
  usersFetchedAt: z.string().nullable().default(null),
});
export type SyncState = z.infer<typeof syncStateSchema>;

/** @internal Exported for tests. */
export const EMPTY_SYNC_STATE: SyncState = {
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  consecutiveFailures: 0,
  failuresTotal: 0,
  firstFailureAt: null,
  backfilledFrom: null,
  usageFetchedAt: null,
  projectsFetchedAt: null,
  checkedAt: null,
  warning: null,
  currency: ACCOUNT_CURRENCY,
  projects: {},
  rowsFormat: 1,
  apiKeys: {},
  apiKeysFetchedAt: null,
  users: {},
  usersFetchedAt: null,
};

/** The rows a sync writes now: 2 = costs grouped by API key, quantity units, usage by user, key and project. */
export const ROWS_FORMAT = 2;

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
  /** Damage found while reading an open database, and its repair mark (null: another process holds the lock). */
  private readonly damageFound = new Map<string, CorruptMonth | null>();
  /** Each account's open database, and which file it is (device and inode). */
  private readonly dbs = new Map<string, { db: HistoryDatabase; identity: string | undefined }>();

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
        // Syncing from here: damage found while preparing is reported by the sync, once, when it has refetched it.
        this.syncing.add(accountId);
        try {
          this.prepareToWrite(accountId);
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

  /** Loads (once) and returns an account's history; damage found is moved aside and marked for repair. */
  load(accountId: string): LoadedHistory {
    this.dropIfChangedElsewhere(accountId);
    const cached = this.cache.get(accountId);
    if (cached) return cached;
    this.stampIfNew(accountId);
    const corrupt: CorruptMonth[] = [];
    this.damageFound.delete(accountId);
    const db = this.database(accountId, corrupt);
    let history = db ? new AccountHistory(db) : this.legacyInMemory(accountId, corrupt);
    try {
      // The list of days is read now: a damaged file is found (and moved aside) here, not in the middle of a view.
      void history.dayCount;
    } catch (error) {
      const damage = this.damageFound.get(accountId);
      if (!(error instanceof AppError) || damage === undefined) throw error;
      this.damageFound.delete(accountId);
      if (damage) corrupt.push(damage);
      history = new AccountHistory();
    }
    const loaded = { history, corrupt };
    this.cache.set(accountId, loaded);
    return loaded;
  }

  private databasePath(accountId: string): string {
    return join(this.accountDir(accountId), DATABASE);
  }

  /**
   * The account's open database: opened once per process, and again when the file was replaced (another process
   * moved a damaged one aside and started afresh). Migrates month files first; undefined when there is no database
   * yet (nothing synced, or month files that cannot be migrated right now).
   */
  private database(accountId: string, corrupt: CorruptMonth[]): HistoryDatabase | undefined {
    const path = this.databasePath(accountId);
    const there = lstatSync(path, { throwIfNoEntry: false });
    const open = this.dbs.get(accountId);
    if (open && open.identity === identityOf(there)) return open.db;
    if (open) this.closeDatabase(accountId);
    if (!there) {
      const files = legacyMonthFiles(this.accountDir(accountId));
      return files.length ? this.migrate(accountId, files, corrupt) : undefined;
    }
    if (!there.isFile()) {
      const mark = this.quarantineDatabase(accountId, 'it is not a file');
      if (mark) corrupt.push(mark);
      return undefined;
    }
    try {
      const db = this.openDatabase(accountId, path, { create: false });
      this.setAsideLeftoverMonthFiles(accountId);
      return db;
    } catch (error) {
      if (!(error instanceof DamagedDatabase)) throw error;
      const mark = this.quarantineDatabase(accountId, error.message);
      if (mark) corrupt.push(mark);
      return undefined;
    }
  }

  private openDatabase(accountId: string, path: string, options: { create: boolean }): HistoryDatabase {
    const db = HistoryDatabase.open(path, {
      ...options,
      onDamaged: (error) => this.damagedWhileOpen(accountId, error),
    });
    this.dbs.set(accountId, { db, identity: fileIdentity(path) });
    return db;
  }

  private closeDatabase(accountId: string): void {
    this.dbs.get(accountId)?.db.close();
    this.dbs.delete(accountId);
  }

  /** A read or write found a damaged page: the file is moved aside (and marked) and this process forgets it. */
  private damagedWhileOpen(accountId: string, error: DamagedDatabase): void {
    // Only the file that was read is moved aside: another process may have replaced it since.
    const same = this.dbs.get(accountId)?.identity === fileIdentity(this.databasePath(accountId));
    this.closeDatabase(accountId);
    this.cache.delete(accountId);
    this.damageFound.set(accountId, same ? (this.quarantineDatabase(accountId, error.message) ?? null) : null);
  }

  /**
   * Moves a damaged database aside, its repair mark written first (if it cannot be, a full disk, the file stays
   * and reading goes on reporting it). Under the account's lock; a sync holding it repairs the file itself.
   */
  private quarantineDatabase(accountId: string, reason: string): CorruptMonth | undefined {
    const path = this.databasePath(accountId);
    this.closeDatabase(accountId);
    return this.setAside(accountId, WHOLE_HISTORY, path, reason, (movedTo) => {
      // Its journal goes with it (it belongs to that file, and may say what happened); staging is only a sync's.
      if (existsSync(`${path}-journal`)) renameSync(`${path}-journal`, `${movedTo}-journal`);
      for (const suffix of ['-staging', '-staging-journal']) rmSync(`${path}${suffix}`, { force: true });
    });
  }

  /** Migrates month files into a new database; undefined (read them as they are) if that cannot happen now. */
  private migrate(accountId: string, files: LegacyMonthFile[], corrupt: CorruptMonth[]): HistoryDatabase | undefined {
    const dir = this.accountDir(accountId);
    const path = this.databasePath(accountId);
    const temp = `${path}.migrating`;
    try {
      return this.locks.trySync(historyLockName(accountId), () => {
        // Another process may have migrated while this one waited for the lock.
        if (fileIdentity(path) !== undefined) return this.openDatabase(accountId, path, { create: false });
        for (const leftover of [temp, `${temp}-journal`]) rmSync(leftover, { force: true });
        const db = HistoryDatabase.open(temp, { create: true });
        try {
          chmodSync(temp, 0o600);
          const expected = new Map<string, bigint>();
          const migrated: LegacyMonthFile[] = [];
          for (const file of files) {
            const contents = this.readLegacyMonth(accountId, file, corrupt);
            if (!contents) continue;
            const costs = new Map(
              [...contents.costs].map(([day, rows]): [string, DayWrite] => [day, { rows, summary: summarise(rows) }]),
            );
            db.write(costs, contents.usage);
            for (const [day, { summary }] of costs) expected.set(day, summary.total);
            migrated.push(file);
          }
          // Nothing lost: every day reads back with its exact total before the month files are set aside.
          const stored = db.dayTotals();
          const lost = [...expected].filter(([day, total]) => stored.get(day) !== total).map(([day]) => day);
          if (lost.length || stored.size !== expected.size)
            throw new Error(`history migration check failed (${lost.slice(0, 3).join(', ') || 'day count'})`);
          db.close();
          renameSync(temp, path);
          setMigratedFilesAside(dir, migrated);
        } catch (error) {
          db.close();
          rmSync(temp, { force: true });
          throw diskError(error, temp);
        }
        return this.openDatabase(accountId, path, { create: false });
      });
    } catch (error) {
      // A full or read-only disk, or a data dir this user may not write: the month files still answer (a file it
      // may not read says so when it is read), and the migration is tried again next time.
      const info = toErrorInfo(error);
      if (info.code !== 'disk_full' && info.code !== 'read_only' && info.code !== 'permission_denied') throw error;
      this.notices?.add(
        `History for this account is still in its earlier format: it could not be converted (${info.message}). Its figures are read as they are meanwhile.`,
      );
      return undefined;
    }
  }

  /** Month files read as they are (not migrated yet): the same figures, in memory. */
  private legacyInMemory(accountId: string, corrupt: CorruptMonth[]): AccountHistory {
    const history = new AccountHistory();
    for (const file of legacyMonthFiles(this.accountDir(accountId))) {
      const contents = this.readLegacyMonth(accountId, file, corrupt);
      if (contents) history.loadMonth(contents.costs, contents.usage);
    }
    return history;
  }

  /** One month file's rows; a damaged one is moved aside and marked for repair (undefined). */
  private readLegacyMonth(
    accountId: string,
    file: LegacyMonthFile,
    corrupt: CorruptMonth[],
  ): MonthContents | undefined {
    const read = readStateText(file.path);
    const text = ('text' in read && read.text) || '';
    try {
      return parseMonth(file.month, text);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const found = this.setAside(accountId, file.month, file.path, reason);
      if (found) corrupt.push(found);
      return undefined;
    }
  }

  /**
   * Month files beside a database: a migration stopped between its two renames, or an earlier version of
   * Spendwatch still running and writing them. Whichever, they are set aside (never over an earlier copy) and
   * their months marked for repair, so the next sync fetches those months whole; a migration's leftover
   * temporary database is removed.
   */
  private setAsideLeftoverMonthFiles(accountId: string): void {
    const dir = this.accountDir(accountId);
    const files = legacyMonthFiles(dir);
    const migrating = existsSync(`${this.databasePath(accountId)}.migrating`);
    if (!files.length && !migrating) return;
    try {
      this.locks.trySync(historyLockName(accountId), () => {
        for (const leftover of ['.migrating', '.migrating-journal'])
          rmSync(`${this.databasePath(accountId)}${leftover}`, { force: true });
        for (const file of files) {
          const reason =
            'a month file was found beside the database (written by an earlier version, or left by a migration)';
          writeFileAtomic(
            join(dir, `${file.month}.repair.json`),
            `${JSON.stringify({ month: file.month, movedTo: join(dir, MIGRATED_DIR), reason })}\n`,
          );
        }
        setMigratedFilesAside(dir, files);
      });
    } catch {
      // A read-only disk: they stay where they are, and are never read while the database exists.
    }
  }

  /**
   * Moves damaged history aside and persists its repair mark, under the account's lock. If another process
   * holds it (a sync in progress), the file is left for that sync, which reloads and repairs it itself.
   */
  private setAside(
    accountId: string,
    month: string,
    path: string,
    reason: string,
    alsoRemove?: (movedTo: string) => void,
  ): CorruptMonth | undefined {
    let found: CorruptMonth | undefined;
    const what = month === WHOLE_HISTORY ? 'The stored history' : `History for ${month}`;
    try {
      found = this.locks.trySync(historyLockName(accountId), () => {
        // lstat, not exists: a link whose target is gone is still something planted at the path, to move aside.
        if (!lstatSync(path, { throwIfNoEntry: false })) return undefined;
        // The repair mark first: if it cannot be written (a full disk), the file stays where it is; history moved
        // aside without its mark would never be fetched whole again.
        const mark: CorruptMonth = { month, movedTo: quarantineTarget(path, this.clock.now()), reason };
        writeFileAtomic(join(this.accountDir(accountId), `${month}.repair.json`), `${JSON.stringify(mark)}\n`);
        renameSync(path, mark.movedTo);
        alsoRemove?.(mark.movedTo);
        return mark;
      });
    } catch (error) {
      // A full or read-only disk: the damaged file stays where it is, and reading (status, export) goes on.
      this.notices?.add(
        `${what} is damaged (${reason}) and could not be moved aside: ${toErrorInfo(diskError(error, path)).message}`,
      );
      return undefined;
    }
    if (found && !this.syncing.has(accountId))
      this.notices?.add(
        `${what} was damaged (${reason}). It was moved to ${found.movedTo}; the next sync fetches it again.`,
      );
    return found;
  }

  /** Months whose files were found damaged (by any process) and not yet refetched. */
  pendingRepairs(accountId: string): CorruptMonth[] {
    const dir = this.accountDir(accountId);
    const marks: CorruptMonth[] = [];
    for (const name of listDir(dir)) {
      const month = REPAIR_MARK.exec(name)?.[1];
      // Regular files only: a FIFO planted under a mark's name would block the read forever.
      if (!month || !lstatSync(join(dir, name), { throwIfNoEntry: false })?.isFile()) continue;
      const parsed = repairMarkSchema.safeParse(safeJson(readFileIfExistsQuietly(join(dir, name))));
      marks.push(parsed.success ? parsed.data : { month, movedTo: '(unknown)', reason: 'damaged' });
    }
    return marks.sort((a, b) => a.month.localeCompare(b.month));
  }

  /** Writes the days that changed since the last save, in one transaction; returns how many days were written. */
  save(accountId: string): number {
    const { history } = this.load(accountId);
    const pending = history.takePending();
    const days = new Set([...pending.costs.keys(), ...pending.usage.keys(), ...pending.staged]).size;
    if (!days) return 0;
    try {
      const db = this.dbs.get(accountId)?.db ?? this.createDatabase(accountId);
      db.write(pending.costs, pending.usage);
    } catch (error) {
      history.restorePending(pending);
      throw error;
    }
    // History held in memory (changes before the first save) is read from the database from now on.
    if (!history.hasDatabase) history.adopt(this.dbs.get(accountId)!.db);
    return days;
  }

  /** The first write of an account: its folder and database, readable by this user only. */
  private createDatabase(accountId: string): HistoryDatabase {
    const dir = this.accountDir(accountId);
    const path = this.databasePath(accountId);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw diskError(error, dir);
    }
    const there = lstatSync(path, { throwIfNoEntry: false });
    const files = there ? [] : legacyMonthFiles(dir);
    if (files.length) {
      // Month files not migrated yet (a disk that was full): they are migrated first, never written over.
      const db = this.migrate(accountId, files, []);
      if (!db) throw new AppError('disk_full', diskFullMessage(path));
      return db;
    }
    // Created only where nothing is: never through a link or over anything else planted at the path.
    if (there && !there.isFile())
      throw new AppError(
        'invalid_input',
        `Spendwatch will not write its history through ${path}: it is not a plain file. Move it away, then sync again.`,
      );
    const db = this.openDatabase(accountId, path, { create: true });
    chmodSync(path, 0o600);
    return db;
  }

  /**
   * Before a sync, holding the lock: SQLite's own check of every page once a day (damage found is moved aside, and
   * the sync fetches it again; a year of a very large organisation takes over a second to check, too much for every
   * poll), the database created if there is none yet (so even a first sync stages its pages on disk), and anything
   * a failed or killed sync staged dropped.
   */
  private prepareToWrite(accountId: string): void {
    this.damageFound.delete(accountId);
    let db = this.database(accountId, []);
    const state = this.readState(accountId);
    if (db && isDue(state.checkedAt, this.clock.now().getTime(), CHECK_EVERY_MS)) {
      try {
        db.check();
        this.writeState(accountId, { ...state, checkedAt: this.clock.now().toISOString() });
      } catch (error) {
        // Damage the check reports, or damage so bad the check itself fails (then already moved aside).
        if (error instanceof DamagedDatabase) this.quarantineDatabase(accountId, error.message);
        else if (!this.damageFound.has(accountId)) throw error;
        this.damageFound.delete(accountId);
        this.cache.delete(accountId);
        db = undefined;
      }
    }
    if (!db) {
      db = this.createDatabase(accountId);
      // A new database is sound: the first check is due a day after it, not at the next poll.
      this.writeState(accountId, { ...this.readState(accountId), checkedAt: this.clock.now().toISOString() });
    }
    db.clearStaged();
  }

  /** After a failed sync: what it staged is dropped and what it changed in memory forgotten. */
  discardChanges(accountId: string): void {
    this.cache.delete(accountId);
    try {
      this.dbs.get(accountId)?.db.clearStaged();
    } catch {
      // A full or read-only disk: the next sync drops it before it starts.
    }
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
      // A damaged state file only costs a fresh backfill; the history database is still checked on its own.
      const movedTo = this.locks.trySync(historyLockName(accountId), () => quarantineFile(path, this.clock.now()));
      if (movedTo)
        this.notices?.add(
          `The sync state ${path} was damaged. It was moved to ${movedTo}; the next sync fetches the account's history again.`,
        );
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
      if (state.lastError)
        this.writeState(accountId, { ...state, lastError: null, consecutiveFailures: 0, firstFailureAt: null });
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
      this.closeDatabase(accountId);
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

/** Which file is at `path` now (undefined: none): a database replaced by another process is opened again. */
function fileIdentity(path: string): string | undefined {
  // lstat: a link planted as history.sqlite is not followed (it is moved aside as damage, see database()).
  return identityOf(lstatSync(path, { throwIfNoEntry: false }));
}

function identityOf(stat: Stats | undefined): string | undefined {
  return stat ? `${stat.dev}:${stat.ino}` : undefined;
}
