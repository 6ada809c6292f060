// `npm run bench:ui`: the dashboard's performance in headless Chromium, through the browser harness, on the
// renderer exactly as shipped (electron-vite's minified build in out/renderer; figures recorded in the README;
// not a timed test):
//  1. initial renderer JavaScript, gzip (the entry script and what it preloads);
//  2. first dashboard paint from cached history (navigation start → first figures on screen), and, for the
//     record, when the sections below the figures (breakdowns, billing history) were rendered as well;
//  3. switching the daily chart's range on 12 months of data with 20 projects (click → chart redrawn).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { addDays, dayRange } from '../src/shared/dates';
import { HistoryStore } from '../src/main/core/history/history-store';
import { JsonFileStore } from '../src/main/core/settings/json-file-store';
import { SettingsRepository } from '../src/main/core/settings/settings';
import { settingsFile } from '../src/main/core/paths';
import { startHarness } from '../test/harness/harness-server';
import { launchChromium } from '../test/support/chromium';
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
const harness = await startHarness({ dataDir: seedDataDir(), vault: new FakeKeychain() });
const browser = await launchChromium();
try {
  const paints: number[] = [];
  const sections: number[] = [];
  for (let i = 0; i < 7; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(harness.url);
    await page.getByTestId('kpi-mtd').waitFor();
    paints.push(await page.evaluate(() => performance.getEntriesByName('spendwatch:first-dashboard')[0]?.startTime ?? Number.NaN));
    // Also reported, not a target: when the sections below the figures (breakdowns, billing history) were rendered.
    await page.getByRole('region', { name: 'Billing history' }).waitFor();
    sections.push(await page.evaluate(() => performance.getEntriesByName('spendwatch:dashboard-sections')[0]?.startTime ?? Number.NaN));
    await page.close();
  }

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(harness.url);
  await page.getByLabel('Stack by').selectOption('project');
  await page.locator('[data-testid="daily-chart"] .recharts-cartesian-axis-tick-value').first().waitFor();
  const switches: number[] = [];
  for (let i = 0; i < 6; i++) {
    const target = i % 2 === 0 ? '12 months' : '30 days';
    switches.push(await page.evaluate<number>(SWITCH_RANGE.replace('LABEL', JSON.stringify(target))));
  }
  const bars = await page.locator('[data-testid="daily-chart"] rect.recharts-bar-rectangle').count();
  const series = await page.locator('[aria-labelledby="daily-title"] .chart-legend li').count();
  console.log(`renderer build measured: out/renderer from electron-vite build, ${rendererMinified() ? 'minified' : 'NOT minified'}`);
  console.log(`initial renderer JavaScript: ${(initialJsGzip() / 1024).toFixed(1)} KB gzip`);
  console.log(`machine load while measuring (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} cores`);
  console.log(`first dashboard paint from cached history: median ${median(paints).toFixed(0)} ms (of ${paints.map((p) => p.toFixed(0)).join(', ')})`);
  console.log(`breakdowns and billing history rendered too (not a target): median ${median(sections).toFixed(0)} ms (of ${sections.map((p) => p.toFixed(0)).join(', ')})`);
  console.log(`range switch 30 days ↔ 12 months, 20 projects stacked as ${series} series (${bars} bars at 30 days): median ${median(switches).toFixed(0)} ms (of ${switches.map((s) => s.toFixed(0)).join(', ')})`);
} finally {
  await browser.close();
  await harness.close();
}
