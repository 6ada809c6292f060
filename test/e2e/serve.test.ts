/**
 * `spendwatch serve` end to end: the built CLI as a real process against the loopback fake OpenAI, scraped over
 * HTTP and by a real Prometheus (/usr/bin/prometheus) evaluating the shipped rules (deploy/prometheus).
 *  - /metrics carries exactly the figures of `status --json` (by account name, provider, project), the hard limits,
 *    the last successful sync and the failure counter;
 *  - Prometheus scrapes it with a bearer token and raises SpendwatchBudgetExceeded (and SpendwatchHardLimitEnforcing)
 *    for the account over budget only;
 *  - the token rule (no non-loopback listening without --token-file; 401 without the right token), 404 / 405;
 *  - SIGTERM stops it cleanly (exit 0, "stopped" last, JSON lines only);
 *  - --credentials takes the key from $CREDENTIALS_DIRECTORY, with no keychain reachable.
 * The first group needs no keychain; the others add accounts (the OS keychain: `npm test` starts one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../fake-openai/fake-openai-server';
import { smallOrganisation } from '../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../support/cli';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RULES = join(ROOT, 'deploy/prometheus/spendwatch.rules.yml');
const PROMETHEUS = '/usr/bin/prometheus';
const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
// In CI the Prometheus test must run (and fails without the binary); elsewhere it is skipped without one.
const runPrometheus = existsSync(PROMETHEUS) || Boolean(process.env.CI);

// ---------------------------------------------------------------------------------------------------------------
// Processes: every one started here is killed after each test, whatever happened in it.

const live = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.on('exit', () => live.delete(child));
  return child;
}

async function killAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  live.clear();
}

afterEach(killAll);
afterAll(killAll);

/** Polls `check` until it returns a value other than undefined, or fails with what it saw last. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

interface Serve {
  child: ChildProcess;
  /** host:port to connect to (127.0.0.1 when it listens on 0.0.0.0). */
  address: string;
  url: (path: string) => string;
  stdout: () => string;
  stderr: () => string;
  /** Every stdout line, parsed (throws on one that is not JSON). */
  logs: () => Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnServe(args: string[], options: { home: string; env?: NodeJS.ProcessEnv }) {
  const child = track(
    spawn('node', ['bin/spendwatch.cjs', 'serve', ...args], {
      cwd: ROOT,
      env: { ...process.env, SPENDWATCH_HOME: options.home, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `serve` and waits for its "listening" line. */
async function startServe(args: string[], options: { home: string; env?: NodeJS.ProcessEnv }): Promise<Serve> {
  const s = spawnServe(['--listen', '127.0.0.1:0', ...args], options);
  let done = false;
  void s.exited.then(() => (done = true));
  const listening = await waitFor('serve to log "listening"', () => {
    if (done) throw new Error(`serve exited early: ${s.stderr()} ${s.stdout()}`);
    const first = s.stdout().split('\n')[0];
    if (!s.stdout().includes('\n')) return undefined;
    return JSON.parse(first) as { msg: string; address: string };
  });
  expect(listening.msg).toBe('listening');
  const address = listening.address.replace(/^0\.0\.0\.0:/, '127.0.0.1:');
  return {
    ...s,
    address,
    url: (path) => `http://${address}${path}`,
    logs: () =>
      s
        .stdout()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A serve run with its arguments that must refuse to start. */
async function serveFails(args: string[], options: { home: string; env?: NodeJS.ProcessEnv }) {
  const s = spawnServe(args, options);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 20_000);
  const { code } = await s.exited;
  clearTimeout(timer);
  return { code, stdout: s.stdout(), stderr: s.stderr() };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ---------------------------------------------------------------------------------------------------------------
// The Prometheus text format, read simply: `name{label="value",...} value` lines.

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseMetrics(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    if (line === '' || line.startsWith('#')) return [];
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (!match) throw new Error(`Not a metric line: ${line}`);
    const labels: Record<string, string> = {};
    for (const m of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const raw = match[3];
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    return [{ name: match[1], labels, value }];
  });
}

const series = (samples: Sample[], name: string, labels: Record<string, string>): Sample[] =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** The one value of a series, or undefined when it is absent (two of one name and labels fail). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  const found = series(samples, name, labels);
  expect(found.length, `${name}${JSON.stringify(labels)} is one series at most`).toBeLessThanOrEqual(1);
  return found[0]?.value;
}

async function scrape(serve: Serve, token?: string): Promise<Sample[]> {
  const res = await fetch(serve.url('/metrics'), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return parseMetrics(await res.text());
}

// ---------------------------------------------------------------------------------------------------------------

const makeToken = (dir: string, token: string, name = 'token'): string => {
  const file = join(dir, name);
  writeFileSync(file, `${token}\n`);
  chmodSync(file, 0o600);
  return file;
};
const hexToken = () =>
  [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

beforeAll(() => ensureCliBuilt(), 120_000);

describe('spendwatch serve: arguments, the token rule, routes', () => {
  // No account in it: nothing here needs the keychain.
  const home = mkdtempSync(join(tmpdir(), 'sw-serve-empty-'));
  const dir = mkdtempSync(join(tmpdir(), 'sw-serve-token-'));

  it('refuses to listen beyond loopback without --token-file (exit 2), and a token file that is too short (exit 2)', async () => {
    const open = await serveFails(['--listen', '0.0.0.0:0'], { home });
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('--token-file');
    expect(open.stdout).not.toContain('listening');

    const short = makeToken(dir, 'abc123', 'short');
    const tooShort = await serveFails(['--listen', '127.0.0.1:0', '--token-file', short], { home });
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr).toContain('--token-file');
    expect(tooShort.stdout).not.toContain('listening');
  });

  it('--credentials without $CREDENTIALS_DIRECTORY: exit 3', async () => {
    const env = { ...process.env };
    delete env.CREDENTIALS_DIRECTORY;
    const s = spawn('node', ['bin/spendwatch.cjs', 'serve', '--listen', '127.0.0.1:0', '--credentials'], {
      cwd: ROOT,
      env: { ...env, SPENDWATCH_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(s);
    let stderr = '';
    s.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => s.on('close', resolve));
    expect(code).toBe(3);
    expect(stderr).toContain('CREDENTIALS_DIRECTORY');
  });

  it('with --token-file (beyond loopback), every request needs the bearer token: 401 without or with a wrong one', async () => {
    const token = hexToken();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const file = makeToken(dir, token);
    const serve = await startServe(['--listen', '0.0.0.0:0', '--token-file', file], { home });
    expect(serve.logs()[0]).toMatchObject({ level: 'info', msg: 'listening', token: true });
    // Mode 600: no warning about the file's permissions.
    expect(serve.logs().filter((l) => l.level === 'warn')).toEqual([]);

    for (const path of ['/metrics', '/healthz', '/nope']) {
      const none = await fetch(serve.url(path));
      expect(none.status, path).toBe(401);
      expect(none.headers.get('www-authenticate'), path).toMatch(/^Bearer/);
      const wrong = await fetch(serve.url(path), { headers: { authorization: `Bearer ${hexToken()}` } });
      expect(wrong.status, path).toBe(401);
      expect(wrong.headers.get('www-authenticate'), path).toMatch(/^Bearer/);
      const notBearer = await fetch(serve.url(path), {
        headers: { authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` },
      });
      expect(notBearer.status, path).toBe(401);
      const prefix = await fetch(serve.url(path), { headers: { authorization: `Bearer ${token.slice(0, 31)}` } });
      expect(prefix.status, path).toBe(401);
    }
    const auth = { authorization: `Bearer ${token}` };
    const metrics = await fetch(serve.url('/metrics'), { headers: auth });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE spendwatch_month_to_date_dollars gauge');
    const health = await fetch(serve.url('/healthz'), { headers: auth });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', accounts: [] });
    // With the token, the routes are the same as without one.
    expect((await fetch(serve.url('/nope'), { headers: auth })).status).toBe(404);
  });

  it('answers 404 for an unknown path and 405 for anything but GET/HEAD on its routes', async () => {
    const serve = await startServe([], { home });
    const nope = await fetch(serve.url('/nope'));
    expect(nope.status).toBe(404);
    expect(await nope.text()).toContain('/metrics');
    const post = await fetch(serve.url('/metrics'), { method: 'POST', body: 'x=1' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(serve.url('/healthz'), { method: 'DELETE' })).status).toBe(405);
    const head = await fetch(serve.url('/metrics'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const healthz = await fetch(serve.url('/healthz?x=1'));
    expect(healthz.status).toBe(200);
    expect(healthz.headers.get('content-type')).toBe('application/json');
  });
});

describe.runIf(keychain)('spendwatch serve with accounts', () => {
  const stamp = Date.now();
  const keys = {
    acme: `sk-admin-serveacme${stamp}xxxxxxxx`,
    beta: `sk-admin-servebeta${stamp}xxxxxxxx`,
    gamma: `sk-admin-servegamma${stamp}xxxxxxx`,
    acme2: `sk-admin-serveacme2${stamp}xxxxxxx`,
    delta: `sk-admin-servedelta${stamp}xxxxxxx`,
    epsilon: `sk-admin-serveepsilon${stamp}xxxxx`,
  };
  const orgs = {
    acme: smallOrganisation(40),
    beta: smallOrganisation(40),
    gamma: smallOrganisation(40),
    acme2: smallOrganisation(40),
    delta: smallOrganisation(40),
    epsilon: smallOrganisation(40),
  };
  const home = mkdtempSync(join(tmpdir(), 'sw-serve-'));
  const work = mkdtempSync(join(tmpdir(), 'sw-serve-work-'));
  let fake: FakeOpenAiServer;
  let baseUrl: string;
  const added: { home: string; name: string }[] = [];

  const cli = async (args: string[], h = home) => {
    const r = await runCli(args, { home: h });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  const addAccount = async (name: string, key: string, h = home) => {
    const r = await runCli(['accounts', 'add', '--provider', 'openai', '--name', name, '--base-url', baseUrl], {
      home: h,
      input: key,
    });
    expect(r.code, r.stderr).toBe(0);
    added.push({ home: h, name });
  };
  type StatusAccount = {
    name: string;
    provider: string;
    lastSyncedAt: string | null;
    monthToDate: { amount: string };
    today: { amount: string };
    forecast: { amount: string } | null;
    budget: { monthly: { amount: string } } | null;
    byProject: { id: string; name: string; amount: string }[];
  };
  const status = async (h = home): Promise<{ accounts: StatusAccount[] }> =>
    JSON.parse((await cli(['status', '--json'], h)).stdout);

  beforeAll(async () => {
    fake = new FakeOpenAiServer(
      Object.fromEntries(Object.entries(keys).map(([k, key]) => [key, orgs[k as keyof typeof orgs]])),
    );
    baseUrl = await fake.start();
    await addAccount('Acme', keys.acme);
    await addAccount('Beta', keys.beta);
    await addAccount('Gamma', keys.gamma);
    const sync = await cli(['sync']);
    expect(sync.stderr).toBe('');
    // Acme: a $1 budget (well below what it spent), an enforcing hard limit, a project limit that is not.
    // Beta: no budget. Gamma: a budget far above its spend.
    await cli(['budget', 'set', '--account', 'Acme', '--monthly', '1']);
    await cli(['budget', 'set', '--account', 'Gamma', '--monthly', '100000']);
    orgs.acme.spendControls = {
      limits: { org: { cents: 1_000, enforcing: true }, proj_alpha: { cents: 50_000 } },
      alerts: {},
    };
    await cli(['limit', 'get', '--account', 'Acme']);
    await cli(['limit', 'get', '--account', 'Acme', '--project', 'proj_alpha']);
  }, 90_000);

  afterAll(async () => {
    await killAll();
    for (const a of added) await runCli(['accounts', 'remove', a.name], { home: a.home });
    await fake?.stop();
  }, 60_000);

  it('/metrics carries the figures of status --json, by account name, provider and project', async () => {
    const serve = await startServe([], { home });
    // status, scrape, status: the scrape is of the same figures when both status documents agree.
    let samples: Sample[] = [];
    let accounts: StatusAccount[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = (await status()).accounts;
      samples = await scrape(serve);
      accounts = (await status()).accounts;
      if (JSON.stringify(before) === JSON.stringify(accounts)) break;
    }
    expect(accounts.map((a) => a.name).sort()).toEqual(['Acme', 'Beta', 'Gamma']);

    for (const a of accounts) {
      const labels = { account: a.name, provider: a.provider };
      expect(a.provider).toBe('openai');
      expect(valueOf(samples, 'spendwatch_month_to_date_dollars', labels), a.name).toBe(Number(a.monthToDate.amount));
      expect(valueOf(samples, 'spendwatch_today_dollars', labels), a.name).toBe(Number(a.today.amount));
      expect(valueOf(samples, 'spendwatch_forecast_dollars', labels), a.name).toBe(
        a.forecast === null ? undefined : Number(a.forecast.amount),
      );
      expect(valueOf(samples, 'spendwatch_budget_dollars', labels), a.name).toBe(
        a.budget === null ? undefined : Number(a.budget.monthly.amount),
      );
      // Every project by its name (fewer than 50 here, so no "(other)"), and no other.
      expect(a.byProject.length).toBeGreaterThan(1);
      const projects = series(samples, 'spendwatch_project_month_to_date_dollars', labels);
      expect(Object.fromEntries(projects.map((p) => [p.labels.project, p.value]))).toEqual(
        Object.fromEntries(a.byProject.map((p) => [p.name, Number(p.amount)])),
      );
      expect(a.lastSyncedAt).not.toBeNull();
      expect(valueOf(samples, 'spendwatch_last_sync_success_timestamp_seconds', { account: a.name }), a.name).toBe(
        Date.parse(a.lastSyncedAt!) / 1000,
      );
      expect(valueOf(samples, 'spendwatch_sync_failures_total', { account: a.name }), a.name).toBe(0);
    }
    const acme = accounts.find((a) => a.name === 'Acme')!;
    expect(acme.budget?.monthly.amount).toMatch(/^1(\.0+)?$/);
    expect(Number(acme.monthToDate.amount)).toBeGreaterThan(1);
    expect(valueOf(samples, 'spendwatch_budget_dollars', { account: 'Acme', provider: 'openai' })).toBe(1);
    expect(valueOf(samples, 'spendwatch_budget_dollars', { account: 'Gamma', provider: 'openai' })).toBe(100_000);
    // An account without a budget has no budget series at all (not a 0).
    expect(series(samples, 'spendwatch_budget_dollars', { account: 'Beta' })).toEqual([]);
    // The forecast exists from the second day of data on: smallOrganisation has 40 days.
    expect(acme.forecast).not.toBeNull();

    // OpenAI's hard limits, as `limit get` learned them: the organisation's enforcing, the project's not.
    expect(valueOf(samples, 'spendwatch_spend_limit_dollars', { account: 'Acme', scope: 'account' })).toBe(10);
    expect(valueOf(samples, 'spendwatch_spend_limit_enforcing', { account: 'Acme', scope: 'account' })).toBe(1);
    expect(valueOf(samples, 'spendwatch_spend_limit_dollars', { account: 'Acme', scope: 'project:Alpha app' })).toBe(
      500,
    );
    expect(valueOf(samples, 'spendwatch_spend_limit_enforcing', { account: 'Acme', scope: 'project:Alpha app' })).toBe(
      0,
    );
    expect(series(samples, 'spendwatch_spend_limit_dollars', { account: 'Beta' })).toEqual([]);

    // The counter is a counter (so rate() and increase() work on it).
    const text = await (await fetch(serve.url('/metrics'))).text();
    expect(text).toContain('# TYPE spendwatch_sync_failures_total counter');
    expect(text).toContain('# TYPE spendwatch_month_to_date_dollars gauge');

    // /healthz names the same accounts.
    const health = (await (await fetch(serve.url('/healthz'))).json()) as {
      status: string;
      accounts: { name: string }[];
    };
    expect(health.status).toBe('ok');
    expect(health.accounts.map((a) => a.name).sort()).toEqual(['Acme', 'Beta', 'Gamma']);
    expect(health.accounts.find((a) => a.name === 'Acme')).toMatchObject({
      provider: 'openai',
      lastSyncedAt: acme.lastSyncedAt,
      error: null,
    });
  });

  it.runIf(runPrometheus)(
    'a real Prometheus scrapes it with the bearer token and the shipped rules raise SpendwatchBudgetExceeded for Acme only',
    async () => {
      expect(existsSync(PROMETHEUS), `${PROMETHEUS} is needed in CI`).toBe(true);
      expect(existsSync(RULES), RULES).toBe(true);
      const token = hexToken();
      const tokenFile = makeToken(work, token, 'prometheus.token');
      const serve = await startServe(['--token-file', tokenFile], { home });
      expect((await fetch(serve.url('/metrics'))).status).toBe(401);

      const promDir = mkdtempSync(join(tmpdir(), 'sw-serve-prometheus-'));
      const config = join(promDir, 'prometheus.yml');
      writeFileSync(
        config,
        [
          'global:',
          '  scrape_interval: 1s',
          '  scrape_timeout: 1s',
          '  evaluation_interval: 1s',
          'rule_files:',
          `  - ${JSON.stringify(RULES)}`,
          'scrape_configs:',
          '  - job_name: spendwatch',
          '    authorization:',
          '      type: Bearer',
          `      credentials_file: ${JSON.stringify(tokenFile)}`,
          '    static_configs:',
          `      - targets: [${JSON.stringify(serve.address)}]`,
          '',
        ].join('\n'),
      );
      const port = await freePort();
      const prometheus = track(
        spawn(
          PROMETHEUS,
          [
            `--config.file=${config}`,
            `--storage.tsdb.path=${join(promDir, 'data')}`,
            `--web.listen-address=127.0.0.1:${port}`,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      );
      let promLog = '';
      prometheus.stdout!.on('data', (d) => (promLog += d));
      prometheus.stderr!.on('data', (d) => (promLog += d));
      let promExit: number | null | undefined;
      prometheus.on('exit', (code) => (promExit = code));
      const api = async (path: string) => {
        if (promExit !== undefined) throw new Error(`prometheus exited (${promExit}):\n${promLog.slice(-3000)}`);
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        if (!res.ok) return undefined;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shapes of several Prometheus API answers
        return (await res.json()) as { status: string; data: any };
      };
      const query = async (q: string) =>
        (await api(`/api/v1/query?query=${encodeURIComponent(q)}`))?.data.result as
          { metric: Record<string, string>; value: [number, string] }[] | undefined;

      try {
        await waitFor(
          'Prometheus to be ready',
          async () => {
            if (promExit !== undefined) throw new Error(`prometheus exited (${promExit}):\n${promLog.slice(-3000)}`);
            const res = await fetch(`http://127.0.0.1:${port}/-/ready`).catch(() => undefined);
            return res?.ok ? true : undefined;
          },
          20_000,
        );

        // The target is up: the scrape with the token worked.
        const up = await waitFor(
          'up{job="spendwatch"} to be 1',
          async () => {
            const result = await query('up{job="spendwatch"}');
            return result?.length && result[0].value[1] === '1' ? result : undefined;
          },
          20_000,
          250,
        );
        expect(up).toHaveLength(1);
        expect(up[0].metric.instance).toBe(serve.address);

        type Alert = { labels: Record<string, string>; state: string; value: string };
        const alerts = await waitFor(
          'SpendwatchBudgetExceeded to fire for Acme',
          async () => {
            const list = (await api('/api/v1/alerts'))?.data.alerts as Alert[] | undefined;
            return list?.some(
              (a) =>
                a.labels.alertname === 'SpendwatchBudgetExceeded' &&
                a.labels.account === 'Acme' &&
                a.state === 'firing',
            )
              ? list
              : undefined;
          },
          40_000,
          250,
        );
        const exceeded = alerts.filter((a) => a.labels.alertname === 'SpendwatchBudgetExceeded');
        expect(exceeded).toHaveLength(1);
        expect(exceeded[0].labels).toMatchObject({ account: 'Acme', provider: 'openai', severity: 'critical' });
        const acme = (await status()).accounts.find((a) => a.name === 'Acme')!;
        expect(Number(exceeded[0].value)).toBeCloseTo(Number(acme.monthToDate.amount), 6);

        // The same evaluation saw Gamma's budget (far above its spend) and Beta (no budget): neither is over.
        expect((await query('spendwatch_budget_dollars{account="Gamma"}'))?.map((r) => r.value[1])).toEqual(['100000']);
        expect(await query('spendwatch_budget_dollars{account="Beta"}')).toEqual([]);
        expect((await query('spendwatch_month_to_date_dollars{account="Beta"}'))?.length).toBe(1);
        // (Staleness aside: Prometheus judges it on the machine's clock, which a suite run at a test instant years
        // away does not share with serve, so every sync time looks old or new there.)
        expect(
          alerts.filter(
            (a) =>
              (a.labels.account === 'Beta' || a.labels.account === 'Gamma') &&
              a.labels.alertname !== 'SpendwatchDataStale',
          ),
        ).toEqual([]);
        // The enforcing hard limit is an alert of its own, for the organisation scope only.
        const enforcing = await waitFor('SpendwatchHardLimitEnforcing to fire for Acme', async () => {
          const list = (await api('/api/v1/alerts'))?.data.alerts as Alert[] | undefined;
          const found = list?.filter(
            (a) => a.labels.alertname === 'SpendwatchHardLimitEnforcing' && a.state === 'firing',
          );
          return found?.length ? found : undefined;
        });
        expect(enforcing.map((a) => [a.labels.account, a.labels.scope])).toEqual([['Acme', 'account']]);
        // Over 100 %, the 80 % warning has handed over.
        expect(
          alerts.filter((a) => a.labels.alertname === 'SpendwatchBudget80Percent' && a.labels.account === 'Acme'),
        ).toEqual([]);
        // No rule failed to evaluate.
        const groups = (await api('/api/v1/rules'))?.data.groups as {
          rules: { name: string; health: string; lastError?: string }[];
        }[];
        expect(groups.flatMap((g) => g.rules).filter((r) => r.health === 'err')).toEqual([]);
      } catch (error) {
        throw new Error(
          `${(error as Error).message}\n--- prometheus log (tail) ---\n${promLog.slice(-3000)}\n--- serve stdout ---\n${serve.stdout().slice(-2000)}`,
          { cause: error },
        );
      }
    },
    90_000,
  );

  /** SIGTERM, then: exit 0, nothing on stderr, JSON lines only, "stopping" (SIGTERM) and "stopped" last. */
  async function stopsCleanly(serve: Serve): Promise<Record<string, unknown>[]> {
    serve.child.kill('SIGTERM');
    const timer = setTimeout(() => serve.child.kill('SIGKILL'), 30_000);
    const { code, signal } = await serve.exited;
    clearTimeout(timer);
    const logs = serve.logs();
    expect({ code, signal, stderr: serve.stderr(), lastLog: logs.at(-1)?.msg }).toEqual({
      code: 0,
      signal: null,
      stderr: '',
      lastLog: 'stopped',
    });
    expect(serve.stdout().endsWith('\n')).toBe(true);
    for (const line of logs)
      expect(line).toMatchObject({
        time: expect.any(String),
        level: expect.stringMatching(/^(info|warn|error)$/),
        msg: expect.any(String),
      });
    expect(logs.filter((l) => l.msg === 'stopping')).toEqual([
      expect.objectContaining({ level: 'info', signal: 'SIGTERM' }),
    ]);
    expect(logs.at(-1)).toMatchObject({ level: 'info', msg: 'stopped' });
    return logs;
  }

  /** A data dir with one account that has never synced: serve polls it at once. */
  async function unsyncedHome(name: string, key: string): Promise<string> {
    const h = mkdtempSync(join(tmpdir(), 'sw-serve-fresh-'));
    await addAccount(name, key, h);
    return h;
  }

  it('SIGTERM stops it cleanly: "stopping", then "stopped", exit 0, nothing but JSON lines', async () => {
    // Its accounts synced moments ago: no poll is due while it runs.
    const serve = await startServe([], { home });
    expect((await scrape(serve)).length).toBeGreaterThan(0);
    await stopsCleanly(serve);
  });

  it('SIGTERM stops it cleanly after it has polled', async () => {
    const h = await unsyncedHome('Delta', keys.delta);
    const serve = await startServe([], { home: h });
    await waitFor(
      'serve to poll Delta',
      async () =>
        valueOf(await scrape(serve), 'spendwatch_last_sync_success_timestamp_seconds', { account: 'Delta' }) !==
        undefined
          ? true
          : undefined,
      30_000,
      200,
    );
    await stopsCleanly(serve);
  });

  it('SIGTERM during a poll: the poll is saved, then it stops cleanly', async () => {
    const h = await unsyncedHome('Epsilon', keys.epsilon);
    fake.clearLog();
    fake.addFault({ path: '/organization/costs', kind: 'delay', delayMs: 1_500, times: 1 });
    const serve = await startServe([], { home: h });
    await waitFor('the poll to reach the fake', () =>
      fake.requests.some((r) => r.key === keys.epsilon && r.path.includes('/organization/costs')) ? true : undefined,
    );
    await stopsCleanly(serve);
    const [epsilon] = (await status(h)).accounts;
    expect(epsilon.lastSyncedAt).not.toBeNull();
  });

  it('--credentials: the key comes from $CREDENTIALS_DIRECTORY, bound to the account of that name, with no keychain', async () => {
    // Data dir A gets the account (and a keychain entry); data dir B only A's config.json.
    const homeA = mkdtempSync(join(tmpdir(), 'sw-serve-a-'));
    const homeB = mkdtempSync(join(tmpdir(), 'sw-serve-b-'));
    await addAccount('Acme2', keys.acme2, homeA);
    copyFileSync(join(homeA, 'config.json'), join(homeB, 'config.json'));
    const creds = join(work, 'creds');
    mkdirSync(creds, { mode: 0o700 });
    makeToken(creds, keys.acme2, 'openai-Acme2');
    fake.clearLog();

    const serve = await startServe(['--credentials'], {
      home: homeB,
      env: { CREDENTIALS_DIRECTORY: creds, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
    });
    expect(serve.logs()[0]).toMatchObject({ msg: 'listening', credentials: true });
    // serve polls at start (B has never synced).
    const samples = await waitFor(
      'Acme2 to have synced through serve',
      async () => {
        const s = await scrape(serve);
        return valueOf(s, 'spendwatch_last_sync_success_timestamp_seconds', { account: 'Acme2' }) !== undefined
          ? s
          : undefined;
      },
      30_000,
      200,
    );
    const [acme2] = (await status(homeB)).accounts;
    expect(acme2.name).toBe('Acme2');
    expect(valueOf(samples, 'spendwatch_last_sync_success_timestamp_seconds', { account: 'Acme2' })).toBe(
      Date.parse(acme2.lastSyncedAt!) / 1000,
    );
    expect(valueOf(samples, 'spendwatch_month_to_date_dollars', { account: 'Acme2', provider: 'openai' })).toBe(
      Number(acme2.monthToDate.amount),
    );
    expect(Number(acme2.monthToDate.amount)).toBeGreaterThan(0);
    expect(valueOf(samples, 'spendwatch_sync_failures_total', { account: 'Acme2' })).toBe(0);
    // Every request went with the credential's key; the existing account was used, none added.
    expect(fake.requests.length).toBeGreaterThan(0);
    expect([...new Set(fake.requests.map((r) => r.key))]).toEqual([keys.acme2]);
    expect(serve.logs().filter((l) => l.level === 'error')).toEqual([]);
    expect(serve.logs().filter((l) => l.msg === 'account added from a credential')).toEqual([]);
    expect(serve.stdout()).not.toContain(keys.acme2);
  });
});
