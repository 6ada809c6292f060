// Screenshots of the dashboard's "Who spent it" panel and the daily chart stacked by API key and by user, on the
// fake organisation with keys, users and quantities, light and dark, 1280 and 720 px:
//   npx tsx scripts/dev/screenshot-insights.ts <out dir>. Needs a renderer build (npx electron-vite build).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeSpendwatch } from '../../src/main/core/compose-node';
import { FakeOpenAiServer } from '../../test/fake-openai/fake-openai-server';
import { attributedOrganisation } from '../../test/fake-openai/organisations';
import { FakeKeychain } from '../../test/support/fake-vault';
import { forEachScreen } from './screens';

const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });
const key = `sk-admin-${'s'.repeat(24)}`;
const server = new FakeOpenAiServer({ [key]: attributedOrganisation(70) });
const baseUrl = await server.start();
const dataDir = mkdtempSync(join(tmpdir(), 'sw-shots-'));
const vault = new FakeKeychain();
const core = createNodeSpendwatch({ dataDir, vault, emit: () => undefined });
await core.accounts.add({ name: 'Acme', provider: 'openai', baseUrl, apiKey: key });
await core.sync.run();
await forEachScreen({ dataDir, vault }, async (page, variant, url) => {
  await page.goto(url);
  await page.getByTestId('kpi-mtd').waitFor();
  const insights = page.getByRole('region', { name: /Who spent it/ });
  await insights.waitFor();
  await insights.screenshot({ path: join(out, `insights-${variant}.png`) });
  const daily = page.getByRole('region', { name: /Daily spend|Weekly spend/ });
  for (const by of ['api_key', 'user'] as const) {
    await page.getByLabel('Stack by').selectOption(by);
    await page.waitForTimeout(800);
    await daily.screenshot({ path: join(out, `daily-${by}-${variant}.png`) });
  }
  // Filtered to one project, stacked by API key: only that project's keys.
  await page.getByLabel('Stack by').selectOption('api_key');
  await page.getByRole('combobox', { name: /^Project/ }).selectOption({ label: 'Web app' });
  await page.waitForTimeout(800);
  await daily.screenshot({ path: join(out, `daily-filtered-${variant}.png`) });
});
await server.stop();
