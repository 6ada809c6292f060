// Where Electron's binary should be, whether it is there, and what to tell someone when it is not. Since
// Electron 42 the `electron` package downloads nothing on install: its own `install-electron` command does.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const electronPackageDir = () => dirname(require.resolve('electron/package.json'));

/** The executable the `electron` package points at, or null when none is installed. */
export function installedElectronBinary() {
  const dir = electronPackageDir();
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist'),
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(binary) ? binary : null;
}

/** Set by npm, CI or the user: Electron's own switch for "do not download the binary". */
export const skipRequested = () =>
  ['1', 'true', 'yes'].includes(String(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '').toLowerCase());

// Why the last install attempt left no binary, kept for `npm start` to repeat (node_modules goes with it).
const noteFile = () => join(electronPackageDir(), '..', '.cache', 'spendwatch', 'electron-install.txt');

export function recordInstallProblem(reason) {
  mkdirSync(dirname(noteFile()), { recursive: true });
  writeFileSync(noteFile(), reason);
}

export function lastInstallProblem() {
  try {
    return readFileSync(noteFile(), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** One plain paragraph: what is missing, why, and how to fix it. */
export function missingBinaryMessage(reason) {
  const version = require('electron/package.json').version;
  return [
    `Spendwatch cannot open: the Electron ${version} binary is not installed.`,
    `Since Electron 42, \`npm install\` does not download it by itself; Spendwatch's install step asks Electron's own`,
    `\`install-electron\` for it, and ${reason ? `that download did not complete (${reason})` : 'it was not downloaded'}.`,
    `The binary comes from GitHub's release downloads: check your network or proxy (with a proxy, set HTTPS_PROXY and`,
    `ELECTRON_GET_USE_PROXY=1), or point ELECTRON_MIRROR at a mirror you can reach, then run \`npx install-electron\``,
    `(or \`npm install\` again). Meanwhile, \`npm run dev:browser\` shows the UI in your browser.`,
  ].join(' ');
}
