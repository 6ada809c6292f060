// Screenshots of Settings › Webhooks with one webhook delivering and one failing, light and dark, 1280 and 720 px:
//   npx tsx scripts/dev/screenshot-webhooks.ts <out dir>. Needs a renderer build (npx electron-vite build).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeSpendwatch } from '../../src/main/core/compose-node';
import { FakeOpenAiServer } from '../../test/fake-openai/fake-openai-server';
import { smallOrganisation } from '../../test/fake-openai/organisations';
import { WebhookReceiver } from '../../test/fake-webhook/webhook-receiver';
import { FakeKeychain } from '../../test/support/fake-vault';
import { forEachScreen } from './screens';

const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });
const key = `sk-admin-${'s'.repeat(24)}`;
const server = new FakeOpenAiServer({ [key]: smallOrganisation(30) });
const baseUrl = await server.start();
const good = new WebhookReceiver();
const goodUrl = await good.start();
const bad = new WebhookReceiver().then({ status: 500 });
const badUrl = await bad.start();
const dataDir = mkdtempSync(join(tmpdir(), 'sw-shots-'));
const vault = new FakeKeychain();
const core = createNodeSpendwatch({ dataDir, vault, emit: () => undefined });
await core.accounts.add({ name: 'Acme', provider: 'openai', baseUrl, apiKey: key });
await core.sync.run();
await core.webhooks.add({ url: `${goodUrl}/services/T0/B0/abcdefghijkl`, format: 'slack', name: '#ai-spend' });
await core.webhooks.add({ url: `${badUrl}/hooks/finance-receiver`, format: 'json', name: 'Finance receiver' });
core.budgets.setMonthly('Acme', { monthlyMicros: 1_000_000 });
await core.webhooks.flush();
await forEachScreen({ dataDir, vault }, async (page, variant, url) => {
  await page.goto(`${url}#/settings?section=webhooks`);
  const section = page.getByRole('region', { name: 'Webhooks' });
  await section.getByText('#ai-spend').waitFor();
  await page.getByRole('button', { name: 'Send a test message to #ai-spend' }).click();
  await section.getByText(/Delivered to/).waitFor();
  await page.getByLabel('Webhook URL').fill('http://hooks.example.com/x');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await section
    .getByText(/Plain http:\/\/ is refused/)
    .first()
    .waitFor();
  await page.screenshot({ path: join(out, `webhooks-${variant}.png`), fullPage: true });
});
await Promise.all([server.stop(), good.stop(), bad.stop()]);
