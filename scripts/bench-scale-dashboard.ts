// Part of `npm run bench:scale`: the app's cold 12-month dashboard query in a fresh process on the synced data
// dir (SPENDWATCH_HOME), then what stays resident once it is answered (heap after a full GC, and RSS).
import { createNodeSpendwatch } from '../src/main/core/compose-node';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const dataDir = process.env.SPENDWATCH_HOME!;
gc();
const before = process.memoryUsage();
const core = createNodeSpendwatch({
  dataDir,
  vault: { get: async () => null, set: async () => {}, delete: async () => false, probe: async () => {} },
});
const query = { accountId: 'all', range: '12m', groupBy: 'project' } as const;
let t = performance.now();
const view = core.queries.dashboard(query);
const cold = performance.now() - t;
const ranges = ['7d', '30d', 'mtd', '3m', '12m'] as const;
const switches: number[] = [];
for (const range of ranges) {
  t = performance.now();
  core.queries.dashboard({ ...query, range });
  switches.push(performance.now() - t);
}
gc();
const after = process.memoryUsage();
console.log(
  `app: cold 12-month dashboard ${cold.toFixed(0)} ms (MTD ${view.kpis.monthToDateMicros} micros); range switches ${switches.map((s) => s.toFixed(0)).join('/')} ms; resident after: heap +${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MB, RSS ${(after.rss / 2 ** 20).toFixed(0)} MB`,
);
