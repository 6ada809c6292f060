// `npm run bench:ui`: the dashboard's performance in headless Chromium, through the browser harness, on the
// renderer exactly as shipped (electron-vite's minified build in out/renderer; figures recorded in
// docs/contributing/performance.md; not a timed test):
//  1. initial renderer JavaScript, gzip (the entry script and what it preloads);
//  2. first dashboard paint from cached history (navigation start → first figures on screen), page after page in
//     one browser profile, as the app opens its windows; the warm-up loads on their own; and, for the record,
//     when the sections below the figures (breakdowns, billing history) were rendered;
//  3. switching the daily chart's range on 12 months of data with 20 projects (click → chart redrawn), the
//     usage chart below it (6 models) redrawn with it.
// On the seeded data dir, or on one synced by `npm run bench:scale` (SPENDWATCH_BENCH_DATA_DIR, see below).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { addDays } from '../src/shared/dates';
import { startHarness } from '../test/harness/harness-server';
import { launchChromiumWithProfile } from '../test/support/chromium';
import { FakeKeychain } from '../test/support/fake-vault';
import { costRow } from '../test/support/cost-row';
import { seedDataDir } from '../test/support/seed-account';

// Runs in the page as plain text: tsx would otherwise add helpers the page does not have.
const SWITCH_RANGE = `(async () => {
  // A chart's x-axis labels differ between ranges: they change once it is redrawn.
  const ticks = (id) => [...document.querySelectorAll('[data-testid="' + id + '"] .recharts-cartesian-axis-tick-value')].map((t) => t.textContent).join();
  const before = ticks('daily-chart');
  const usageBefore = ticks('usage-chart');
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === LABEL);
  const start = performance.now();
  button.click();
  while (ticks('daily-chart') === before) await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  const daily = performance.now() - start;
  // The usage chart below follows in a render of its own (DashboardCharts defers it).
  while (ticks('usage-chart') === usageBefore) await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  return [daily, performance.now() - start];
})()`;

/**
 * The shipped build is minified: its scripts are a few very long lines, not thousands of short ones. (Indented
 * lines alone prove nothing: zod's compiled-validator templates keep theirs inside string literals.)
 */
function rendererMinified(dir = 'out/renderer/assets'): boolean {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .every((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return text.length / text.split('\n').length > 500;
    });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function initialJsGzip(): number {
  const html = readFileSync('out/renderer/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(join('out/renderer', f))).length, 0);
}

/** A year of history for 20 projects × 6 line items, and usage for 6 models, in a new data dir. */
export function seedBenchDataDir(): string {
  const today = new Date().toISOString().slice(0, 10);
  return seedDataDir('sw-bench-ui-', [
    {
      id: 'acc_bench',
      name: 'Bench org',
      keyHint: 'sk-admin-…bnch',
      history: {
        from: addDays(today, -365),
        costs: (_day, d) =>
          Array.from({ length: 20 }, (_, p) =>
            Array.from({ length: 6 }, (_, l) =>
              costRow(`proj_${p}`, `model-${l}, input`, ((d * 31 + p * 17 + l * 7) % 5000) * 1000 + 1),
            ),
          ).flat(),
        // Usage too, so a range switch redraws the usage chart as it does on a real account.
        usage: (_day, d) =>
          Array.from({ length: 6 }, (_, m) => ({
            model: `model-${m}`,
            inputTokens: ((d * 13 + m * 7) % 900) * 1000,
            outputTokens: ((d * 7 + m * 3) % 500) * 1000,
            cachedTokens: 0,
            requests: 50 + ((d + m) % 40),
          })),
        projects: Object.fromEntries(Array.from({ length: 20 }, (_, p) => [`proj_${p}`, `Project ${p}`])),
      },
    },
  ]);
}

if (process.argv[2] === '--seed-only') {
  console.log(seedBenchDataDir());
  process.exit(0);
}
// Page after page in one Chromium profile kept on disk, as Electron keeps one for the app: connections and the
// HTTP cache are reused, as the app's windows load their files from app:// in its own process, with no network.
// (A throwaway context per load, this bench's method before, also opens new connections to the harness on every
// load, which the app never does: about 120 ms more on the same build, measured in the same minutes.) Chromium
// here writes V8's code cache but, in traces, never reads it back, so every load still compiles the scripts; the
// app's app:// scheme has the codeCache privilege for that, which cannot be measured without Electron. The first
// WARM_UP loads also warm the harness's core (its first dashboard query reads a year of history from disk, later
// ones are JIT-compiled), as the app's long-running main process is. Every load is printed; the target is the
// median of the loads after the warm-up.
const LOADS = 16;
const WARM_UP = 5;
// Waits in the page for a performance mark, without polling the page from outside (playwright's locator
// polling runs on the page's main thread and would be measured with it).
const MARK_TIME = `new Promise((resolve) => {
  const found = () => performance.getEntriesByName(NAME)[0];
  if (found()) return resolve(found().startTime);
  new PerformanceObserver((list, observer) => {
    const mark = list.getEntriesByName(NAME)[0];
    if (mark) { observer.disconnect(); resolve(mark.startTime); }
  }).observe({ type: 'mark', buffered: true });
})`;
const markTime = (name: string) => MARK_TIME.replaceAll('NAME', JSON.stringify(name));

// SPENDWATCH_BENCH_DATA_DIR: a data dir synced by `npm run bench:scale` (kept with SPENDWATCH_BENCH_KEEP=1), to
// measure on a real organisation's year instead of the seeded one.
const harness = await startHarness({
  dataDir: process.env.SPENDWATCH_BENCH_DATA_DIR ?? seedBenchDataDir(),
  vault: new FakeKeychain(),
  cacheAssets: true,
});
const profile = mkdtempSync(join(tmpdir(), 'sw-bench-ui-profile-'));
const browser = await launchChromiumWithProfile(profile, { width: 1280, height: 900 });
try {
  const paints: number[] = [];
  const sections: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await browser.newPage();
    await page.goto(harness.url);
    paints.push(await page.evaluate<number>(markTime('spendwatch:first-dashboard')));
    // Also reported, not a target: when the sections below the figures (breakdowns, billing history) were rendered.
    sections.push(await page.evaluate<number>(markTime('spendwatch:dashboard-sections')));
    await page.close();
  }
  const steady = paints.slice(WARM_UP);
  const steadySections = sections.slice(WARM_UP);

  const page = await browser.newPage();
  await page.goto(harness.url);
  await page.getByLabel('Stack by').selectOption('project');
  await page.locator('[data-testid="daily-chart"] .recharts-cartesian-axis-tick-value').first().waitFor();
  const switches: number[] = [];
  const bothCharts: number[] = [];
  for (let i = 0; i < 10; i++) {
    const target = i % 2 === 0 ? '12 months' : '30 days';
    const [daily, both] = await page.evaluate<number[]>(SWITCH_RANGE.replace('LABEL', JSON.stringify(target)));
    switches.push(daily);
    bothCharts.push(both);
  }
  const bars = await page.locator('[data-testid="daily-chart"] rect.recharts-bar-rectangle').count();
  const series = await page.locator('[aria-labelledby="daily-title"] .chart-legend li').count();
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(
    `renderer build measured: out/renderer from electron-vite build, ${rendererMinified() ? 'minified' : 'NOT minified'}`,
  );
  console.log(`initial renderer JavaScript: ${(initialJsGzip() / 1024).toFixed(1)} KB gzip`);
  console.log(
    `machine load while measuring (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} on ${availableParallelism()} cores`,
  );
  console.log(
    `first dashboard paint from cached history: median ${median(steady).toFixed(0)} ms (loads ${WARM_UP + 1}–${LOADS}: ${list(steady)})`,
  );
  console.log(
    `  the ${WARM_UP} warm-up loads before them (not a target; the first also read the history from disk): ${list(paints.slice(0, WARM_UP))}`,
  );
  console.log(
    `breakdowns and billing history rendered too (not a target): median ${median(steadySections).toFixed(0)} ms (of ${list(steadySections)})`,
  );
  console.log(
    `range switch 30 days ↔ 12 months, 20 projects stacked as ${series} series (${bars} bars at 30 days): median ${median(switches).toFixed(0)} ms (of ${list(switches)})`,
  );
  console.log(
    `  the usage chart below it redrawn too (6 models; not a target): median ${median(bothCharts).toFixed(0)} ms (of ${list(bothCharts)})`,
  );
} finally {
  await browser.close();
  await harness.close();
  rmSync(profile, { recursive: true, force: true });
}
