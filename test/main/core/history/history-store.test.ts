import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../../src/main/core/history/history-store';
import { parseMonth } from '../../../../src/main/core/history/month-file';
import { summarise } from '../../../../src/main/core/history/account-history';
import { FileStateLocks } from '../../../../src/main/core/fs/state-lock';
import { StateNotices } from '../../../../src/main/core/fs/state-notices';
import { TestClock } from '../../../support/test-clock';
import { costRow } from '../../../support/cost-row';
import { microsToExact } from '../../../../src/shared/money';
import type { CostRow } from '../../../../src/main/core/history/types';

const row = (micros: number) => costRow('p', 'li', micros);
const FIXTURES = join(import.meta.dirname, '../../../fixtures/history');
const newDir = () => mkdtempSync(join(tmpdir(), 'sw-hist-'));
const store = (dir: string, notices?: StateNotices) =>
  new HistoryStore(dir, new TestClock(new Date('2026-11-21T00:00:00Z')), new FileStateLocks(dir), notices);

describe('history store', () => {
  it("sees another process's sync: the app's cached history and state are read again once state.json changes", async () => {
    const dir = newDir();
    const app = store(dir);
    const cli = store(dir);
    // The app has read the account (and keeps it in memory).
    expect(app.load('acc_1').history.dayCount).toBe(0);
    expect(app.readState('acc_1').lastSuccessAt).toBeNull();
    // The CLI syncs it: history first, the state last, under the account's lock.
    await cli.withAccountLock('acc_1', async () => {
      cli.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(2)]]]));
      cli.save('acc_1');
      cli.writeState('acc_1', { ...cli.readState('acc_1'), lastSuccessAt: '2026-11-21T10:00:00.000Z' });
    });
    expect(app.readState('acc_1').lastSuccessAt).toBe('2026-11-21T10:00:00.000Z');
    expect(app.load('acc_1').history.costRows('2026-11-01')).toEqual([row(2)]);
    // Nothing changed since: the app serves from memory (the same object).
    expect(app.load('acc_1')).toBe(app.load('acc_1'));
  });

  it("keeps its own sync's unsaved changes: while it syncs (holding the lock) its memory wins over any state.json change", async () => {
    const dir = newDir();
    const s = store(dir);
    await s.withAccountLock('acc_1', async () => {
      s.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(5)]]]));
      s.writeState('acc_1', { ...s.readState('acc_1'), lastSuccessAt: '2026-11-21T10:00:00.000Z' });
      // Something that ignores the lock (a hand edit) replaces state.json mid-sync: the sync's changes still land.
      writeFileSync(
        join(dir, 'history', 'acc_1', 'state.json'),
        `${readFileSync(join(dir, 'history', 'acc_1', 'state.json'), 'utf8')} `,
      );
      expect(s.save('acc_1')).toBe(1);
    });
    expect(store(dir).load('acc_1').history.costRows('2026-11-01')).toEqual([row(5)]);
  });

  it('persists days in one database, readable by its owner only, and reloads the same rows and sums', () => {
    const dir = newDir();
    const s = store(dir);
    const { history } = s.load('acc_1');
    history.replaceCosts(
      new Map([
        ['2026-10-31', [row(1)]],
        ['2026-11-01', [row(2), costRow('q', 'other', 3, 'eur')]],
        ['2026-11-02', []],
      ]),
    );
    expect(s.save('acc_1')).toBe(3);
    expect(readdirSync(join(dir, 'history', 'acc_1')).sort()).toEqual(['history.sqlite']);
    expect(
      readFileSync(join(dir, 'history', 'acc_1', 'history.sqlite'))
        .subarray(0, 15)
        .toString(),
    ).toBe('SQLite format 3');
    const reloaded = store(dir).load('acc_1').history;
    expect(reloaded.costRows('2026-11-01')).toEqual([row(2), costRow('q', 'other', 3, 'eur')]);
    expect(reloaded.costRows('2026-11-02')).toEqual([]);
    expect(reloaded.hasDay('2026-11-02')).toBe(true);
    expect(reloaded.hasDay('2026-11-03')).toBe(false);
    expect(reloaded.summary('2026-10-31')?.total).toBe(microsToExact(1));
    expect(reloaded.summary('2026-11-01')).toEqual(summarise([row(2), costRow('q', 'other', 3, 'eur')]));
  });

  it('a history object held across its first save keeps working: later changes are staged and saved too', () => {
    const dir = newDir();
    const s = store(dir);
    const { history } = s.load('acc_1');
    history.replaceCosts(new Map([['2026-11-01', [row(1)]]]));
    expect(s.save('acc_1')).toBe(1);
    expect(history.hasDatabase).toBe(true);
    history.replaceCosts(
      new Map([
        ['2026-11-01', [row(7)]],
        ['2026-11-02', [row(3)]],
      ]),
    );
    expect(s.save('acc_1')).toBe(2);
    const reloaded = store(dir).load('acc_1').history;
    expect([reloaded.costRows('2026-11-01'), reloaded.costRows('2026-11-02')]).toEqual([[row(7)], [row(3)]]);
  });

  it('writes nothing when a replace changes nothing, and leaves no staging behind', async () => {
    const dir = newDir();
    const s = store(dir);
    await s.withAccountLock('acc_1', async () => {
      const { history } = s.load('acc_1');
      history.replaceCosts(new Map([['2026-11-01', [row(2)]]]));
      expect(existsSync(join(dir, 'history', 'acc_1', 'history.sqlite-staging'))).toBe(true);
      s.save('acc_1');
      expect(history.replaceCosts(new Map([['2026-11-01', [row(2)]]]))).toEqual([]);
      expect(s.save('acc_1')).toBe(0);
    });
    expect(readdirSync(join(dir, 'history', 'acc_1')).sort()).toEqual(['history.sqlite', 'state.json']);
  });

  it('a sync that fails after staging changes nothing: what it staged is dropped', async () => {
    const dir = newDir();
    const s = store(dir);
    s.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(2)]]]));
    s.save('acc_1');
    await s.withAccountLock('acc_1', async () => {
      s.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(9)]]]));
      s.discardChanges('acc_1');
    });
    expect(store(dir).load('acc_1').history.costRows('2026-11-01')).toEqual([row(2)]);
    expect(s.load('acc_1').history.costRows('2026-11-01')).toEqual([row(2)]);
  });

  it.each([
    ['not a database', () => 'this is not SQLite'],
    ['cut short', (bytes: Buffer) => bytes.subarray(0, 100)],
    [
      'pages overwritten',
      (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(bytes.length - 4096, 0x5a)]),
    ],
  ])(
    'moves a damaged database (%s) aside with its repair mark and reports it, instead of crashing or starting afresh',
    (_label, damage) => {
      const dir = newDir();
      const s = store(dir);
      s.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(2)]]]));
      s.save('acc_1');
      const path = join(dir, 'history', 'acc_1', 'history.sqlite');
      const damaged = damage(readFileSync(path));
      writeFileSync(path, damaged);
      const notices = new StateNotices(new TestClock(new Date()));
      const loaded = store(dir, notices).load('acc_1');
      expect(loaded.corrupt).toEqual([expect.objectContaining({ month: 'all' })]);
      expect(readFileSync(loaded.corrupt[0].movedTo)).toEqual(Buffer.from(damaged));
      expect(loaded.history.dayCount).toBe(0);
      expect(
        store(dir)
          .pendingRepairs('acc_1')
          .map((r) => r.month),
      ).toEqual(['all']);
      expect(notices.list()[0].message).toMatch(/The stored history was damaged .* the next sync fetches it again/);
    },
  );

  it("a sync's daily check of every page finds damage before the sync reads or writes anything", async () => {
    const dir = newDir();
    const s = store(dir);
    s.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(2)]]]));
    s.save('acc_1');
    const path = join(dir, 'history', 'acc_1', 'history.sqlite');
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(bytes.length - 4096, 0x5a)]));
    const syncing = store(dir);
    const seen = await syncing.withAccountLock('acc_1', async () => syncing.load('acc_1').history.dayCount);
    expect(seen).toBe(0);
    expect(syncing.pendingRepairs('acc_1').map((r) => r.month)).toEqual(['all']);
    expect(readdirSync(join(dir, 'history', 'acc_1')).some((f) => f.startsWith('history.sqlite.corrupt-'))).toBe(true);
    // The new, empty database it starts afresh is sound: its first check is due a day later.
    expect(syncing.readState('acc_1').checkedAt).toBe('2026-11-21T00:00:00.000Z');
  });

  it("reads the same where node:sqlite has no setReturnArrays (Node 22's, Electron's may not)", () => {
    const days = { '2026-11-01': [row(2), costRow('q', 'other', 3, 'eur')], '2026-11-02': [] };
    const dir = newDir();
    const s = store(dir);
    s.load('acc_1').history.replaceCosts(new Map(Object.entries(days)));
    s.save('acc_1');
    const read = () => {
      const history = store(dir).load('acc_1').history;
      return [
        history.dayCount,
        history.costRows('2026-11-01'),
        history.summary('2026-11-01'),
        [...history.exportRows('2026-11-01')],
      ];
    };
    const withArrays = read();
    const proto = StatementSync.prototype as { setReturnArrays?: unknown };
    const original = proto.setReturnArrays;
    try {
      proto.setReturnArrays = undefined;
      expect(read()).toEqual(withArrays);
    } finally {
      proto.setReturnArrays = original;
    }
  });

  it('refuses path-like account ids', () => {
    expect(() => store(newDir()).load('../etc')).toThrow(/Bad account id/);
  });
});

describe('history kept in month files by earlier versions', () => {
  /** An account folder holding the real files an earlier version wrote (test/fixtures/history/<version>). */
  const legacyAccount = (version: 'v1' | 'v2') => {
    const dir = newDir();
    const account = join(dir, 'history', 'acc_old');
    mkdirSync(account, { recursive: true });
    cpSync(join(FIXTURES, version), account, { recursive: true });
    return { dir, account, months: readdirSync(account).filter((f) => /^\d{4}-\d{2}\.json$/.test(f)) };
  };

  it.each(['v1', 'v2'] as const)(
    'migrates %s month files on first load with nothing lost, and sets them aside untouched',
    (version) => {
      const { dir, account, months } = legacyAccount(version);
      const originals = new Map(months.map((f) => [f, readFileSync(join(account, f), 'utf8')]));
      const history = store(dir).load('acc_old').history;
      let days = 0;
      for (const [file, text] of originals) {
        const contents = parseMonth(file.slice(0, 7), text);
        for (const [day, rows] of contents.costs) {
          days++;
          expect(history.costRows(day)).toEqual(rows);
          expect(history.summary(day)).toEqual(summarise(rows));
        }
        for (const [day, rows] of contents.usage) expect(history.usageRows(day)).toEqual(rows);
      }
      expect(history.dayCount).toBe(days);
      expect(days).toBeGreaterThan(60);
      // The files are kept as they were, where nothing reads them again; the state file is untouched.
      expect(readdirSync(account).filter((f) => /^\d{4}-\d{2}\.json$/.test(f))).toEqual([]);
      for (const [file, text] of originals)
        expect(readFileSync(join(account, 'before-sqlite', file), 'utf8')).toBe(text);
      expect(readFileSync(join(account, 'state.json'), 'utf8')).toBe(
        readFileSync(join(FIXTURES, version, 'state.json'), 'utf8'),
      );
      // A second process reads the database.
      expect(store(dir).load('acc_old').history.dayCount).toBe(days);
    },
  );

  it('keeps amounts exact through the migration (v1 micros and v2 decimal text with 40 digits)', () => {
    const v2 = store(legacyAccount('v2').dir).load('acc_old').history;
    const rows = v2.costRows('2026-11-01')!;
    expect(rows.find((r) => r.lineItem === null)?.amount).toBe(5n * 10n ** 41n + 10n ** 9n); // 0.000000500000000000000000000000000000001
    const v1 = store(legacyAccount('v1').dir).load('acc_old').history;
    expect(v1.costRows('2026-11-01')![0].amount).toBe(microsToExact(1_224_567));
  });

  it('sets a damaged month file aside with its repair mark; the other months migrate', () => {
    const { dir, account } = legacyAccount('v2');
    writeFileSync(join(account, '2026-10.json'), '{"version":2,"month":"2026-10",');
    const loaded = store(dir).load('acc_old');
    expect(loaded.corrupt.map((c) => c.month)).toEqual(['2026-10']);
    expect(readFileSync(loaded.corrupt[0].movedTo, 'utf8')).toBe('{"version":2,"month":"2026-10",');
    expect(loaded.history.hasDay('2026-10-15')).toBe(false);
    expect(loaded.history.hasDay('2026-11-15')).toBe(true);
    expect(
      store(dir)
        .pendingRepairs('acc_old')
        .map((r) => r.month),
    ).toEqual(['2026-10']);
  });

  it('reads the month files as they are while another process holds the lock, and migrates later', () => {
    const { dir, account } = legacyAccount('v2');
    const other = new FileStateLocks(dir);
    const figures = other.withSync('history-acc_old', () => {
      const history = store(dir).load('acc_old').history;
      expect(readdirSync(account)).not.toContain('history.sqlite');
      return history.summary('2026-11-01');
    });
    const migrated = store(dir).load('acc_old').history;
    expect(readdirSync(account)).toContain('history.sqlite');
    expect(migrated.summary('2026-11-01')).toEqual(figures);
  });

  it('a migration cut short (a leftover temporary database) is started again from the files', () => {
    const { dir, account } = legacyAccount('v2');
    writeFileSync(join(account, 'history.sqlite.migrating'), 'half a database');
    expect(store(dir).load('acc_old').history.hasDay('2026-11-01')).toBe(true);
    expect(readdirSync(account)).not.toContain('history.sqlite.migrating');
  });
});

describe('history against what an attack pass tried', () => {
  const saved = (days: Record<string, CostRow[]>) => {
    const dir = newDir();
    const s = store(dir);
    s.load('acc_1').history.replaceCosts(new Map(Object.entries(days)));
    s.save('acc_1');
    return { dir, account: join(dir, 'history', 'acc_1'), path: join(dir, 'history', 'acc_1', 'history.sqlite') };
  };

  it.each([
    ['a total that is no integer', "UPDATE cost_day SET total = '1.5'"],
    ['a total stored as a float', 'UPDATE cost_day SET total = 1.5'],
    ['an amount that is no decimal', "UPDATE cost_row SET amount = 'twelve'"],
    ['a table dropped', 'DROP TABLE day_sum'],
  ])(
    'a sound SQLite file holding what Spendwatch never wrote (%s) is damage: moved aside, never a crash',
    (_label, sql) => {
      const { dir, path } = saved({ '2026-11-01': [row(2)] });
      const db = new DatabaseSync(path);
      db.exec(sql);
      db.close();
      const s = store(dir);
      const history = s.load('acc_1').history;
      // Found at open, or by the first read of the rows or sums (which then moves it aside and says so).
      const figures = () => [history.dayCount, history.costRows('2026-11-01'), history.summary('2026-11-01')?.total];
      try {
        figures();
      } catch (error) {
        expect((error as Error).message).toMatch(/is damaged.*moved aside/);
      }
      expect(
        store(dir)
          .pendingRepairs('acc_1')
          .map((r) => r.month),
      ).toEqual(['all']);
      expect(store(dir).load('acc_1').history.dayCount).toBe(0);
    },
  );

  it('a link or a directory named history.sqlite is moved aside, never followed', () => {
    const { dir, path, account } = saved({ '2026-11-01': [row(2)] });
    const elsewhere = join(newDir(), 'other.sqlite');
    renameSync(path, elsewhere);
    symlinkSync(elsewhere, path);
    expect(
      store(dir)
        .load('acc_1')
        .corrupt.map((c) => c.month),
    ).toEqual(['all']);
    expect(
      lstatSync(
        readdirSync(account)
          .map((f) => join(account, f))
          .find((f) => f.includes('.corrupt-'))!,
      ).isSymbolicLink(),
    ).toBe(true);
    mkdirSync(path);
    expect(store(dir).load('acc_1').history.dayCount).toBe(0);
    expect(readdirSync(account).filter((f) => f.startsWith('history.sqlite.corrupt-'))).toHaveLength(2);
  });

  it('a link to nowhere planted as history.sqlite is moved aside too, and a sync never writes through it', async () => {
    const { dir, path, account } = saved({ '2026-11-01': [row(2)] });
    rmSync(path);
    const target = join(newDir(), 'written-through.sqlite');
    symlinkSync(target, path);
    const s = store(dir);
    await s.withAccountLock('acc_1', async () => {
      s.load('acc_1').history.replaceCosts(new Map([['2026-11-01', [row(3)]]]));
      s.save('acc_1');
    });
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(path).isFile()).toBe(true);
    expect(readdirSync(account).some((f) => f.startsWith('history.sqlite.corrupt-'))).toBe(true);
  });

  it('an export that stops reading mid-day never keeps a writer out', () => {
    const { dir, path } = saved({
      '2026-11-01': Array.from({ length: 2500 }, (_, i) => costRow(`p${i % 7}`, `item ${i}`, i + 1)),
    });
    const reading = store(dir).load('acc_1').history.exportRows('2026-11-01')[Symbol.iterator]();
    expect(reading.next().value).toHaveLength(1000);
    // The reader has its first slice and waits (a pipe nobody reads): another process writes meanwhile.
    const writer = new DatabaseSync(path, { timeout: 100 });
    expect(() =>
      writer.exec("BEGIN IMMEDIATE; UPDATE cost_day SET total = total WHERE day = '2026-11-01'; COMMIT;"),
    ).not.toThrow();
    writer.close();
    expect(reading.next().value).toHaveLength(1000);
  });

  it('labels are stored as they compare: a lone surrogate does not make a day differ from itself', () => {
    const { dir } = saved({});
    const s = store(dir);
    const odd = costRow('p', 'emoji cut in half \ud83d', 1);
    const { history } = s.load('acc_1');
    history.replaceCosts(new Map([['2026-11-01', [{ ...odd, lineItem: odd.lineItem!.toWellFormed() }]]]));
    s.save('acc_1');
    const reread = store(dir).load('acc_1').history;
    expect(reread.costsDiffer('2026-11-01', [{ ...odd, lineItem: odd.lineItem!.toWellFormed() }])).toBe(false);
  });

  it('month files found beside the database are set aside without overwriting the first copies, and their months refetched', () => {
    const dir = newDir();
    const account = join(dir, 'history', 'acc_old');
    mkdirSync(account, { recursive: true });
    cpSync(join(FIXTURES, 'v2'), account, { recursive: true });
    store(dir).load('acc_old');
    const first = readFileSync(join(account, 'before-sqlite', '2026-11.json'), 'utf8');
    // An earlier version, still running, writes November again.
    writeFileSync(join(account, '2026-11.json'), first.replace('"month":"2026-11"', '"month":"2026-11" '));
    writeFileSync(join(account, 'history.sqlite.migrating'), 'left by a migration');
    const s = store(dir);
    s.load('acc_old');
    expect(readFileSync(join(account, 'before-sqlite', '2026-11.json'), 'utf8')).toBe(first);
    expect(readdirSync(join(account, 'before-sqlite'))).toContain('2026-11.2.json');
    expect(s.pendingRepairs('acc_old').map((r) => r.month)).toEqual(['2026-11']);
    expect(readdirSync(account)).not.toContain('history.sqlite.migrating');
  });

  it('a FIFO named like a month file or a repair mark is passed over, never read (it would block forever)', () => {
    const dir = newDir();
    const account = join(dir, 'history', 'acc_old');
    mkdirSync(account, { recursive: true });
    cpSync(join(FIXTURES, 'v2'), account, { recursive: true });
    rmSync(join(account, '2026-05.json'));
    execFileSync('mkfifo', [join(account, '2026-05.json'), join(account, 'all.repair.json')]);
    const s = store(dir);
    expect(s.load('acc_old').history.hasDay('2026-11-01')).toBe(true);
    expect(s.pendingRepairs('acc_old')).toEqual([]);
  });
});
