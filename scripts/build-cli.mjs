// Bundles the CLI (src/main/cli) into out/cli/spendwatch.cjs, with its dependencies, so the installed app can
// run it from inside app.asar with its own runtime (ELECTRON_RUN_AS_NODE) — see "The desktop package" in the
// README. CommonJS because Electron's asar support for require() is long-standing, unlike import() from an
// archive. keytar stays external: its native module ships unpacked next to the archive.
//
// undici (half of the code) goes to its own file, out/cli/undici.cjs, required on the first HTTP request:
// commands that never touch the network (status, export, budget) then never read or compile it, which is
// what keeps `spendwatch status` within 3x of a bare `node -e 0` (see "Benchmarks" in the README).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** `import('undici')` becomes `require('./undici.cjs')`, resolved next to the bundle (also inside app.asar). */
const undiciBesideTheBundle = {
  name: 'undici-beside-the-bundle',
  setup(builder) {
    builder.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.cjs', external: true }));
  },
};

/**
 * commander imports child_process for git-style subcommand executables, which Spendwatch does not use; loading
 * it (and the networking modules it pulls in) on every start costs more than some commands take. The bundle
 * gets a stand-in that loads the real module on first use.
 */
const childProcessOnFirstUse = {
  name: 'child-process-on-first-use',
  setup(builder) {
    builder.onResolve({ filter: /^node:child_process$/ }, (args) => (/node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'on-first-use' } : undefined));
    builder.onLoad({ filter: /.*/, namespace: 'on-first-use' }, () => ({
      contents: "export default new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * proper-lockfile reads the file system through graceful-fs, which patches fs and loads streams at start-up to
 * queue opens past the open-file limit: a concern of long-running servers, not of a command that opens a few
 * files. The bundle gives proper-lockfile plain fs.
 */
const plainFsForLocks = {
  name: 'plain-fs-for-locks',
  setup(builder) {
    builder.onResolve({ filter: /^graceful-fs$/ }, () => ({ path: 'node:fs', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main/cli/bin.ts'],
    outfile: 'out/cli/spendwatch.cjs',
    external: ['keytar'],
    plugins: [undiciBesideTheBundle, childProcessOnFirstUse, plainFsForLocks],
    // A require() (not import()) of the undici file: see the CommonJS note above.
    supported: { 'dynamic-import': false },
    // The vault resolves keytar with createRequire(import.meta.url); in CommonJS that URL is this file's.
    define: { 'import.meta.url': '__spendwatchCliUrl' },
    banner: { js: 'const __spendwatchCliUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
  build({ ...common, stdin: { contents: "module.exports = require('undici');", resolveDir: '.', loader: 'js' }, outfile: 'out/cli/undici.cjs' }),
]);
