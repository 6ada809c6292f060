#!/usr/bin/env node
// The `spendwatch` command: runs the built CLI (npm run build creates out/cli/spendwatch.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/spendwatch.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('spendwatch: the CLI is not built yet. Run "npm run build" (or "npm run build:cli") first.\n');
  process.exit(1);
}
await import(cli);
