/**
 * The settings window in real Chromium through the harness, used by visible labels and roles:
 * adding a card by brand, last four and expiry; adding one with the keychain opt-in (an invalid number refused,
 * only the last four after saving); the full number and address never in the page, the renderer's IPC responses
 * or on disk; and an expiry warning for a card that expires next month; a preference saved in one window shows in
 * another.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';

const SHOTS = 'test-results';
const FULL = ['5555555555554444', '5555 5555 5555 4444', '5555-5555-5555-4444'];
/** The opt-in's street address and name: the keychain's only, like the number. */
const ADDRESS = ['1 Example Street', 'SW1A 1AA', 'Ada Lovelace'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** The minimal record: brand, last four, expiry (next month), a country and a label. */
async function fillMinimalCard(page: Page) {
  const now = new Date();
  const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  await page.getByLabel('Brand').selectOption('visa');
  await page.getByLabel('Last four digits').fill('4242');
  await page.getByLabel('Expiry month').selectOption(String(next.getMonth() + 1));
  await page.getByLabel('Expiry year').selectOption(String(next.getFullYear()));
  await page.getByLabel('Billing country (optional)').fill('United Kingdom');
  await page.getByLabel('Label (optional)').fill('Company card');
}

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('settings: payment methods', () => {
  let browser: Browser;
  let harness: HarnessProcess;
  const home = mkdtempSync(join(tmpdir(), 'sw-e2e-settings-'));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    harness = await startHarnessProcess({ SPENDWATCH_HOME: home });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('adds a card by brand, last four and expiry, asking for no number, address or security code', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${harness.url}#/settings?section=payment-methods`);
    await page.getByRole('button', { name: 'Add a payment method' }).click();
    // Focus moves into the form; an empty save focuses the first invalid field with a plain message.
    await expect
      .poll(() => page.evaluate("document.activeElement?.closest('form')?.getAttribute('aria-labelledby')"))
      .toBe('payment-form-title');
    await page.getByRole('button', { name: 'Save payment method' }).click();
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('aria-invalid')")).toBe('true');
    await page.getByText('Choose the card brand.').waitFor();
    await expect.poll(() => page.getByText(/never asks for the security code \(CVV\)/).count()).toBe(1);
    expect(await page.getByLabel(/security code|CVV|CVC/i).count()).toBe(0);
    for (const field of [/^Card number/, /^Address line/, /^Postal code/, /^Name on the card/])
      expect(await page.getByLabel(field).count()).toBe(0);
    expect(
      await page.getByLabel(/Also keep the full card number and billing address in the OS keychain/).isChecked(),
    ).toBe(false);

    await fillMinimalCard(page);
    await page.getByRole('button', { name: 'Save payment method' }).click();
    const list = page.getByRole('list', { name: 'Recorded payment methods' });
    await list.getByText('Visa •••• 4242').waitFor();
    expect(await list.getByText(/^Expires in \d+ days$/).count()).toBe(1);
    await list.getByText(/United Kingdom/).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('adds a card with the keychain opt-in: an invalid number is refused, then only brand and last four show', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // Everything main sends the renderer, over the harness's bridge.
    const received: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => void received.push(String(frame.payload))));
    await page.goto(`${harness.url}#/settings?section=payment-methods`);
    await page.getByRole('button', { name: 'Add a payment method' }).click();
    await page.getByLabel(/Also keep the full card number and billing address in the OS keychain/).check();
    await page.getByText(/stay in your system keychain only/).waitFor();
    const now = new Date();
    await page.getByLabel('Expiry month').selectOption('6');
    await page.getByLabel('Expiry year').selectOption(String(now.getFullYear() + 3));
    await page.getByLabel('Brand').selectOption('mastercard');
    await page.getByLabel('Last four digits').fill('4441');
    await page.getByLabel('Card number', { exact: true }).fill('5555 5555 5555 4441');
    await page.getByLabel('Name on the card (optional)').fill('Ada Lovelace');
    await page.getByLabel('Address line 1').fill('1 Example Street');
    await page.getByLabel('Postal code').fill('SW1A 1AA');
    await page.getByRole('button', { name: 'Save payment method' }).click();
    const error = page.getByRole('alert').filter({ hasText: 'not valid' });
    await error.waitFor();
    expect(await page.getByLabel('Card number', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    const cardNumberId = await page.getByLabel('Card number', { exact: true }).getAttribute('id');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe(cardNumberId);
    await page.screenshot({ path: join(SHOTS, 'settings-card-invalid.png'), fullPage: true });
    const saved = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'));
    expect(saved.payments.methods).toHaveLength(1);

    await page.getByLabel('Card number', { exact: true }).fill('5555555555554444');
    expect(await page.getByLabel('Card number', { exact: true }).inputValue()).toBe('5555 5555 5555 4444'); // formatted as typed
    // The number decides the brand and last four.
    expect(await page.getByLabel('Brand').inputValue()).toBe('mastercard');
    expect(await page.getByLabel('Last four digits').inputValue()).toBe('4444');
    await page.getByRole('button', { name: 'Save payment method' }).click();
    const list = page.getByRole('list', { name: 'Recorded payment methods' });
    await list.getByText('Mastercard •••• 4444').waitFor();
    await list.getByText(/full number and address in the keychain/).waitFor();
    // Editing shows what the keychain holds only as "leave empty to keep".
    await list.getByRole('button', { name: 'Edit Mastercard •••• 4444' }).click();
    expect(await page.getByLabel('Card number', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Card number', { exact: true }).getAttribute('placeholder')).toBe(
      '•••• 4444 — leave empty to keep',
    );
    await page.getByRole('button', { name: 'Cancel' }).click();
    const bodyText = (await page.locator('body').innerText()) + (await page.content());
    for (const secret of [...FULL, ...ADDRESS]) expect(bodyText).not.toContain(secret);
    expect(received.some((frame) => frame.includes('"last4":"4444"'))).toBe(true);
    for (const frame of received) for (const secret of [...FULL, ...ADDRESS]) expect(frame).not.toContain(secret);
    await page.screenshot({ path: join(SHOTS, 'settings-payments-light.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps no full card number or address anywhere under the data dir', () => {
    const files = filesUnder(home);
    expect(files.some((f) => f.endsWith('config.json'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const secret of [...FULL, ...ADDRESS]) expect(text, file).not.toContain(secret);
    }
    const config = readFileSync(join(home, 'config.json'), 'utf8');
    expect(config).toContain('"last4": "4242"');
    expect(config).toContain('"last4": "4444"');
  });

  it('warns about the card that expires next month: alert, notification, dashboard banner and guide', async () => {
    const recorded = (await (await fetch(`${harness.url}__harness/recorded`)).json()) as {
      notifications: { title: string; body: string }[];
      tray: { state: string }[];
    };
    const note = recorded.notifications.find((n) => /^Visa •••• 4242 expires in \d+ days?$/.test(n.title));
    expect(note?.body).toMatch(/Update your payment method on OpenAI/);
    expect(recorded.tray.at(-1)?.state).toMatch(/warning|over/);

    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      colorScheme: 'dark',
      locale: 'en-US',
    });
    await page.goto(harness.url);
    const banner = page.getByRole('status').filter({ hasText: /Visa •••• 4242 .*expires in \d+ days/ });
    await banner.waitFor();
    await page.getByRole('button', { name: /Alerts, [1-9]\d* unread/ }).click();
    await page
      .getByRole('dialog', { name: 'Alert centre' })
      .getByText(/Visa •••• 4242 expires in/)
      .waitFor();
    await page.keyboard.press('Escape');
    await banner.getByRole('button', { name: 'Update your payment method' }).click();
    await page.getByRole('heading', { name: 'Update your payment method' }).waitFor();
    await page.getByRole('button', { name: 'Open OpenAI payment methods' }).click();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${harness.url}__harness/recorded`)).json()) as { openedExternal: string[] })
            .openedExternal,
      )
      .toContain('https://platform.openai.com/settings/organization/billing/payment-methods');
    await page.screenshot({ path: join(SHOTS, 'settings-dark.png'), fullPage: true });
    await page.close();
  });

  it("shows an alert's quiet hours, saved in one window, in another window at once: main announces the change", async () => {
    const open = async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      await page.goto(`${harness.url}#/settings?section=budgets`);
      return page;
    };
    const [first, second] = [await open(), await open()];
    const quiet = (page: Page) => page.getByRole('checkbox', { name: /^Quiet hours for / }).first();
    await quiet(first).waitFor();
    await quiet(second).waitFor();
    const wasOn = await quiet(second).isChecked();
    // The second window is never reloaded or told anything by the first: only main's snapshotChanged reaches it.
    await quiet(first).click();
    await expect.poll(() => quiet(first).isChecked()).toBe(!wasOn);
    await expect.poll(() => quiet(second).isChecked()).toBe(!wasOn);
    await quiet(second).click();
    await expect.poll(() => quiet(first).isChecked()).toBe(wasOn);
    await first.close();
    await second.close();
  });
});
