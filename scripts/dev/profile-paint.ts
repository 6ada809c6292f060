// Page timeline of the first dashboard paint on the bench-ui data set (a development aid).
import { startHarness } from '../../test/harness/harness-server';
import { launchChromium } from '../../test/support/chromium';
import { FakeKeychain } from '../../test/support/fake-vault';

const harness = await startHarness({ dataDir: process.argv[2], vault: new FakeKeychain() });
const browser = await launchChromium();
for (let i = 0; i < 3; i++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(harness.url);
  await page.getByTestId('kpi-mtd').waitFor();
  const t = await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((r) => r.name.split('/').pop() + ' ' + r.startTime.toFixed(0) + '→' + r.responseEnd.toFixed(0));
    const paint = performance.getEntriesByType('paint').map((p) => p.name + ' ' + p.startTime.toFixed(0));
    const mark = ['harness:ws-open','debug:data','spendwatch:first-dashboard'].map((n) => n + ' ' + performance.getEntriesByName(n)[0]?.startTime.toFixed(0)).join(', ');
    return { dcl: nav.domContentLoadedEventEnd.toFixed(0), load: nav.loadEventEnd.toFixed(0), res, paint, mark };
  })()`);
  console.log(JSON.stringify(t));
  await page.close();
}
await browser.close();
await harness.close();
