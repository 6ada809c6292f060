/**
 * Cross-process locks. Two FileStateLocks on one data dir behave like two processes: each has its own
 * idea of what it holds, and only the lock directory on disk coordinates them.
 */
import { mkdirSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStateLocks } from '../../../../src/main/core/fs/state-lock';

const dataDir = () => mkdtempSync(join(tmpdir(), 'sw-lock-'));

describe('state locks', () => {
  it('are re-entrant within a process', () => {
    const locks = new FileStateLocks(dataDir());
    expect(locks.withSync('config', () => locks.withSync('config', () => locks.trySync('config', () => 42)))).toBe(42);
  });

  it('exclude another process: it waits, then gives up with a clear "busy" error', async () => {
    const dir = dataDir();
    const app = new FileStateLocks(dir);
    const cli = new FileStateLocks(dir);
    let release!: () => void;
    const held = app.with('history-acc_1', () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((r) => setTimeout(r, 20));
    expect(cli.trySync('history-acc_1', () => 'ran')).toBeUndefined();
    expect(() => cli.withSync('history-acc_1', () => 'ran', { waitMs: 150 })).toThrow(
      /Another Spendwatch process is still writing/,
    );
    const waiting = cli.with('history-acc_1', async () => 'ran after');
    release();
    await held;
    await expect(waiting).resolves.toBe('ran after');
    expect(cli.trySync('history-acc_1', () => 'free again')).toBe('free again');
  });

  it('serialise read-modify-writes: no update is lost', async () => {
    const dir = dataDir();
    const processes = [new FileStateLocks(dir), new FileStateLocks(dir), new FileStateLocks(dir)];
    let shared = 0;
    await Promise.all(
      processes.flatMap((locks) =>
        Array.from({ length: 10 }, () =>
          locks.with('counter', async () => {
            const read = shared;
            await new Promise((r) => setTimeout(r, 1));
            shared = read + 1;
          }),
        ),
      ),
    );
    expect(shared).toBe(30);
  });

  it('take over a lock left behind by a crashed process', () => {
    const dir = dataDir();
    const orphan = join(dir, '.locks', 'alerts.lock');
    mkdirSync(orphan, { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(orphan, longAgo, longAgo);
    expect(new FileStateLocks(dir).withSync('alerts', () => 'taken over', { waitMs: 500 })).toBe('taken over');
  });

  it('take over a lock left by a crash while the clock ran 40 days fast, once the clock is corrected', () => {
    const dir = dataDir();
    const orphan = join(dir, '.locks', 'config.lock');
    mkdirSync(orphan, { recursive: true });
    const ahead = new Date(Date.now() + 40 * 86_400_000);
    utimesSync(orphan, ahead, ahead);
    expect(new FileStateLocks(dir).withSync('config', () => 'taken over', { waitMs: 500 })).toBe('taken over');
  });

  it('never take over a lock its holder keeps fresh', async () => {
    const dir = dataDir();
    let release!: () => void;
    const held = new FileStateLocks(dir).with('config', () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((r) => setTimeout(r, 20));
    expect(new FileStateLocks(dir).trySync('config', () => 'ran')).toBeUndefined();
    release();
    await held;
  });
});
