// Bundles the CLI (src/main/cli) into out/cli/spendwatch.js; dependencies stay external (node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main/cli/bin.ts'],
  outfile: 'out/cli/spendwatch.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
