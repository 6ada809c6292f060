/**
 * Damaged state files through the CLI, in fresh homes: a damaged month seen first by `status` (which never
 * syncs) is refetched whole by the next `sync`; damaged alerts.json and config.json are moved aside and
 * the last good copy restored, the user is told on stderr, nothing crashes and no alert fires twice.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../fake-openai/organisations';
import { clockAt } from '../../support/clock-env';
import { ensureCliBuilt, runCli as runCliNow } from '../../support/cli';
import { expectedSumMicros, microsText } from '../../support/expected-money';

// The fake organisation, the month and its budget are fixed when the file loads: every CLI process of this file
// runs at noon (UTC) of that day, so a file that happens to run across midnight (or a month's end) stays on it.
const NOON = `${utcDay(0)}T12:00:00Z`;
const runCli = (args: string[], options: Parameters<typeof runCliNow>[1]) =>
  runCliNow(args, { ...options, env: { ...clockAt(NOON), ...options.env } });

const thresholds = (alerts: { kind: string; threshold: number }[]) =>
  alerts
    .filter((a) => a.kind === 'budget-threshold')
    .map((a) => a.threshold)
    .sort((a, b) => a - b);

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('spendwatch with damaged files', () => {
  const key = `sk-admin-damaged${Date.now()}xxxxxxxxxxxxxxxx`;
  const org = smallOrganisation(70, new Date(NOON));
  const homes: string[] = [];
  let server: FakeOpenAiServer;
  let baseUrl: string;
  let monthToDate = 0n;
  const month = NOON.slice(0, 7);

  /** A home with one synced account and a budget 85% used (two threshold alerts fired). */
  async function syncedHome(): Promise<{
    home: string;
    accountDir: string;
    firstAlerts: { kind: string; threshold: number }[];
  }> {
    const home = mkdtempSync(join(tmpdir(), 'sw-cli-dmg-'));
    homes.push(home);
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme Prod', '--base-url', baseUrl], {
          home,
          input: key,
        })
      ).code,
    ).toBe(0);
    expect(
      (
        await runCli(['budget', 'set', '--account', 'Acme Prod', '--monthly', microsText((monthToDate * 100n) / 85n)], {
          home,
        })
      ).code,
    ).toBe(0);
    const sync = await runCli(['sync', '--json'], { home });
    expect(sync.code, sync.stderr).toBe(0);
    const firstAlerts = JSON.parse(sync.stdout).alerts;
    expect(thresholds(firstAlerts)).toEqual([50, 80]);
    const historyDir = join(home, 'history');
    return { home, accountDir: join(historyDir, readdirSync(historyDir)[0]), firstAlerts };
  }

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [key]: org });
    baseUrl = await server.start();
    monthToDate = expectedSumMicros(
      Object.entries(org.costs)
        .filter(([day]) => day.startsWith(month))
        .flatMap(([, rows]) => rows.map((r) => r.value)),
    );
  });
  afterAll(async () => {
    for (const home of homes) await runCli(['accounts', 'remove', 'Acme Prod'], { home });
    await server.stop();
  });

  it('damaged history seen first by status is fetched whole by the next sync, to the micro-dollar', async () => {
    const { home, accountDir } = await syncedHome();
    // Last month is outside the incremental window: only a persisted repair mark can bring it back.
    const lastMonth = utcDay(-40, new Date(NOON)).slice(0, 7);
    const lastMonthTotal = expectedSumMicros(
      Object.entries(org.costs)
        .filter(([day]) => day.startsWith(lastMonth))
        .flatMap(([, rows]) => rows.map((r) => r.value)),
    );
    // Pages of the database overwritten past its header, as a bad disk or a stray write would leave them.
    const database = join(accountDir, 'history.sqlite');
    const bytes = readFileSync(database);
    bytes.fill(0x5a, 4096);
    writeFileSync(database, bytes);

    const status = await runCli(['status', '--json'], { home });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/The stored history was damaged.*next sync fetches it again/);
    expect(JSON.parse(status.stdout).accounts[0]).toMatchObject({
      stale: true,
      warning: expect.stringMatching(/stored history was damaged/),
    });
    expect(readdirSync(accountDir).some((f) => f.startsWith('history.sqlite.corrupt-'))).toBe(true);
    // A second status, in another process, still knows the history is to be repaired (nothing is lost).
    expect(existsSync(join(accountDir, 'all.repair.json'))).toBe(true);
    expect(JSON.parse((await runCli(['status', '--json'], { home })).stdout).accounts[0].warning).toMatch(
      /stored history was damaged/,
    );

    server.clearLog();
    const sync = await runCli(['sync', '--json'], { home });
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stderr).toMatch(/Acme Prod: the stored history was damaged.*fetched again/);
    const costsCall = server.requests.find((r) => r.path.endsWith('/organization/costs'))!;
    expect(Number(costsCall.query.get('start_time'))).toBeLessThanOrEqual(
      Date.parse(`${lastMonth}-01T00:00:00Z`) / 1000,
    );
    expect(existsSync(join(accountDir, 'all.repair.json'))).toBe(false);

    // The whole month is back, to the micro-dollar.
    const lastDay = new Date(Date.UTC(Number(lastMonth.slice(0, 4)), Number(lastMonth.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const csv = (await runCli(['export', '--from', `${lastMonth}-01`, '--to', lastDay], { home })).stdout;
    const exported = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => /,(-?\d+(?:\.\d+)?),usd,[^,]*,[^,]*,[^,]*,openai$/.exec(line)![1]);
    // The CSV carries each row's exact amount: its exact sum, rounded once, is the month's total.
    expect(microsText(expectedSumMicros(exported))).toBe(microsText(lastMonthTotal));
  });

  it('damaged history found by sync itself is fetched again at once and reported once', async () => {
    const { home, accountDir } = await syncedHome();
    writeFileSync(join(accountDir, 'history.sqlite'), 'not a database at all, though it has the name of one');
    const sync = await runCli(['sync', '--json'], { home });
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stderr.match(/was damaged/g)).toHaveLength(1);
    expect(sync.stderr).toMatch(/Acme Prod: the stored history was damaged.*fetched again/);
    const doc = JSON.parse(sync.stdout);
    expect(doc.accounts[0].monthToDate.amount).toBe(microsText(monthToDate));
    expect(doc.accounts[0].warning).toBeNull();
    expect(doc.alerts).toEqual([]);
    expect(readdirSync(accountDir).filter((f) => f.endsWith('.repair.json'))).toEqual([]);
  });

  it.each([
    ['truncated', (p: string) => writeFileSync(p, readFileSync(p, 'utf8').slice(0, 40))],
    ['empty', (p: string) => writeFileSync(p, '')],
    ['a directory', (p: string) => (rmSync(p), mkdirSync(p))],
  ])('alerts.json %s: restored from the last good copy, the user told, nothing fired twice', async (_label, damage) => {
    const { home, firstAlerts } = await syncedHome();
    const alertsFile = join(home, 'alerts.json');
    damage(alertsFile);

    const status = await runCli(['status', '--json'], { home });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/alert history file .*alerts\.json was damaged.*last good copy was restored/);
    expect(thresholds(JSON.parse(status.stdout).alerts)).toEqual([50, 80]);
    expect(JSON.parse(status.stdout).alerts).toHaveLength(firstAlerts.length);
    expect(readdirSync(home).some((f) => f.startsWith('alerts.json.corrupt-'))).toBe(true);

    const sync = await runCli(['sync', '--json'], { home });
    expect(sync.code, sync.stderr).toBe(0);
    expect(JSON.parse(sync.stdout).alerts).toEqual([]);
  });

  it('a damaged config.json is restored from the last good copy; every command still works', async () => {
    const { home } = await syncedHome();
    const config = join(home, 'config.json');
    writeFileSync(config, '{"version":1,"accounts":[{"id":');
    const list = await runCli(['accounts', 'list', '--json'], { home });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toMatch(
      /settings file .*config\.json was damaged \(it is not valid JSON\).*last good copy was restored/,
    );
    expect(JSON.parse(list.stdout).accounts.map((a: { name: string }) => a.name)).toEqual(['Acme Prod']);
    expect(JSON.parse((await runCli(['budget', 'list', '--json'], { home })).stdout).budgets[0].monthly).not.toBeNull();

    // Valid JSON of the wrong shape is damage too.
    writeFileSync(config, '{"version":1,"accounts":"none"}');
    const status = await runCli(['status', '--json'], { home });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/settings file .* was damaged \(accounts: /);
    expect(JSON.parse(status.stdout).accounts[0].name).toBe('Acme Prod');
    expect(JSON.parse((await runCli(['sync', '--json'], { home })).stdout).alerts).toEqual([]);

    // The log the user can attach to a bug report has what happened, and never the key.
    const log = readFileSync(join(home, 'logs', 'spendwatch.log'), 'utf8');
    expect(log).toMatch(/ cli WARN The settings file .*config\.json was damaged/);
    expect(log).not.toContain(key);
    expect(log).not.toContain(key.slice(9, 30));
  });

  it('a damaged config.json with no good copy starts afresh and says so, without a stack trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-cli-dmg-'));
    writeFileSync(join(home, 'config.json'), 'not json at all');
    const r = await runCli(['status'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no good copy was found/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
