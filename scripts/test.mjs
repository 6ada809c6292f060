#!/usr/bin/env node
// `npm test`: sets up what the tests need, runs every Vitest project, and ends with one summary line.
//  - its own D-Bus session with an unlocked gnome-keyring (so tests never touch your real keychain);
//  - fresh app and CLI builds (the build, browser and CLI tests use them);
//  - Xvfb, only if an Electron binary exists for the smoke test.
import { spawn, spawnSync } from 'node:child_process';
import { canStartKeyringSession, runInKeyringSession } from './lib/keyring-session.mjs';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function step(label, cmd, cmdArgs, env = {}) {
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`test: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

/**
 * The hard instants CI runs the date-sensitive projects at (SPENDWATCH_TEST_NOW, TZ), beside the run at the
 * machine's own time. Each starts a few minutes before the boundary it is about and runs on across it.
 */
const INSTANTS = [
  {
    now: '2027-03-01T00:03:00Z',
    tz: 'Pacific/Honolulu',
    about: 'the 1st of a month just after 00:00 UTC; locally (UTC-10) still 28 February',
  },
  {
    now: '2026-12-31T23:58:30Z',
    tz: 'Pacific/Kiritimati',
    about:
      'the last day of a 31-day month before midnight, 31 Dec -> 1 Jan during the run; locally (UTC+14) already 1 January',
  },
  { now: '2024-02-29T12:00:00Z', tz: 'UTC', about: "29 February, with the test clock behind the machine's" },
  {
    now: '2027-03-28T00:58:00Z',
    tz: 'Europe/Berlin',
    about: 'a daylight-saving change during the run (CET -> CEST at 01:00 UTC)',
  },
];
const INSTANT_PROJECTS = ['node', 'renderer', 'e2e'];
const TEST_NOW_PRELOAD = pathToFileURL(resolve('test/support/test-now.mjs')).href;

/** The environment for a run as if the clock read `now` (and the zone were `tz`): every Node process it starts agrees. */
function clockEnv(now, tz) {
  const env = {
    SPENDWATCH_TEST_NOW: now,
    SPENDWATCH_TEST_EPOCH: String(Date.now()),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${TEST_NOW_PRELOAD}`.trim(),
  };
  return tz ? { ...env, TZ: tz } : env;
}

function vitestRun(label, vitestArgs, env) {
  const report = join(mkdtempSync(join(tmpdir(), 'spendwatch-test-')), 'vitest.json');
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs],
    {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  );
  const counts = { passed: 0, failed: 0, skipped: 0, total: 0 };
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    Object.assign(counts, {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
      total: r.numTotalTests,
    });
  }
  const ok = result.status === 0 && counts.total > 0;
  console.log(
    `\n${label} -> ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${ok ? '' : ' (FAILED)'}`,
  );
  return { ...counts, ok };
}

async function run() {
  // main, preload and renderer: the build tests inspect all three, the browser tests serve the renderer.
  step('app build', 'npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
  });
  step('CLI build', 'node', ['scripts/build-cli.mjs']);

  let xvfb;
  const electronPath = join('node_modules', 'electron', 'path.txt');
  if (!process.env.DISPLAY && existsSync(electronPath) && has('Xvfb')) {
    xvfb = spawn('Xvfb', [':99', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    process.env.DISPLAY = ':99';
  }

  const runs = [];
  const userNow = process.env.SPENDWATCH_TEST_NOW;
  runs.push(
    vitestRun(
      userNow ? `Run at ${userNow}${process.env.TZ ? ` (TZ=${process.env.TZ})` : ''}` : "Run at the machine's time",
      args,
      userNow ? clockEnv(userNow) : {},
    ),
  );
  // CI (or SPENDWATCH_TEST_INSTANTS=1) also runs the date-sensitive projects at the hard instants; arguments
  // (a file filter, a project) apply to the first run only.
  if ((process.env.CI || process.env.SPENDWATCH_TEST_INSTANTS === '1') && !userNow && args.length === 0) {
    for (const { now, tz, about } of INSTANTS) {
      console.log(`\n=== ${now} TZ=${tz}: ${about}`);
      runs.push(
        vitestRun(
          `Run at ${now} (TZ=${tz})`,
          INSTANT_PROJECTS.flatMap((p) => ['--project', p]),
          clockEnv(now, tz),
        ),
      );
    }
  }
  xvfb?.kill();

  const sum = (key) => runs.reduce((total, r) => total + r[key], 0);
  // One plain closing line, the same in every CI: "N passed, N failed, N skipped".
  console.log(`\nSpendwatch: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
  if (runs.some((r) => r.total === 0)) console.error('test: a run executed no test');
  process.exit(runs.every((r) => r.ok) ? 0 : 1);
}

if (!process.env.SPENDWATCH_TEST_SESSION) {
  if (canStartKeyringSession()) {
    process.exit(await runInKeyringSession('scripts/test.mjs', args, { SPENDWATCH_TEST_SESSION: '1' }));
  } else {
    console.warn(
      'test: dbus-run-session or gnome-keyring-daemon not found; keychain tests will report the keychain as unreachable.',
    );
    console.warn('      On Debian/Ubuntu: sudo apt-get install dbus dbus-x11 gnome-keyring');
    await run();
  }
} else {
  await run();
}
