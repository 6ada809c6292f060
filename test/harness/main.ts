/**
 * `npm run dev:browser`: starts the harness and prints exactly one line,
 * "Spendwatch UI: http://127.0.0.1:<port>/t/<token>/", when ready. Data dir: SPENDWATCH_HOME, else a
 * fresh temporary dir (demo data). Ctrl+C stops it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from './harness-server';

const dataDir = process.env.SPENDWATCH_HOME || mkdtempSync(join(tmpdir(), 'spendwatch-harness-'));
const port = Number(process.env.SPENDWATCH_HARNESS_PORT) || 0;

const harness = await startHarness({ dataDir, port, startScheduler: true });
process.stdout.write(`Spendwatch UI: ${harness.url}\n`);

const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
