#!/usr/bin/env node
// `npm run dev:browser`: builds the renderer and starts the browser harness (test/harness/main.ts).
// With no D-Bus session bus (a plain shell, CI), it runs inside its own session with a throwaway,
// unlocked keyring, so accounts and cards can be saved for real; a notice goes to stderr, and stdout
// keeps its single "Spendwatch UI: …" line.
import { spawn, spawnSync } from 'node:child_process';
import { canStartKeyringSession, runInKeyringSession } from './lib/keyring-session.mjs';

if (!process.env.SPENDWATCH_HARNESS_BUILT) {
  const build = spawnSync('npx', ['vite', 'build', '--config', 'src/renderer/vite.config.ts', '--logLevel', 'warn'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (!process.env.DBUS_SESSION_BUS_ADDRESS && canStartKeyringSession()) {
  process.stderr.write(
    'dev:browser: no D-Bus session bus here; using a throwaway unlocked gnome-keyring for this run.\n',
  );
  process.exit(
    await runInKeyringSession('scripts/dev-browser.mjs', process.argv.slice(2), { SPENDWATCH_HARNESS_BUILT: '1' }),
  );
}

const harness = spawn('node_modules/.bin/tsx', ['test/harness/main.ts'], { stdio: 'inherit' });
const forward = (signal) => harness.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
harness.on('exit', (code) => process.exit(code ?? 0));
