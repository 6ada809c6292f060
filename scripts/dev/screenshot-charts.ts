// Screenshots of the charts and breakdowns on the finance organisation (19 projects, a credit, a spike), stacked
// by project at 30 days and at 12 months, light and dark, 1280 and 720 px:
// tsx scripts/dev/screenshot-charts.ts <out dir>. Needs a renderer build.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedFinanceOrganisation } from '../../test/support/finance-fixture';
import { FakeKeychain } from '../../test/support/fake-vault';
import { forEachScreen } from './screens';

const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });
await forEachScreen(
  { dataDir: seedFinanceOrganisation(new Date()), vault: new FakeKeychain() },
  async (page, variant, url) => {
    await page.goto(url);
    await page.getByLabel('Stack by').selectOption('project');
    await page.locator('[data-testid="daily-chart"] rect.recharts-bar-rectangle').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `charts-${variant}-30d.png`), fullPage: true });
    await page.getByRole('button', { name: '12 months', exact: true }).click();
    await page.getByRole('heading', { name: 'Monthly spend' }).waitFor();
    await page.waitForTimeout(800);
    await page.mouse.move(0, 0); // no tooltip left open by the click
    await page
      .locator('#daily-title')
      .locator('xpath=ancestor::section')
      .screenshot({ path: join(out, `charts-${variant}-12m.png`) });
  },
);
