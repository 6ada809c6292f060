// Runs a command inside its own D-Bus session with a throwaway, unlocked gnome-keyring, so the real
// keychain code can run where no desktop session exists (CI, a plain shell) without touching yours.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

export const canStartKeyringSession = () => has('dbus-run-session') && has('gnome-keyring-daemon');

/** Re-runs `node <script> <args>` inside the session; resolves with its exit code. */
export function runInKeyringSession(script, args, env = {}) {
  const keyrings = mkdtempSync(join(tmpdir(), 'spendwatch-keyring-'));
  const quoted = [script, ...args].map((a) => `'${String(a).replace(/'/g, "'\\''")}'`).join(' ');
  const inner = `printf spendwatch-test | XDG_DATA_HOME='${keyrings}' gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec node ${quoted}`;
  return new Promise((resolve) => {
    const child = spawn('dbus-run-session', ['--', 'sh', '-c', inner], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}
