// Renders the app and tray icons (assets/*.png) from SVG in Debian's Chromium. Run after changing
// the artwork: npx tsx scripts/make-icons.ts. The PNGs are committed; builds don't run this.
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../test/support/chromium';

const COLORS = { ok: '#16a37f', warning: '#e8a23a', over: '#d64545' } as const;

const appIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect x="2" y="2" width="60" height="60" rx="14" fill="#4f6bed"/><rect x="14" y="34" width="8" height="16" rx="2" fill="#fff"/><rect x="28" y="24" width="8" height="26" rx="2" fill="#fff"/><rect x="42" y="14" width="8" height="36" rx="2" fill="#fff" opacity=".85"/></svg>`;

const trayIcon = (color: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="3" y="17" width="6" height="12" rx="1.5" fill="${color}"/><rect x="13" y="10" width="6" height="19" rx="1.5" fill="${color}"/><rect x="23" y="3" width="6" height="26" rx="1.5" fill="${color}"/></svg>`;

const browser = await launchChromium();
async function render(svg: string, size: number, path: string) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  writeFileSync(path, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  await page.close();
}
await render(appIcon, 512, 'assets/icon.png');
for (const [state, color] of Object.entries(COLORS)) {
  await render(trayIcon(color), 16, `assets/tray-${state}.png`);
  await render(trayIcon(color), 32, `assets/tray-${state}@2x.png`);
}
writeFileSync('assets/icon.svg', appIcon);
await browser.close();
