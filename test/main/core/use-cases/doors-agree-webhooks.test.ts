/**
 * Webhooks, whichever door: one added through the app's IPC (validated against the contract) and one added with
 * `spendwatch webhooks add` are stored alike — the URL in the keychain under the webhook's id, masked everywhere
 * else — and each door lists, tests and removes the other's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSpendwatch } from '../../../../src/main/core/compose-node';
import { createIpcHandlers } from '../../../../src/main/handlers/handlers';
import { KeytarVault } from '../../../../src/main/core/vault/keytar-vault';
import { webhookKeyRef } from '../../../../src/main/core/webhooks/webhook-service';
import { WebhookReceiver } from '../../../fake-webhook/webhook-receiver';
import { ensureCliBuilt, runCli } from '../../../support/cli';
import { ipcCaller } from '../../../support/ipc-call';
import type { WebhookInfo, WebhookStatus } from '../../../../src/shared/webhooks';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe.runIf(keychain)('webhooks through the app and the CLI', () => {
  const home = mkdtempSync(join(tmpdir(), 'sw-doors-webhooks-'));
  const receiver = new WebhookReceiver();
  let url: string;
  const app = createNodeSpendwatch({ dataDir: home });
  const call = ipcCaller(() => createIpcHandlers(app, { openExternal: () => undefined }));

  beforeAll(async () => {
    ensureCliBuilt();
    url = await receiver.start();
  });
  afterAll(() => receiver.stop());

  it('stores, lists, tests and removes alike', async () => {
    const fromApp: WebhookInfo = await call('addWebhook', {
      url: `${url}/app-secret-path`,
      format: 'json',
      name: 'From app',
    });
    expect(
      (await runCli(['webhooks', 'add', '--url', `${url}/cli-secret-path`, '--name', 'From CLI'], { home })).code,
    ).toBe(0);
    const listed: WebhookStatus[] = await call('listWebhooks', {});
    expect(listed.map((w) => [w.name, w.format, w.source])).toEqual([
      ['From app', 'json', 'keychain'],
      ['From CLI', 'slack', 'keychain'],
    ]);
    const vault = new KeytarVault();
    for (const w of listed)
      expect(await vault.get(webhookKeyRef(w.id))).toBe(`${url}/${w.name === 'From app' ? 'app' : 'cli'}-secret-path`);
    expect(JSON.stringify(listed)).not.toContain('secret-path');
    expect(readFileSync(join(home, 'config.json'), 'utf8')).not.toContain('secret-path');

    // Each door tests and removes the other's.
    expect((await runCli(['webhooks', 'test', 'From app'], { home })).code).toBe(0);
    expect(await call('testWebhook', { id: listed[1].id })).toMatchObject({ ok: true, status: 200 });
    expect(receiver.posts.map((p) => p.path)).toEqual(['/app-secret-path', '/cli-secret-path']);
    expect((await runCli(['webhooks', 'remove', 'From app'], { home })).code).toBe(0);
    expect(await call('removeWebhook', { id: listed[1].id })).toEqual({ removed: true });
    expect(await call('listWebhooks', {})).toEqual([]);
    expect(await vault.get(webhookKeyRef(fromApp.id))).toBeNull();
    expect(await vault.get(webhookKeyRef(listed[1].id))).toBeNull();
  });

  it('refuses through IPC what the CLI refuses, with the same words', async () => {
    await expect(call('addWebhook', { url: 'http://hooks.example.com/x', format: 'slack' })).rejects.toThrow(
      /Plain http:\/\/ is refused except for this machine/,
    );
    const cli = await runCli(['webhooks', 'add', '--url', 'http://hooks.example.com/x'], { home });
    expect(cli.stderr).toMatch(/Plain http:\/\/ is refused except for this machine/);
    await expect(call('addWebhook', { url: `${url}/x`, format: 'xml' as never })).rejects.toThrow();
    expect(await call('listWebhooks', {})).toEqual([]);
  });
});
