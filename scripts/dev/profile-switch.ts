// Splits a range switch into the IPC round trip and the render (a development aid).
import { startHarness } from '../../test/harness/harness-server';
import { launchChromium } from '../../test/support/chromium';
import { FakeKeychain } from '../../test/support/fake-vault';

const harness = await startHarness({ dataDir: process.argv[2], vault: new FakeKeychain() });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(harness.url);
await page.getByTestId('kpi-mtd').waitFor();
for (const range of ['12m', '30d', '12m', '30d', '12m']) {
  const ms = await page.evaluate(`(async () => { const t = performance.now(); await window.spendwatch.getDashboard({ accountId: 'all', range: '${range}', groupBy: 'project' }); return performance.now() - t; })()`);
  console.log(`round trip ${range}: ${Number(ms).toFixed(1)} ms`);
}
await browser.close();
await harness.close();
