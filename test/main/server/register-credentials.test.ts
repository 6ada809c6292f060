/**
 * `serve --credentials` registering what the unit's credentials declare: an existing account is bound to its key
 * file, and a webhook added from a credential can be posted to at once (its URL is read from the credential).
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSpendwatch } from '../../../src/main/core/compose-node';
import { CredentialsVault } from '../../../src/main/core/vault/credentials-vault';
import { accountKeyRef } from '../../../src/main/core/vault/keytar-vault';
import { jsonLogger } from '../../../src/main/server/json-log';
import { registerCredentials } from '../../../src/main/server/serve';
import { systemClock } from '../../../src/main/core/ports';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../fake-openai/organisations';
import { WebhookReceiver } from '../../fake-webhook/webhook-receiver';
import { FakeKeychain } from '../../support/fake-vault';

const KEY = `sk-admin-${'r'.repeat(24)}`;

describe('serve --credentials registration', () => {
  const receiver = new WebhookReceiver();
  const openai = new FakeOpenAiServer({ [KEY]: smallOrganisation(5) });
  let receiverUrl: string;
  let baseUrl: string;
  beforeAll(async () => {
    receiverUrl = await receiver.start();
    baseUrl = await openai.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await openai.stop();
  });

  it('binds an existing account to its key file, and posts to a webhook it added from a credential', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-register-'));
    // The account exists in the data dir already (added where a keychain was).
    const account = await createNodeSpendwatch({ dataDir: home, vault: new FakeKeychain() }).accounts.add({
      name: 'Acme',
      provider: 'openai',
      baseUrl,
      apiKey: KEY,
    });
    const dir = mkdtempSync(join(tmpdir(), 'sw-register-creds-'));
    for (const [file, secret] of [
      ['openai-acme', KEY],
      ['webhook-json-Ops', `${receiverUrl}/ops`],
    ]) {
      writeFileSync(join(dir, file), `${secret}\n`);
      chmodSync(join(dir, file), 0o600);
    }
    const lines: string[] = [];
    const vault = new CredentialsVault(dir);
    const core = createNodeSpendwatch({ dataDir: home, vault, overrides: { webhookSources: ['credentials'] } });
    await registerCredentials(
      core,
      vault,
      dir,
      jsonLogger(systemClock, (line) => lines.push(line)),
    );

    expect(await vault.get(accountKeyRef(account.id))).toBe(KEY);
    expect(core.accounts.list()).toHaveLength(1);
    expect(core.webhooks.list().map((w) => [w.name, w.format, w.source])).toEqual([['Ops', 'json', 'credentials']]);
    expect(await core.webhooks.test('Ops')).toMatchObject({ ok: true, status: 200 });
    expect(receiver.posts.map((p) => p.path)).toEqual(['/ops']);
    expect(lines.join('')).not.toContain(KEY);
    expect(lines.join('')).not.toContain('/ops');
  });
});
