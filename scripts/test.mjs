#!/usr/bin/env node
// `npm test`: sets up what the tests need, runs every Vitest project, and ends with one summary line.
//  - its own D-Bus session with an unlocked gnome-keyring (so tests never touch your real keychain);
//  - fresh app and CLI builds (the build, browser and CLI tests use them);
//  - Xvfb, only if an Electron binary exists for the smoke test.
import { spawn, spawnSync } from 'node:child_process';
import { canStartKeyringSession, runInKeyringSession } from './lib/keyring-session.mjs';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!process.env.SPENDWATCH_TEST_SESSION) {
  if (canStartKeyringSession()) {
    process.exit(await runInKeyringSession('scripts/test.mjs', args, { SPENDWATCH_TEST_SESSION: '1' }));
  } else {
    console.warn('test: dbus-run-session or gnome-keyring-daemon not found; keychain tests will report the keychain as unreachable.');
    console.warn('      On Debian/Ubuntu: sudo apt-get install dbus dbus-x11 gnome-keyring');
    await run();
  }
} else {
  await run();
}

function step(label, cmd, cmdArgs, env = {}) {
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`test: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

async function run() {
  // main, preload and renderer: the build tests inspect all three, the browser tests serve the renderer.
  step('app build', 'npx', ['electron-vite', 'build', '--logLevel', 'warn'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' });
  step('CLI build', 'node', ['scripts/build-cli.mjs']);

  let xvfb;
  const electronPath = join('node_modules', 'electron', 'path.txt');
  if (!process.env.DISPLAY && existsSync(electronPath) && has('Xvfb')) {
    xvfb = spawn('Xvfb', [':99', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    process.env.DISPLAY = ':99';
  }

  const report = join(mkdtempSync(join(tmpdir(), 'spendwatch-test-')), 'vitest.json');
  const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
    stdio: 'inherit',
  });
  xvfb?.kill();

  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // One plain closing line, the same in every CI: "N passed, N failed, N skipped".
    console.log(`\nSpendwatch: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
    if (r.numTotalTests === 0) {
      console.error('test: no test ran');
      process.exit(1);
    }
  }
  process.exit(vitest.status ?? 1);
}
