// Takes a screenshot of a harness URL: tsx scripts/dev/screenshot.ts <url> <out.png> [light|dark]
import { launchChromium } from '../../test/support/chromium';
const [url, out, scheme] = process.argv.slice(2);
const b = await launchChromium();
const p = await b.newPage({
  viewport: { width: 1280, height: 900 },
  colorScheme: (scheme as 'dark' | 'light') ?? 'light',
});
p.on('console', (m) => console.log('console:', m.type(), m.text()));
p.on('pageerror', (e) => console.log('pageerror:', e.message));
await p.goto(url);
await p.waitForTimeout(1500);
await p.screenshot({ path: out, fullPage: true });
await b.close();
