#!/usr/bin/env node
// The `spendwatch` command from a source checkout: runs the built CLI (npm run build creates
// out/cli/spendwatch.cjs, the same bundle the desktop package ships). CommonJS, not an ES module: loading the
// ES module loader for this one file cost ~8 ms of every `spendwatch status` (a third of a bare `node -e 0`).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'cli', 'spendwatch.cjs');
if (!existsSync(cli)) {
  process.stderr.write('spendwatch: the CLI is not built yet. Run "npm run build" (or "npm run build:cli") first.\n');
  process.exit(1);
}
require(cli);
