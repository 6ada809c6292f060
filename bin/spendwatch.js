#!/usr/bin/env node
// The `spendwatch` command from a source checkout: runs the built CLI (npm run build creates
// out/cli/spendwatch.cjs, the same bundle the desktop package ships).
import { existsSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/spendwatch.cjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('spendwatch: the CLI is not built yet. Run "npm run build" (or "npm run build:cli") first.\n');
  process.exit(1);
}
// Start-up is mostly compiling the bundle: Node's on-disk compile cache (Node >= 22.1) makes later runs skip it.
module.enableCompileCache?.();
createRequire(import.meta.url)(cli);
