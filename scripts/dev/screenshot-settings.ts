// Screenshots of every Settings section, light and dark, 1280 and 720 px wide, on seeded organisations and on a
// first run: tsx scripts/dev/screenshot-settings.ts <out dir>. Needs a renderer build. Reports any figure or
// control wider than its panel (an overflow at 720 px) and any page error.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaymentService } from '../../src/main/core/payments/payment-service';
import { settingsFile } from '../../src/main/core/paths';
import { JsonFileStore } from '../../src/main/core/settings/json-file-store';
import { SettingsRepository } from '../../src/main/core/settings/settings';
import { startHarness } from '../../test/harness/harness-server';
import { launchChromium } from '../../test/support/chromium';
import { seedOrganisations } from '../../test/support/dashboard-fixtures';
import { FakeKeychain } from '../../test/support/fake-vault';

const SECTIONS = ['accounts', 'budgets', 'payment-methods', 'payment-guide', 'credits', 'troubleshooting', 'general'];
const OVERFLOWS = `(() => [...document.querySelectorAll('.panel *')].filter((el) => {
  const panel = el.closest('.panel').getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.right > panel.right + 1 && !el.closest('.table-scroll, .table-scroll-x');
}).map((el) => el.tagName + '.' + el.className + ': ' + (el.textContent || '').slice(0, 40)))()`;

/** Two recorded cards on the seeded organisations: a minimal one expiring next month, and one kept in the keychain. */
async function seedPaymentMethods(dataDir: string, vault: FakeKeychain): Promise<void> {
  const payments = new PaymentService({
    settings: new SettingsRepository(new JsonFileStore(settingsFile(dataDir))),
    vault,
    clock: { now: () => new Date() },
  });
  const now = new Date();
  const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  await payments.save(undefined, {
    type: 'card',
    brand: 'visa',
    last4: '4242',
    expMonth: next.getMonth() + 1,
    expYear: next.getFullYear(),
    billingCountry: 'United Kingdom',
    label: 'Company card',
    role: 'primary',
  });
  await payments.save(undefined, {
    type: 'card',
    brand: 'mastercard',
    last4: '4444',
    expMonth: 6,
    expYear: now.getFullYear() + 3,
    role: 'backup',
    keychain: {
      cardNumber: '5555 5555 5555 4444',
      billingAddress: { line1: '1 Example Street', postalCode: 'SW1A 1AA' },
    },
  });
}

const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });
const browser = await launchChromium();
for (const [name, dataDir] of [
  ['orgs', seedOrganisations()],
  ['first-run', mkdtempSync(join(tmpdir(), 'sw-shot-settings-'))],
] as const) {
  const vault = new FakeKeychain();
  if (name === 'orgs') await seedPaymentMethods(dataDir, vault);
  const harness = await startHarness({ dataDir, vault });
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 720]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme, locale: 'en-US' });
      page.on('pageerror', (e) => console.log('pageerror:', e.message));
      for (const section of SECTIONS) {
        await page.goto(`${harness.url}#/settings?section=${section}`);
        await page.locator('section.panel > h2').first().waitFor();
        await page.waitForTimeout(300);
        const overflow = (await page.evaluate(OVERFLOWS)) as string[];
        if (overflow.length) console.log(`overflow ${name} ${section} ${scheme} ${width}:`, overflow.slice(0, 5));
        await page.screenshot({
          path: join(out, `settings-${name}-${section}-${scheme}-${width}.png`),
          fullPage: true,
        });
        if (section === 'payment-methods' && name === 'orgs') {
          // The add form with the keychain opt-in open: every field a card can have.
          await page.getByRole('button', { name: 'Add a payment method' }).click();
          await page.getByLabel(/Also keep the full card number/).check();
          const formOverflow = (await page.evaluate(OVERFLOWS)) as string[];
          if (formOverflow.length) console.log(`overflow payment form ${scheme} ${width}:`, formOverflow.slice(0, 5));
          await page.screenshot({
            path: join(out, `settings-orgs-payment-form-${scheme}-${width}.png`),
            fullPage: true,
          });
        }
      }
      await page.close();
    }
  }
  await harness.close();
}
await browser.close();
