#!/usr/bin/env node
// `npm install`'s postinstall: provisions the Electron binary with Electron's own `install-electron`
// (node_modules/electron/install.js), which honours ELECTRON_MIRROR, electron_config_cache and
// electron_use_remote_checksums. ELECTRON_SKIP_BINARY_DOWNLOAD skips it (CI sets it). A download that fails
// never fails the install: it warns, and `npm start` explains what to do.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  electronPackageDir,
  installedElectronBinary,
  missingBinaryMessage,
  recordInstallProblem,
  skipRequested,
} from './lib/electron-binary.mjs';

// A blocked host can hang instead of refusing; the install goes on without the binary after this long.
const TIMEOUT_MS = Number(process.env.SPENDWATCH_ELECTRON_INSTALL_TIMEOUT_MS) || 10 * 60_000;

if (skipRequested()) {
  if (!installedElectronBinary()) {
    recordInstallProblem('ELECTRON_SKIP_BINARY_DOWNLOAD was set');
    console.log(
      'spendwatch: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary was not downloaded (`npx install-electron` gets it).',
    );
  }
  process.exit(0);
}
if (installedElectronBinary()) process.exit(0);

const result = spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  timeout: TIMEOUT_MS,
  encoding: 'utf8',
});
if (result.status === 0 && installedElectronBinary()) {
  recordInstallProblem('');
  process.exit(0);
}
const firstLine = (text) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0) ?? '';
// Where the download was to come from, for a reason a person can act on ("fetch failed" alone says little).
const mirror =
  process.env.ELECTRON_MIRROR ||
  process.env.npm_config_electron_mirror ||
  'https://github.com/electron/electron/releases/download/';
const host = (() => {
  try {
    return new URL(mirror).host;
  } catch {
    return mirror;
  }
})();
const said = firstLine(result.stderr)
  .replace(/^(Type)?Error:\s*/, '')
  .slice(0, 300);
const reason =
  result.error?.code === 'ETIMEDOUT'
    ? `no answer from ${host} within ${Math.round(TIMEOUT_MS / 1000)} s`
    : said === 'fetch failed'
      ? `${host} could not be reached`
      : said || `install-electron exited with ${result.status}`;
recordInstallProblem(reason);
console.warn(`\nspendwatch: warning: ${missingBinaryMessage(reason)}\n`);
process.exit(0);
