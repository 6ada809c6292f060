// The screenshot scripts' one loop: the harness over a data dir, real Chromium, and a page for each of light and
// dark at 1280 and 720 px (the sizes every screen is looked at in).
import type { Page } from 'playwright-core';
import type { SecretVault } from '../../src/main/core/ports';
import { startHarness } from '../../test/harness/harness-server';
import { launchChromium } from '../../test/support/chromium';

export async function forEachScreen(
  options: { dataDir: string; vault: SecretVault },
  shoot: (page: Page, variant: string, harnessUrl: string) => Promise<void>,
): Promise<void> {
  const browser = await launchChromium();
  const harness = await startHarness(options);
  try {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1280, 720]) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme, locale: 'en-US' });
        page.on('pageerror', (e) => console.log('pageerror:', e.message));
        await shoot(page, `${scheme}-${width}`, harness.url);
        await page.close();
      }
    }
  } finally {
    await harness.close();
    await browser.close();
  }
}
