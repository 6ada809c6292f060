#!/usr/bin/env node
// `npm start` and `npm run dev`: electron-vite with the given command, once the Electron binary is known to be
// there. Without it, one plain paragraph and exit 1, never electron-vite's bare "Electron uninstall".
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { installedElectronBinary, lastInstallProblem, missingBinaryMessage } from './lib/electron-binary.mjs';

if (!installedElectronBinary()) {
  console.error(missingBinaryMessage(lastInstallProblem()));
  process.exit(1);
}
// Its bin file (the package's exports do not name it), as npm's .bin link would run it.
const electronVite = fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url));
const result = spawnSync(process.execPath, [electronVite, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
