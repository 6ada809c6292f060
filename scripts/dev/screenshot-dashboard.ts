// Screenshots of the dashboard (and the alert centre open), light and dark, 1280 and 720 px wide, on the demo
// and on seeded organisations: tsx scripts/dev/screenshot-dashboard.ts <out dir>. Needs a renderer build.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from '../../test/harness/harness-server';
import { launchChromium } from '../../test/support/chromium';
import { seedOrganisations } from '../../test/support/dashboard-fixtures';
import { FakeKeychain } from '../../test/support/fake-vault';

const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });
const browser = await launchChromium();
for (const [name, dataDir] of [
  ['demo', mkdtempSync(join(tmpdir(), 'sw-shot-demo-'))],
  ['orgs', seedOrganisations()],
] as const) {
  const harness = await startHarness({ dataDir, vault: new FakeKeychain() });
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 720]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme, locale: 'en-US' });
      page.on('pageerror', (e) => console.log('pageerror:', e.message));
      await page.goto(harness.url);
      await page.locator('[data-testid="daily-chart"] .recharts-cartesian-axis-tick-value').first().waitFor();
      await page.screenshot({ path: join(out, `${name}-${scheme}-${width}.png`), fullPage: true });
      const bar = page.locator('[data-testid="daily-chart"] .recharts-bar-rectangle').nth(-3);
      await bar.hover();
      await page.locator('.chart-tooltip').first().waitFor();
      await page
        .locator('[data-testid="daily-chart"]')
        .screenshot({ path: join(out, `${name}-${scheme}-${width}-tooltip.png`) });
      await page.getByRole('button', { name: /^Alerts/ }).click();
      await page.screenshot({ path: join(out, `${name}-${scheme}-${width}-alerts.png`) });
      await page.keyboard.press('Escape');
      // Every chart as a table and every "Show all" list open.
      const closed = page.getByRole('button', { name: /^Show (as table|all )/ });
      for (let guard = 0; (await closed.count()) > 0 && guard < 20; guard++) await closed.first().click();
      await page.screenshot({ path: join(out, `${name}-${scheme}-${width}-tables.png`), fullPage: true });
      await page.close();
    }
  }
  await harness.close();
}
await browser.close();
