// Adds a card through the settings form, with the keychain opt-in, and takes screenshots (a development aid).
import { launchChromium } from '../../test/support/chromium';

const [url, out] = process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
await page.goto(`${url}#/settings`);
await page.getByRole('button', { name: 'Add a payment method' }).click();
await page.getByLabel('Brand').selectOption('visa');
await page.getByLabel('Last four digits').fill('4241');
await page.getByLabel(/Also keep the full card number/).check();
await page.getByLabel('Card number', { exact: true }).fill('4242 4242 4242 4241');
await page.getByRole('button', { name: 'Save payment method' }).click();
await page.screenshot({
  path: out.replace('.png', '-invalid.png'),
  fullPage: false,
  clip: { x: 0, y: 0, width: 1280, height: 1000 },
});
const now = new Date();
const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
await page.getByLabel('Card number', { exact: true }).fill('4242424242424242');
await page.getByLabel('Expiry month').selectOption(String(next.getMonth() + 1));
await page.getByLabel('Expiry year').selectOption(String(next.getFullYear()));
await page.getByLabel('Billing country (optional)').fill('United Kingdom');
await page.getByLabel('Address line 1').fill('1 Example Street');
await page.getByLabel('Postal code').fill('SW1A 1AA');
await page.getByRole('button', { name: 'Save payment method' }).click();
await page.waitForTimeout(800);
await page.locator('#payment-methods').screenshot({ path: out });
await browser.close();
