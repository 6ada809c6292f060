/**
 * Settings › Webhooks in real Chromium through the harness (real keychain): a webhook added by its labelled
 * fields is listed masked, its URL on no file in the data dir; a test message reaches the loopback receiver;
 * an address it must not post to is refused in words; removing it takes it away.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startHarnessProcess, type HarnessProcess } from '../support/harness-process';
import { slackProblem, WebhookReceiver } from '../fake-webhook/webhook-receiver';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('settings: webhooks', () => {
  let browser: Browser;
  let harness: HarnessProcess;
  let receiver: WebhookReceiver;
  let receiverUrl: string;
  const home = mkdtempSync(join(tmpdir(), 'sw-e2e-webhooks-'));

  beforeAll(async () => {
    browser = await launchChromium();
    harness = await startHarnessProcess({ SPENDWATCH_HOME: home });
    receiver = new WebhookReceiver();
    receiverUrl = await receiver.start();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await receiver?.stop();
  });

  it('adds, tests and removes a webhook by its labels; the URL is never shown or written to the data dir', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${harness.url}#/settings?section=webhooks`);
    const section = page.getByRole('region', { name: 'Webhooks' });
    await section.getByText('No webhooks yet.').waitFor();

    await page.getByLabel('Webhook URL').fill('http://hooks.example.com/services/x');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await expect
      .poll(() =>
        section
          .getByText(/Plain http:\/\/ is refused/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await page.getByLabel('Webhook URL').fill(`${receiverUrl}/services/T0/B0/ui-secret-part`);
    await expect.poll(() => section.getByText(/Plain http:\/\/ is refused/).count()).toBe(0);
    await page.getByLabel('Name (optional)').fill('#ai-spend');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await section.getByText('Added #ai-spend. Send it a test to check the channel.').waitFor();
    expect(await page.getByLabel('Webhook URL').inputValue()).toBe('');
    await section.getByText(/…part · 0 delivered/).waitFor();
    expect(await page.content()).not.toContain('ui-secret-part');
    for (const file of filesUnder(home)) expect(readFileSync(file, 'latin1'), file).not.toContain('ui-secret-part');

    await page.getByRole('button', { name: 'Send a test message to #ai-spend' }).click();
    await section.getByText('Delivered to "#ai-spend" (HTTP 200).').waitFor();
    expect(receiver.posts).toHaveLength(1);
    expect(receiver.posts[0].path).toBe('/services/T0/B0/ui-secret-part');
    expect(slackProblem(receiver.posts[0])).toBeNull();

    receiver.answer({ status: 404 });
    await page.getByRole('button', { name: 'Send a test message to #ai-spend' }).click();
    await section.getByText('Not delivered to "#ai-spend": the receiver answered HTTP 404.').waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Remove #ai-spend' }).click();
    await section.getByText('No webhooks yet.').waitFor();
    await page.close();
  });
});
