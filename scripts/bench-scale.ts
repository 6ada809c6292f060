// `npm run bench:scale [-- mid|wide|ten]`: a real organisation's year through the real CLI, side by side with bare
// node in the same run. Figures only (a benchmark, not a test): the docs record them.
//  - first sync (12-month backfill) against the loopback fake: wall time, peak RSS, Costs requests, exact MTD;
//  - `status --json`: median wall time of 15 runs against `node -e 0`, and peak RSS;
//  - `export` (the whole year as CSV, through a pipe to this process): wall time, peak RSS;
//  - an incremental poll: Costs requests, wall time;
//  - the app's cold 12-month dashboard query in a fresh process on the same data dir, and what it keeps resident.
// Needs the built CLI (`npm run build:cli`) and runs itself inside a throwaway keyring session.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAiServer } from '../test/fake-openai/fake-openai-server';
import { MID_SIZE, scaleOrganisation, TEN_TIMES, WIDE, type ScaleShape } from '../test/fake-openai/scale-organisations';
import { expectedSumMicros } from '../test/support/expected-money';
import { canStartKeyringSession, runInKeyringSession } from './lib/keyring-session.mjs';

const SHAPES: Record<string, ScaleShape> = { mid: MID_SIZE, wide: WIDE, ten: TEN_TIMES };
const which = process.argv[2] ?? 'mid';
const shape = SHAPES[which];
if (!shape) throw new Error(`unknown organisation "${which}" (mid, wide or ten)`);

if (!process.env.SPENDWATCH_BENCH_SESSION) {
  if (!canStartKeyringSession()) throw new Error('bench:scale needs dbus-run-session and gnome-keyring-daemon');
  process.exit(
    await runInKeyringSession(process.argv[1], process.argv.slice(2), {
      SPENDWATCH_BENCH_SESSION: '1',
      NODE_OPTIONS: '--import=tsx',
    }),
  );
}
if (!existsSync('out/cli/spendwatch.cjs')) throw new Error('build the CLI first: npm run build:cli');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const key = `sk-admin-benchscale${'x'.repeat(24)}`;
const home = mkdtempSync(join(tmpdir(), 'sw-scale-'));
const env = { ...process.env, SPENDWATCH_HOME: home, NODE_OPTIONS: '' };

/** Runs a node command under GNU time; resolves with wall ms, peak RSS (KB), stdout. */
function measured(args: string[], input = ''): Promise<{ ms: number; peakKb: number; stdout: string; code: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const peakKb = Number(stderr.trim().split('\n').at(-1));
      if (code !== 0)
        reject(new Error(`${args.join(' ')} exited ${code}: ${stdout.slice(0, 2000)} ${stderr.slice(-2000)}`));
      else resolve({ ms, peakKb, stdout, code: code ?? 0 });
    });
    child.stdin.end(input);
  });
}

const cli = (...args: string[]) => ['bin/spendwatch.cjs', ...args];
const now = new Date();
const org = scaleOrganisation(shape, now);
const server = new FakeOpenAiServer({ [key]: org });
const baseUrl = await server.start();
const rowsPerDay = shape.projects * shape.lineItemsPerProject;
console.log(
  `organisation "${which}": ${shape.projects} projects × ${shape.lineItemsPerProject} line items, ${rowsPerDay.toLocaleString('en-US')} cost rows a day, ${shape.days} days`,
);

try {
  await measured(cli('accounts', 'add', '--provider', 'openai', '--name', 'Scale', '--base-url', baseUrl), key);
  server.clearLog();
  const first = await measured(cli('sync', '--json'));
  const costRequests = server.requestsTo('/organization/costs');
  console.log(
    `first sync: ${(first.ms / 1000).toFixed(1)} s, peak ${mb(first.peakKb)}, ${costRequests.length} Costs requests (limits ${[...new Set(costRequests.map((r) => r.query.get('limit')))].join(', ')})`,
  );

  const month = now.toISOString().slice(0, 7);
  const wantMtd = expectedSumMicros(
    Object.entries(org.costs)
      .filter(([day]) => day.startsWith(month))
      .flatMap(([, rows]) => rows.map((r) => r.value as string)),
  );
  const status = JSON.parse((await measured(cli('status', '--json'))).stdout) as {
    accounts: { monthToDate: { amount: string } }[];
  };
  const gotMtd = status.accounts[0].monthToDate.amount;
  const [units, fraction = ''] = gotMtd.split('.');
  const gotMicros = BigInt(units) * 1_000_000n + BigInt(`${fraction}000000`.slice(0, 6));
  const wantText = `${wantMtd / 1_000_000n}.${String(wantMtd % 1_000_000n).padStart(6, '0')}`;
  console.log(`month to date: ${gotMtd} (expected ${wantText}) ${gotMicros === wantMtd ? 'exact' : 'WRONG'}`);

  const bare: number[] = [];
  const statusRuns: number[] = [];
  let statusPeak = 0;
  for (let i = 0; i < 15; i++) {
    bare.push((await measured(['-e', '0'])).ms);
    const run = await measured(cli('status', '--json'));
    statusRuns.push(run.ms);
    statusPeak = Math.max(statusPeak, run.peakKb);
  }
  const bareMs = median(bare);
  const statusMs = median(statusRuns);
  console.log(
    `status --json: ${statusMs.toFixed(0)} ms against node -e 0 ${bareMs.toFixed(0)} ms: ${(statusMs / bareMs).toFixed(2)}×; peak ${mb(statusPeak)}`,
  );

  const exported = await measured(cli('export', '--from', `${Object.keys(org.costs)[0]}`));
  console.log(
    `export: ${exported.stdout.split('\n').length - 2} rows in ${(exported.ms / 1000).toFixed(1)} s, peak ${mb(exported.peakKb)}`,
  );

  server.clearLog();
  const poll = await measured(cli('sync', '--json'));
  console.log(
    `incremental poll: ${server.requestsTo('/organization/costs').length} Costs request(s), ${poll.ms.toFixed(0)} ms, peak ${mb(poll.peakKb)}`,
  );

  const dashboard = spawnSync(process.execPath, ['--import=tsx', '--expose-gc', 'scripts/bench-scale-dashboard.ts'], {
    env: { ...env, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  process.stdout.write(dashboard.stdout);
  if (dashboard.status !== 0) throw new Error(dashboard.stderr);
  console.log(
    `data dir on disk: ${spawnSync('du', ['-sh', join(home, 'history')], { encoding: 'utf8' }).stdout.split('\t')[0]}`,
  );
} finally {
  server.contractViolations.length = 0;
  await server.stop();
  if (!process.env.SPENDWATCH_BENCH_KEEP) rmSync(home, { recursive: true, force: true });
  else console.log(`data dir kept: ${home}`);
}
