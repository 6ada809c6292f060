// `npm run bench:ui`: the dashboard's performance in headless Chromium, through the browser harness, on the
// renderer exactly as shipped (electron-vite's minified build in out/renderer; figures recorded in the README;
// not a timed test):
//  1. initial renderer JavaScript, gzip (the entry script and what it preloads);
//  2. first dashboard paint from cached history (navigation start → first figures on screen) with the scripts'
//     compiled code cached, as the app has it from its first window on; the first, uncached load on its own;
//     and, for the record, when the sections below the figures (breakdowns, billing history) were rendered;
//  3. switching the daily chart's range on 12 months of data with 20 projects (click → chart redrawn).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { addDays, dayRange } from '../src/shared/dates';
import { HistoryStore } from '../src/main/core/history/history-store';
import { JsonFileStore } from '../src/main/core/settings/json-file-store';
import { SettingsRepository } from '../src/main/core/settings/settings';
import { settingsFile } from '../src/main/core/paths';
import { startHarness } from '../test/harness/harness-server';
import { launchChromiumWithProfile } from '../test/support/chromium';
import { FakeKeychain } from '../test/support/fake-vault';
import { costRow } from '../test/support/cost-row';

// Runs in the page as plain text: tsx would otherwise add helpers the page does not have.
const SWITCH_RANGE = `(async () => {
  // The x-axis labels differ between ranges: they change once the chart is redrawn.
  const chart = () => [...document.querySelectorAll('[data-testid="daily-chart"] .recharts-cartesian-axis-tick-value')].map((t) => t.textContent).join();
  const before = chart();
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === LABEL);
  const start = performance.now();
  button.click();
  while (chart() === before) await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  return performance.now() - start;
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

export function seedDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-bench-ui-'));
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  new SettingsRepository(new JsonFileStore(settingsFile(dir))).update((s) => {
    s.accounts.push({ id: 'acc_bench', name: 'Bench org', provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1', keyHint: 'sk-admin-…bnch', createdAt: now.toISOString() });
  });
  const store = new HistoryStore(dir, { now: () => now });
  const { history } = store.load('acc_bench');
  history.replaceCosts(
    new Map(
      dayRange(addDays(today, -365), today).map((day, d) => [
        day,
        Array.from({ length: 20 }, (_, p) => Array.from({ length: 6 }, (_, l) => costRow(`proj_${p}`, `model-${l}, input`, ((d * 31 + p * 17 + l * 7) % 5000) * 1000 + 1))).flat(),
      ]),
    ),
  );
  store.save('acc_bench');
  store.writeState('acc_bench', { ...store.readState('acc_bench'), lastSuccessAt: now.toISOString(), backfilledFrom: addDays(today, -365), projects: Object.fromEntries(Array.from({ length: 20 }, (_, p) => [`proj_${p}`, `Project ${p}`])) });
  return dir;
}

if (process.argv[2] === '--seed-only') {
  console.log(seedDataDir());
  process.exit(0);
}
// The renderer from a profile on disk, as the app runs it: the first load compiles every script, later loads use
// V8's code cache (the app's app:// scheme has the codeCache privilege and writes the cache on a script's first
// run; Chromium here, serving the hashed assets as cacheable, writes it once a script is "hot", on its second
// load). The first WARM_UP loads also warm the harness's core (its first dashboard query reads a year of history
// from disk, later ones are JIT-compiled), as the app's long-running main process is. Every load is printed; the
// target is the median of the loads after the warm-up.
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

const harness = await startHarness({ dataDir: seedDataDir(), vault: new FakeKeychain(), cacheAssets: true });
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
  const cached = paints.slice(WARM_UP);
  const cachedSections = sections.slice(WARM_UP);

  const page = await browser.newPage();
  await page.goto(harness.url);
  await page.getByLabel('Stack by').selectOption('project');
  await page.locator('[data-testid="daily-chart"] .recharts-cartesian-axis-tick-value').first().waitFor();
  const switches: number[] = [];
  for (let i = 0; i < 8; i++) {
    const target = i % 2 === 0 ? '12 months' : '30 days';
    switches.push(await page.evaluate<number>(SWITCH_RANGE.replace('LABEL', JSON.stringify(target))));
  }
  const bars = await page.locator('[data-testid="daily-chart"] rect.recharts-bar-rectangle').count();
  const series = await page.locator('[aria-labelledby="daily-title"] .chart-legend li').count();
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`renderer build measured: out/renderer from electron-vite build, ${rendererMinified() ? 'minified' : 'NOT minified'}`);
  console.log(`initial renderer JavaScript: ${(initialJsGzip() / 1024).toFixed(1)} KB gzip`);
  console.log(`machine load while measuring (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
  console.log(`first dashboard paint from cached history, scripts from the code cache: median ${median(cached).toFixed(0)} ms (loads ${WARM_UP + 1}–${LOADS}: ${list(cached)})`);
  console.log(`  the ${WARM_UP} warm-up loads before them (not a target; the first compiled everything): ${list(paints.slice(0, WARM_UP))}`);
  console.log(`breakdowns and billing history rendered too (not a target): median ${median(cachedSections).toFixed(0)} ms (of ${list(cachedSections)})`);
  console.log(`range switch 30 days ↔ 12 months, 20 projects stacked as ${series} series (${bars} bars at 30 days): median ${median(switches).toFixed(0)} ms (of ${list(switches)})`);
} finally {
  await browser.close();
  await harness.close();
  rmSync(profile, { recursive: true, force: true });
}
