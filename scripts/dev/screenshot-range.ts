// Screenshot of the dashboard at a given range: tsx scripts/dev/screenshot-range.ts <url> <out.png> <range label> [light|dark]
import { launchChromium } from '../../test/support/chromium';

const [url, out, label, scheme] = process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage({
  viewport: { width: 1280, height: 900 },
  colorScheme: (scheme as 'dark' | 'light') ?? 'light',
});
await page.goto(url);
await page.getByRole('button', { name: label, exact: true }).click();
await page.waitForTimeout(1200);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
