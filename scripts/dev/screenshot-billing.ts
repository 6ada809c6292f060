// Screenshots of one account's Billing history (statuses, the "Not final" note) and the key figures, light and
// dark, 1280 and 720 px: tsx scripts/dev/screenshot-billing.ts <out dir> [account name]. Needs a renderer build.
// Run it under the test clock to see a given day, e.g. the 1st of a month:
//   SPENDWATCH_TEST_NOW=2026-12-01T00:30:00Z SPENDWATCH_TEST_EPOCH=$(date +%s%3N) \
//   NODE_OPTIONS=--import=$PWD/test/support/test-now.mjs npx tsx scripts/dev/screenshot-billing.ts /tmp/shots
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from '../../test/harness/harness-server';
import { launchChromium } from '../../test/support/chromium';
import { seedOrganisations } from '../../test/support/dashboard-fixtures';
import { FakeKeychain } from '../../test/support/fake-vault';

const out = process.argv[2] ?? 'test-results/screens';
const accountName = process.argv[3] ?? 'Acme Prod';
mkdirSync(out, { recursive: true });
const browser = await launchChromium();
const harness = await startHarness({ dataDir: seedOrganisations(), vault: new FakeKeychain() });
for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 720]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme, locale: 'en-US' });
    page.on('pageerror', (e) => console.log('pageerror:', e.message));
    await page.goto(harness.url);
    await page.getByTestId('kpi-mtd').waitFor();
    await page.getByLabel('Account').selectOption({ label: accountName });
    const history = page.getByRole('region', { name: 'Billing history' });
    await history.getByRole('columnheader', { name: 'Invoice' }).waitFor();
    await page.locator('.kpis').screenshot({ path: join(out, `kpis-${scheme}-${width}.png`) });
    await history.screenshot({ path: join(out, `billing-${scheme}-${width}.png`) });
    await page.close();
  }
}
await harness.close();
await browser.close();
