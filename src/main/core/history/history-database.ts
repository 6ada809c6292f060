/**
 * One account's history on disk: an SQLite database (Node's built-in `node:sqlite`, no native build) at
 * <dataDir>/history/<accountId>/history.sqlite. Why SQLite, and the figures behind it: docs/contributing/performance.md.
 *
 * - Rows are kept as the provider sent them (exact decimal text); each day's exact sums by project, line item,
 *   model and other currency are written with them, in the same transaction, so a reader (`status`, the
 *   dashboard) reads a few sums instead of every row, and loads them a month at a time, when asked.
 * - Sums are ExactAmount integers (units of 10^-48) as decimal text: exact, and parsed by BigInt() alone.
 * - A sync stages the days it fetched, a page at a time, in a staging file beside it (history.sqlite-staging), so a
 *   large organisation's year is never held in memory; its save copies them into the history in one transaction
 *   with the rest, then deletes the file. Readers only ever see the history, so a sync that fails half-way changes
 *   nothing they read, and what it staged is dropped.
 * - A write is one transaction (rollback journal, synchronous=FULL): a process killed mid-write leaves the last
 *   committed history, which the next opener restores from the journal. The rollback journal (not WAL) keeps a
 *   read-only disk readable; writers of one account are serialised by its cross-process lock anyway.
 * - SQLite's errors become the app's: a full disk, a read-only disk, a permission problem, or a damaged file
 *   (DamagedDatabase), which the store moves aside and reports.
 */
import { chmodSync, rmSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { UtcDay } from '../../../shared/dates';
import { exactToDecimal, MoneyFormatError, parseExact, type ExactAmount } from '../../../shared/money';
import { AppError } from '../errors';
import { diskFullMessage, readOnlyMessage } from '../fs/atomic-file';
import { emptySummary, type DaySummary, type SumDimension } from './account-history';
import { compactCost, compactUsage, type CostRow, type UsageRow } from './types';
import { UNATTRIBUTED_KEY } from '../../../shared/dimensions';

/**
 * The schema this code reads and writes (PRAGMA user_version). 2 added who and what spent it: a cost row's API key
 * and quantity unit, usage rows' user, key, project, batch and service tier, and day sums by key and quantities.
 */
const SCHEMA_VERSION = 2;

/** From format 1: columns added in place (old rows read as null, i.e. unattributed, until refetched). */
const UPGRADE_FROM_1 = `
ALTER TABLE cost_row ADD COLUMN quantity_unit TEXT;
ALTER TABLE cost_row ADD COLUMN api_key_id TEXT;
ALTER TABLE usage_row ADD COLUMN user_id TEXT;
ALTER TABLE usage_row ADD COLUMN api_key_id TEXT;
ALTER TABLE usage_row ADD COLUMN project_id TEXT;
ALTER TABLE usage_row ADD COLUMN batch INTEGER;
ALTER TABLE usage_row ADD COLUMN service_tier TEXT;
INSERT OR IGNORE INTO day_sum (day, dim, key, amount) SELECT day, 'k', '${UNATTRIBUTED_KEY}', total FROM cost_day;
`;

/**
 * Upgrades a format-1 file in place, in one transaction that reads the version again once it holds the write
 * lock: the app and the CLI started together after an update both find format 1, and only the first upgrades.
 * Old days get their per-key sum (all of it unattributed: the rows carry no key), as summarise() would give them.
 */
function upgradeFrom1(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version === 1) db.exec(`${UPGRADE_FROM_1} PRAGMA user_version = ${SCHEMA_VERSION};`);
    db.exec('COMMIT');
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // Rolled back by SQLite itself already.
    }
    throw error;
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cost_day (day TEXT PRIMARY KEY, total TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cost_row (
  day TEXT NOT NULL, seq INTEGER NOT NULL, project_id TEXT, line_item TEXT, amount TEXT NOT NULL, quantity, currency TEXT NOT NULL,
  quantity_unit TEXT, api_key_id TEXT,
  PRIMARY KEY (day, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_sum (day TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (day, dim, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS usage_day (day TEXT PRIMARY KEY) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS usage_row (
  day TEXT NOT NULL, seq INTEGER NOT NULL, model TEXT, input INTEGER NOT NULL, output INTEGER NOT NULL, cached INTEGER NOT NULL, requests INTEGER NOT NULL,
  user_id TEXT, api_key_id TEXT, project_id TEXT, batch INTEGER, service_tier TEXT,
  PRIMARY KEY (day, seq)
) WITHOUT ROWID;
`;

/** A sync's staged days live in their own file, attached while it runs, so the history file grows only by history. */
const STAGING_SCHEMA = `
CREATE TABLE staging.cost_day (day TEXT PRIMARY KEY, total TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE staging.cost_row (
  day TEXT NOT NULL, seq INTEGER NOT NULL, project_id TEXT, line_item TEXT, amount TEXT NOT NULL, quantity, currency TEXT NOT NULL,
  quantity_unit TEXT, api_key_id TEXT,
  PRIMARY KEY (day, seq)
) WITHOUT ROWID;
CREATE TABLE staging.day_sum (day TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (day, dim, key)) WITHOUT ROWID;
`;

/**
 * How long a reader waits for a writer's commit. Saving a backfill copies it into the history in one transaction,
 * during which readers wait: about half a second for a mid-size organisation's year, several seconds at 10 times
 * that (see docs/contributing/performance.md).
 */
const BUSY_TIMEOUT_MS = 30_000;

const TABLES = ['cost_day', 'cost_row', 'day_sum', 'usage_day', 'usage_row'];

/** The dimensions a day's exact sums are kept by (the `dim` column). */
const DIMENSIONS = {
  p: 'byProject',
  l: 'byLineItem',
  m: 'byModel',
  k: 'byApiKey',
  c: 'otherCurrencies',
} as const satisfies Record<string, SumDimension>;
type DimensionCode = keyof typeof DIMENSIONS | typeof QUANTITY_CODE;
/** Quantities by line item (`amount` holds "<quantity> <unit>"): what effective unit prices are computed from. */
const QUANTITY_CODE = 'q';

/** The database file is not a database, or a page of it is damaged: it is moved aside, never silently reset. */
export class DamagedDatabase extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} is damaged: ${reason}`);
    this.name = 'DamagedDatabase';
  }
}

const EXPORT_SLICE = 1000;

/** A cost row as an export writes it: the amount is exact decimal text (exactToDecimal's form). */
export interface ExportRow {
  projectId: string | null;
  apiKeyId: string | null;
  lineItem: string | null;
  amount: string;
  quantity: number | null;
  quantityUnit: string | null;
  currency: string;
}

export interface DayWrite {
  rows: CostRow[];
  summary: DaySummary;
}

const SQLITE = {
  PERM: 3,
  BUSY: 5,
  LOCKED: 6,
  READONLY: 8,
  IOERR: 10,
  CORRUPT: 11,
  FULL: 13,
  CANTOPEN: 14,
  NOTADB: 26,
} as const;

/** SQLite's error as the app's own; anything else is passed on. */
function sqliteError(error: unknown, path: string): unknown {
  const code = (error as { errcode?: number })?.errcode;
  if (typeof code !== 'number') return error;
  const primary = code & 0xff;
  const message = (error as Error).message;
  if (primary === SQLITE.FULL) return new AppError('disk_full', diskFullMessage(path), { cause: error });
  if (primary === SQLITE.READONLY) return new AppError('read_only', readOnlyMessage(path), { cause: error });
  if (primary === SQLITE.PERM || primary === SQLITE.CANTOPEN) {
    return new AppError(
      'permission_denied',
      `Spendwatch cannot open ${path} (${message}). Check the permissions of the data folder.`,
      { cause: error },
    );
  }
  if (primary === SQLITE.BUSY || primary === SQLITE.LOCKED) {
    return new AppError('busy', `Another Spendwatch process kept ${path} busy for too long. Try again in a moment.`, {
      cause: error,
    });
  }
  if (primary === SQLITE.CORRUPT || primary === SQLITE.NOTADB) return new DamagedDatabase(path, message);
  if (primary === SQLITE.IOERR) {
    const cause = (error as { errstr?: string }).errstr ?? message;
    // A write that failed for lack of space surfaces as an I/O error on some file systems (tmpfs, quotas).
    if (/full|space|quota/i.test(cause)) return new AppError('disk_full', diskFullMessage(path), { cause: error });
    return new AppError('internal', `Spendwatch could not read or write ${path}: ${message}.`, { cause: error });
  }
  return error;
}

export class HistoryDatabase {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private stagingAttached = false;

  private constructor(
    readonly path: string,
    db: DatabaseSync,
    private readonly onDamaged?: (error: DamagedDatabase) => void,
  ) {
    this.db = db;
  }

  /**
   * Opens (creating if `create`) the database; a file that is not one of ours throws DamagedDatabase. Damage found
   * later, by a read or a write, goes to `onDamaged` (which moves the file aside) and throws an AppError saying so.
   */
  static open(
    path: string,
    options: { create: boolean; onDamaged?: (error: DamagedDatabase) => void },
  ): HistoryDatabase {
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(path, { open: true, readOnly: false, enableForeignKeyConstraints: false });
      // A pragma, not the constructor's `timeout` option: that option (like setReturnArrays, isOpen and
      // isTransaction) came with Node 24 and may be missing from Node 22 and Electron's Node, which Spendwatch supports.
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // A stale journal from a killed writer is rolled back by the first read, before anything is trusted.
      const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      if (version > SCHEMA_VERSION) {
        throw new AppError(
          'invalid_input',
          `${path} was written by a newer Spendwatch (history format ${version}). Update Spendwatch to read it.`,
        );
      }
      if (version === 0) {
        if (!options.create) throw new DamagedDatabase(path, 'it holds no Spendwatch history');
        db.exec(`BEGIN IMMEDIATE; ${SCHEMA} PRAGMA user_version = ${SCHEMA_VERSION}; COMMIT;`);
      } else if (version === 1) {
        upgradeFrom1(db);
      }
      const tables = new Set(
        (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
          (t) => t.name,
        ),
      );
      const missing = TABLES.filter((table) => !tables.has(table));
      if (missing.length)
        throw new DamagedDatabase(
          path,
          `its ${missing.join(', ')} table${missing.length > 1 ? 's are' : ' is'} missing`,
        );
      db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;');
      return new HistoryDatabase(path, db, options.onDamaged);
    } catch (error) {
      try {
        db?.close();
      } catch {
        // Closing a handle that failed to open: nothing to keep.
      }
      throw sqliteError(error, path);
    }
  }

  close(): void {
    this.statements.clear();
    this.stagingAttached = false;
    try {
      this.db.close();
    } catch {
      // Closed already (a damaged file is closed before it is moved aside).
    }
  }

  private get stagingPath(): string {
    return `${this.path}-staging`;
  }

  /**
   * A query's rows as arrays: a year of rows read as objects left ~2.5 times as much garbage, which in a short
   * process is peak memory (the garbage collector lets it pile up before a full collection).
   */
  private rows<T extends unknown[]>(sql: string, ...params: SQLInputValue[]): T[] {
    const statement = this.statement(sql) as StatementSync & { setReturnArrays?: (enabled: boolean) => void };
    if (!statement.setReturnArrays) return statement.all(...params).map((row) => Object.values(row)) as T[];
    statement.setReturnArrays(true);
    return statement.all(...params) as unknown as T[];
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs a read, with SQLite's errors as the app's. */
  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw this.appError(error);
    }
  }

  private appError(error: unknown): unknown {
    // A value that is not what this code wrote (a total that is no integer, an amount that is no decimal, a NULL
    // where none can be): the file was changed by something else, which is damage, not a bug to crash on.
    const unreadable =
      error instanceof MoneyFormatError ||
      (error instanceof Error &&
        /BigInt/.test(error.message) &&
        (error instanceof SyntaxError || error instanceof TypeError || error instanceof RangeError));
    const mapped = unreadable
      ? new DamagedDatabase(this.path, `a stored value cannot be read (${(error as Error).message})`)
      : sqliteError(error, this.path);
    if (!(mapped instanceof DamagedDatabase) || !this.onDamaged) return mapped;
    this.onDamaged(mapped);
    return new AppError(
      'internal',
      `${mapped.message}. It was moved aside; the next sync fetches this account's history again.`,
      { cause: mapped },
    );
  }

  /** Every stored cost day and its exact total in the account's currency (a few hundred rows a year). */
  dayTotals(): Map<UtcDay, ExactAmount> {
    return this.read(() => {
      const rows = this.rows<[string, string]>('SELECT day, total FROM cost_day ORDER BY day');
      return new Map(rows.map(([day, total]) => [day, BigInt(total)]));
    });
  }

  /** The stored days of `month` with their sums (totals from `totals`, which the caller already holds). */
  monthSummaries(month: string, totals: Map<UtcDay, ExactAmount>): Map<UtcDay, DaySummary> {
    return this.read(() => {
      const summaries = new Map<UtcDay, DaySummary>();
      for (const [day, total] of totals) {
        if (day.startsWith(month)) summaries.set(day, { ...emptySummary(), total });
      }
      const rows = this.rows<[string, DimensionCode, string, string]>(
        'SELECT day, dim, key, amount FROM day_sum WHERE day >= ? AND day < ?',
        `${month}-01`,
        `${month}-32`,
      );
      for (const [day, dim, key, amount] of rows) {
        const summary = summaries.get(day);
        if (!summary) continue;
        if (dim === QUANTITY_CODE) summary.lineQuantities.set(key, readQuantity(amount));
        else summary[DIMENSIONS[dim]].set(key, BigInt(amount));
      }
      return summaries;
    });
  }

  /** One stored (or staged) day's cost rows, in the order they were stored; the caller knows the day is there. */
  costRows(day: UtcDay, from: 'history' | 'staged' = 'history'): CostRow[] {
    const prefix = from === 'staged' ? 'staging.' : '';
    return this.read(() => {
      const rows = this.rows<
        [string | null, string | null, string, number | null, string, string | null, string | null]
      >(
        `SELECT project_id, line_item, amount, quantity, currency, quantity_unit, api_key_id FROM ${prefix}cost_row WHERE day = ? ORDER BY seq`,
        day,
      );
      return rows.map(([projectId, lineItem, amount, quantity, currency, quantityUnit, apiKeyId]) =>
        compactCost({ projectId, lineItem, amount: parseExact(amount), currency, quantity, quantityUnit, apiKeyId }),
      );
    });
  }

  /** One stored day's rows of one project and/or API key (a dashboard filter): SQLite picks them out, not JS. */
  filteredRows(day: UtcDay, filter: { projectId?: string; apiKeyId?: string; unassignedProject: string }): CostRow[] {
    return this.read(() => {
      const rows = this.rows<
        [string | null, string | null, string, number | null, string, string | null, string | null]
      >(
        'SELECT project_id, line_item, amount, quantity, currency, quantity_unit, api_key_id FROM cost_row WHERE day = ? AND (? IS NULL OR IFNULL(project_id, ?) = ?) AND (? IS NULL OR api_key_id = ?) ORDER BY seq',
        day,
        filter.projectId ?? null,
        filter.unassignedProject,
        filter.projectId ?? null,
        filter.apiKeyId ?? null,
        filter.apiKeyId ?? null,
      );
      return rows.map(([projectId, lineItem, amount, quantity, currency, quantityUnit, apiKeyId]) =>
        compactCost({ projectId, lineItem, amount: parseExact(amount), currency, quantity, quantityUnit, apiKeyId }),
      );
    });
  }

  /**
   * One day's rows for an export, by project then line item, in slices of EXPORT_SLICE rows, amounts as the exact
   * decimal text stored, never turned into numbers and back. The day is read whole before the first slice is
   * handed on: a reader that stops reading (`spendwatch export | less`) must never hold SQLite's read lock, which
   * would keep every writer out.
   */
  *exportRows(day: UtcDay): Generator<ExportRow[]> {
    const rows = this.read(() =>
      this.rows<[string | null, string | null, string | null, string, number | null, string | null, string]>(
        'SELECT project_id, api_key_id, line_item, amount, quantity, quantity_unit, currency FROM cost_row WHERE day = ? ORDER BY project_id, line_item, api_key_id, seq',
        day,
      ),
    );
    for (let i = 0; i < rows.length; i += EXPORT_SLICE) {
      yield rows
        .slice(i, i + EXPORT_SLICE)
        .map(([projectId, apiKeyId, lineItem, amount, quantity, quantityUnit, currency]) => ({
          projectId,
          apiKeyId,
          lineItem,
          amount,
          quantity,
          quantityUnit,
          currency,
        }));
    }
  }

  /** The stored usage of `month`, by day. */
  monthUsage(month: string): Map<UtcDay, UsageRow[]> {
    return this.read(() => {
      const usage = new Map<UtcDay, UsageRow[]>();
      const [from, to] = [`${month}-01`, `${month}-32`];
      for (const [day] of this.rows<[string]>(
        'SELECT day FROM usage_day WHERE day >= ? AND day < ? ORDER BY day',
        from,
        to,
      ))
        usage.set(day, []);
      const rows = this.rows<
        [
          string,
          string | null,
          number,
          number,
          number,
          number,
          string | null,
          string | null,
          string | null,
          number | null,
          string | null,
        ]
      >(
        'SELECT day, model, input, output, cached, requests, user_id, api_key_id, project_id, batch, service_tier FROM usage_row WHERE day >= ? AND day < ? ORDER BY day, seq',
        from,
        to,
      );
      for (const [
        day,
        model,
        inputTokens,
        outputTokens,
        cachedTokens,
        requests,
        userId,
        apiKeyId,
        projectId,
        batch,
        serviceTier,
      ] of rows) {
        usage.get(day)?.push(
          compactUsage({
            model,
            inputTokens,
            outputTokens,
            cachedTokens,
            requests,
            userId,
            apiKeyId,
            projectId,
            batch: batch === null ? null : batch === 1,
            serviceTier,
          }),
        );
      }
      return usage;
    });
  }

  /**
   * Replaces whole days of costs (rows and sums) and of usage, and copies every staged day into the history, in one
   * transaction: all of it lands, or none. The staging file is then deleted.
   */
  write(costs: Map<UtcDay, DayWrite>, usage: Map<UtcDay, UsageRow[]>): void {
    this.transaction(() => {
      if (this.stagingAttached) this.copyStaged();
      for (const [day, { rows, summary }] of costs) this.writeCostDay('', day, rows, summary);
      for (const [day, rows] of usage) this.writeUsageDay(day, rows);
    });
    this.clearStaged();
  }

  /** Stages whole days of costs (replacing any staged before): not history until the next write. */
  stage(costs: Map<UtcDay, DayWrite>): void {
    if (!this.stagingAttached) this.attachStaging();
    this.transaction(() => {
      for (const [day, { rows, summary }] of costs) this.writeCostDay('staging.', day, rows, summary);
    });
  }

  /** Drops what a sync staged and never saved (it failed, or its process was killed). */
  clearStaged(): void {
    try {
      if (this.stagingAttached) {
        this.statements.clear(); // statements on the staging file must go before it can be detached
        this.db.exec('DETACH DATABASE staging');
        this.stagingAttached = false;
      }
      for (const suffix of ['', '-journal']) rmSync(`${this.stagingPath}${suffix}`, { force: true });
    } catch (error) {
      throw this.appError(error);
    }
  }

  private attachStaging(): void {
    try {
      this.clearStaged();
      this.statement('ATTACH DATABASE ? AS staging').run(this.stagingPath);
      this.stagingAttached = true;
      chmodSync(this.stagingPath, 0o600);
      this.db.exec(
        `PRAGMA staging.journal_mode = DELETE; PRAGMA staging.synchronous = OFF; BEGIN IMMEDIATE; ${STAGING_SCHEMA} COMMIT;`,
      );
    } catch (error) {
      throw this.appError(error);
    }
  }

  private transaction(fn: () => void): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        fn();
        this.db.exec('COMMIT');
      } catch (error) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // SQLite rolled it back itself (a full disk, a damaged page): there is no transaction left to end.
        }
        throw error;
      }
    } catch (error) {
      throw this.appError(error);
    }
  }

  /** Staged days replace the same days of history, rows and sums, inside the caller's transaction. */
  private copyStaged(): void {
    for (const table of ['cost_row', 'day_sum'])
      this.statement(`DELETE FROM main.${table} WHERE day IN (SELECT day FROM staging.cost_day)`).run();
    this.statement('INSERT OR REPLACE INTO main.cost_day (day, total) SELECT day, total FROM staging.cost_day').run();
    this.statement(
      'INSERT INTO main.cost_row (day, seq, project_id, line_item, amount, quantity, currency, quantity_unit, api_key_id) SELECT day, seq, project_id, line_item, amount, quantity, currency, quantity_unit, api_key_id FROM staging.cost_row',
    ).run();
    this.statement('INSERT INTO main.day_sum SELECT day, dim, key, amount FROM staging.day_sum').run();
  }

  private writeCostDay(prefix: '' | 'staging.', day: UtcDay, rows: CostRow[], summary: DaySummary): void {
    for (const table of ['cost_row', 'day_sum']) this.statement(`DELETE FROM ${prefix}${table} WHERE day = ?`).run(day);
    this.statement(`INSERT OR REPLACE INTO ${prefix}cost_day (day, total) VALUES (?, ?)`).run(
      day,
      summary.total.toString(),
    );
    const insertRow = this.statement(
      `INSERT INTO ${prefix}cost_row (day, seq, project_id, line_item, amount, quantity, currency, quantity_unit, api_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    rows.forEach((r, seq) =>
      insertRow.run(
        day,
        seq,
        r.projectId,
        r.lineItem,
        exactToDecimal(r.amount),
        r.quantity,
        r.currency,
        r.quantityUnit ?? null,
        r.apiKeyId ?? null,
      ),
    );
    const insertSum = this.statement(`INSERT INTO ${prefix}day_sum (day, dim, key, amount) VALUES (?, ?, ?, ?)`);
    for (const [dim, field] of Object.entries(DIMENSIONS)) {
      for (const [key, amount] of summary[field]) insertSum.run(day, dim, key, amount.toString());
    }
    for (const [lineItem, { quantity, unit }] of summary.lineQuantities)
      insertSum.run(day, QUANTITY_CODE, lineItem, `${quantity} ${unit ?? ''}`);
  }

  private writeUsageDay(day: UtcDay, rows: UsageRow[]): void {
    this.statement('DELETE FROM usage_row WHERE day = ?').run(day);
    this.statement('INSERT OR IGNORE INTO usage_day (day) VALUES (?)').run(day);
    const insert = this.statement(
      'INSERT INTO usage_row (day, seq, model, input, output, cached, requests, user_id, api_key_id, project_id, batch, service_tier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    rows.forEach((r, seq) =>
      insert.run(
        day,
        seq,
        r.model,
        r.inputTokens,
        r.outputTokens,
        r.cachedTokens,
        r.requests,
        r.userId ?? null,
        r.apiKeyId ?? null,
        r.projectId ?? null,
        r.batch === null || r.batch === undefined ? null : Number(r.batch),
        r.serviceTier ?? null,
      ),
    );
  }

  /** SQLite's own check of every page and index (a few hundred ms a year of history); throws DamagedDatabase. */
  check(): void {
    const result = this.read(() => this.rows<[string]>('PRAGMA quick_check'));
    const problems = result.map(([line]) => line).filter((line) => line !== 'ok');
    if (problems.length) throw new DamagedDatabase(this.path, problems.slice(0, 3).join('; '));
  }
}

/** "<quantity> <unit>" as written by writeCostDay; anything else is not ours (damage, reported as such). */
function readQuantity(text: string): { quantity: number; unit: string | null } {
  const space = text.indexOf(' ');
  const quantity = Number(text.slice(0, space));
  if (space < 1 || !Number.isFinite(quantity)) throw new MoneyFormatError(text, 'a stored quantity is not a number');
  return { quantity, unit: text.slice(space + 1) || null };
}
