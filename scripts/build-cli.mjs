// Bundles the CLI (src/main/cli) into out/cli/spendwatch.cjs, with its dependencies, so the installed app can
// run it from inside app.asar with its own runtime (ELECTRON_RUN_AS_NODE) — see "The desktop package" in the
// README. CommonJS because Electron's asar support for require() is long-standing, unlike import() from an
// archive. keytar stays external: its native module ships unpacked next to the archive.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main/cli/bin.ts'],
  outfile: 'out/cli/spendwatch.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['keytar'],
  // The vault resolves keytar with createRequire(import.meta.url); in CommonJS that URL is this file's.
  define: { 'import.meta.url': '__spendwatchCliUrl' },
  banner: { js: 'const __spendwatchCliUrl = require("node:url").pathToFileURL(__filename).href;' },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
