// Bundles the CLI (src/main/cli) into out/cli/spendwatch-cli.cjs (run through out/cli/spendwatch.cjs), with its dependencies, so the installed app can
// run it from inside app.asar with its own runtime (ELECTRON_RUN_AS_NODE) — see "The CLI in the installed app" in
// docs/contributing/packaging.md. CommonJS because Electron's asar support for require() is long-standing, unlike
// import() from an archive. keytar stays external: its native module ships unpacked next to the archive.
//
// undici (half of the code) goes to its own file, out/cli/undici.cjs, required on the first HTTP request:
// commands that never touch the network (status, export, budget) then never read or compile it, which is
// what keeps `spendwatch status` within 3x of a bare `node -e 0` (see "CLI start-up" in
// docs/contributing/performance.md).
import { writeFileSync } from 'node:fs';
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
 * Modules most commands never use, loaded on first use instead of at start-up: commander imports child_process
 * for git-style subcommand executables (Spendwatch has none), and proper-lockfile is needed only by commands
 * that write state. Each import gets a stand-in whose properties load the real module when first read.
 */
const ON_FIRST_USE = [
  { module: 'node:child_process', importer: /node_modules[\\/]commander[\\/]/ },
  { module: 'proper-lockfile', importer: /src[\\/]main[\\/]core[\\/]fs[\\/]state-lock\.ts$/ },
];
const loadedOnFirstUse = {
  name: 'loaded-on-first-use',
  setup(builder) {
    for (const [index, { module, importer }] of ON_FIRST_USE.entries()) {
      const filter = new RegExp(`^${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      builder.onResolve({ filter }, (args) =>
        importer.test(args.importer) ? { path: String(index), namespace: 'on-first-use' } : undefined,
      );
    }
    builder.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => ({
      contents: `export default new Proxy({}, { get: (_, key) => require(${JSON.stringify(ON_FIRST_USE[Number(args.path)].module)})[key] });`,
      resolveDir: '.',
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

/**
 * zod ships error messages in some fifty languages and its index evaluates them all; Spendwatch's messages are
 * English (zod's default, configured from its own en.js), so the bundle gets an index with English only.
 */
const englishZodMessagesOnly = {
  name: 'english-zod-messages-only',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'english-only', pluginData: args.resolveDir }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'english-only' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main/cli/bin.ts'],
    outfile: 'out/cli/spendwatch-cli.cjs',
    external: ['keytar'],
    plugins: [undiciBesideTheBundle, loadedOnFirstUse, plainFsForLocks, englishZodMessagesOnly],
    // A require() (not import()) of the undici file: see the CommonJS note above.
    supported: { 'dynamic-import': false },
    // The vault resolves keytar with createRequire(import.meta.url); in CommonJS that URL is this file's.
    define: { 'import.meta.url': '__spendwatchCliUrl' },
    banner: { js: 'const __spendwatchCliUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
  build({
    ...common,
    stdin: { contents: "module.exports = require('undici');", resolveDir: '.', loader: 'js' },
    outfile: 'out/cli/undici.cjs',
  }),
]);

// The entry the installed app and bin/spendwatch.cjs run: Node's on-disk compile cache first (Node >= 22.1, and
// Electron's runtime when the installed app runs the CLI), so later runs skip compiling the bundle.
//
// For the commands that move a whole history (sync, whose first run is a backfill, and export), V8's young
// generation is kept at its first size, set before anything is loaded: on a machine with much memory V8 lets it
// grow to some 100 MB (sized from the heap limit, itself from physical memory), which was most of their peak
// memory though little of it was live. Not for the others: for `status` the extra collections cost start-up time.
writeFileSync(
  'out/cli/spendwatch.cjs',
  [
    '// The `spendwatch` command (built by scripts/build-cli.mjs).',
    "if (['sync', 'export'].includes(process.argv[2])) require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');",
    "require('node:module').enableCompileCache?.();",
    "require('./spendwatch-cli.cjs');",
    '',
  ].join('\n'),
);
