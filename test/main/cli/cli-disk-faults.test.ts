/**
 * The real CLI on a real small disk (a tmpfs mounted for the test, so root only): filled to the last byte, then
 * remounted read-only. Nothing on disk is ever replaced by a partial file, no temp file is left behind, every
 * `--json` command prints one JSON document even when it fails, and `status`/`export` keep answering from what is
 * on disk. Skipped (and says so) where the test cannot mount.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer, type FakeOrganisation } from '../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';

const canMount =
  process.getuid?.() === 0 &&
  Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) &&
  spawnSync('sh', ['-c', 'command -v mount'], { stdio: 'ignore' }).status === 0;
if (!canMount) console.log('cli-disk-faults: skipped (needs root to mount a tmpfs, and the test keyring session)');
const KEY = `sk-admin-${'d'.repeat(20)}${Date.now()}`;

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f) && statSync(f).isFile());
}

/** Every JSON file Spendwatch keeps is whole and parses. */
function expectEveryFileWhole(home: string): void {
  for (const file of filesUnder(home).filter((f) => f.endsWith('.json'))) {
    expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
  }
  // SQLite's own check of every page and index of each history database (read-only: nothing is changed).
  for (const file of filesUnder(home).filter((f) => f.endsWith('history.sqlite'))) {
    const db = new DatabaseSync(file, { readOnly: true });
    expect(db.prepare('PRAGMA integrity_check').all(), file).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  }
  expect(filesUnder(home).filter((f) => /\.tmp$|-staging$|-journal$|\.migrating$/.test(f))).toEqual([]);
}

/** One JSON document on stdout, whatever happened. */
function oneDocument(stdout: string): Record<string, unknown> {
  expect(stdout.trim().length).toBeGreaterThan(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe.runIf(canMount)('the CLI on a full disk and a read-only one', () => {
  let server: FakeOpenAiServer;
  let mountPoint: string;
  let home: string;
  let statusBefore: Record<string, unknown>;
  let exportBefore: string;

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [KEY]: smallOrganisation(120) });
    const baseUrl = await server.start();
    mountPoint = mkdtempSync(join(tmpdir(), 'sw-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mountPoint]);
    home = join(mountPoint, 'home');
    const added = await runCli(
      ['accounts', 'add', '--provider', 'openai', '--name', 'Disk Co', '--base-url', baseUrl],
      { home, input: KEY },
    );
    expect(added.code, added.stderr).toBe(0);
    expect((await runCli(['sync'], { home })).code).toBe(0);
    statusBefore = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    exportBefore = (await runCli(['export', '--format', 'csv'], { home })).stdout;
  });

  afterAll(async () => {
    spawnSync('mount', ['-o', 'remount,rw', mountPoint]);
    await runCli(['accounts', 'remove', 'Disk Co'], { home });
    spawnSync('umount', [mountPoint]);
    await server?.stop();
  });

  it('nearly full: a revised day larger than the space left is never saved in part', async () => {
    const accountDir = readdirSync(join(home, 'history'))
      .map((d) => join(home, 'history', d))
      .find((d) => statSync(d).isDirectory())!;
    const month = join(accountDir, 'history.sqlite');
    const before = readFileSync(month);
    // Leave one page free; the server then revises today with 300 more line items, so the day's next write
    // (tens of kilobytes, with its journal and staging) can only partly fit.
    const avail = Number(
      execFileSync('df', ['--output=avail', '-B1', mountPoint], { encoding: 'utf8' }).split('\n')[1],
    );
    const filler = join(mountPoint, 'filler-near');
    spawnSync('sh', ['-c', `head -c ${Math.max(0, avail - 4096)} /dev/zero > '${filler}'`]);
    const org = server.keys[KEY] as FakeOrganisation;
    const extra = Array.from({ length: 300 }, (_, i) => ({
      projectId: 'proj_beta',
      lineItem: `fine-tuned model ${i}, output`,
      value: 0.25,
    }));
    org.costs[utcDay(0)] = [...(org.costs[utcDay(0)] ?? []), ...extra];
    const sync = await runCli(['sync', '--json'], { home });
    expect(sync.code).toBe(1);
    expect(JSON.stringify(oneDocument(sync.stdout))).toMatch(/"code": ?"disk_full"/);
    expect(readFileSync(month).equals(before)).toBe(true);
    expectEveryFileWhole(home);
    spawnSync('rm', ['-f', filler]);
    // With room again, the next sync saves the revised day.
    expect((await runCli(['sync'], { home })).code).toBe(0);
    expect(readFileSync(month).equals(before)).toBe(false);
    statusBefore = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    exportBefore = (await runCli(['export', '--format', 'csv'], { home })).stdout;
  });

  it('full: budget set and sync fail with disk_full, keep every file whole, and status and export still answer', async () => {
    // Fill the disk to the last byte.
    const filler = join(mountPoint, 'filler');
    spawnSync('sh', ['-c', `cat /dev/zero > '${filler}' 2>/dev/null; true`]);
    expect(spawnSync('sh', ['-c', `echo x >> '${join(mountPoint, 'probe')}'`]).status).not.toBe(0);
    const config = readFileSync(join(home, 'config.json'), 'utf8');

    const budget = await runCli(['budget', 'set', '--account', 'Disk Co', '--monthly', '500'], { home });
    expect(budget.code).toBe(1);
    expect(budget.stderr).toMatch(
      /^spendwatch: The disk is full: Spendwatch could not save .*config\.json.*Free some space/m,
    );
    expect(budget.stderr).not.toMatch(/ENOSPC|Unexpected error/);
    expect(readFileSync(join(home, 'config.json'), 'utf8')).toBe(config);

    // A month that changed (the server revised today) cannot be saved: the stored one stays whole.
    const org = server.keys[KEY] as FakeOrganisation;
    const today = utcDay(0);
    org.costs[today] = [
      ...(org.costs[today] ?? []),
      { projectId: 'proj_alpha', lineItem: 'gpt-4o-2024-08-06, input', value: 1.5 },
    ];
    const sync = await runCli(['sync', '--json'], { home });
    expect(sync.code).toBe(1);
    const doc = oneDocument(sync.stdout);
    expect(JSON.stringify(doc)).toMatch(/"code": ?"disk_full"/);
    expectEveryFileWhole(home);

    const status = await runCli(['status', '--json'], { home });
    expect(status.code).toBe(0);
    const after = oneDocument(status.stdout) as { accounts: { monthToDate: unknown }[] };
    expect(after.accounts[0].monthToDate).toEqual(
      (statusBefore as { accounts: { monthToDate: unknown }[] }).accounts[0].monthToDate,
    );
    expect((await runCli(['export', '--format', 'csv'], { home })).stdout).toBe(exportBefore);
    spawnSync('rm', ['-f', filler, join(mountPoint, 'probe')]);
  });

  it('read-only: sync --json prints one document with read_only inside, budget set says how to fix it, reads go on', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    try {
      const sync = await runCli(['sync', '--json'], { home });
      expect(sync.code).toBe(1);
      expect(JSON.stringify(oneDocument(sync.stdout))).toMatch(/"code": ?"read_only"/);
      expect(sync.stderr).not.toMatch(/EROFS|Unexpected error/);

      const list = await runCli(['accounts', 'list', '--json'], { home });
      expect(list.code).toBe(0);
      expect(oneDocument(list.stdout)).toBeTruthy();

      const budget = await runCli(['budget', 'set', '--account', 'Disk Co', '--monthly', '500'], { home });
      expect(budget.code).toBe(1);
      expect(budget.stderr).toMatch(
        /read-only file system.*Remount it read-write, or point SPENDWATCH_HOME at a writable folder/,
      );

      const status = await runCli(['status', '--json'], { home });
      expect(status.code).toBe(0);
      expect(oneDocument(status.stdout)).toHaveProperty('accounts');
      expect((await runCli(['export', '--format', 'csv'], { home })).stdout).toBe(exportBefore);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
    expectEveryFileWhole(home);
  });

  it('a bad argument with --json is one JSON document too, with exit 2', async () => {
    const r = await runCli(['status', '--json', '--frobnicate'], { home });
    expect(r.code).toBe(2);
    expect(oneDocument(r.stdout)).toMatchObject({ error: { code: 'invalid_input' } });
  });
});
