/** `spendwatch accounts replace-key`: the key from stdin only, refused by prefix or by its test call, history kept. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('spendwatch accounts replace-key', () => {
  const stamp = Date.now();
  const oldKey = `sk-admin-old${stamp}xxxxxxxxxxxxxxxxxx`;
  const newKey = `sk-admin-new${stamp}yyyyyyyyyyyyyyyyyy`;
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-replace-'));
  let server: FakeOpenAiServer;

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({
      [oldKey]: smallOrganisation(5),
      [newKey]: smallOrganisation(5),
      'sk-admin-revokedrevokedrevokedrevoked': 'revoked',
    });
    const baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme Prod', '--base-url', baseUrl], {
          home,
          input: oldKey,
        })
      ).code,
    ).toBe(0);
    expect((await runCli(['sync'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await runCli(['accounts', 'remove', 'Acme Prod'], { home });
    await server.stop();
  });

  it('refuses a wrong key type and a revoked key, keeping the old one', async () => {
    const project = await runCli(['accounts', 'replace-key', 'Acme Prod'], {
      home,
      input: 'sk-proj-aaaaaaaaaaaaaaaaaaaaaaaa',
    });
    expect(project.code).toBe(1);
    expect(project.stderr).toMatch(/project key/);
    const revoked = await runCli(['accounts', 'replace-key', 'Acme Prod'], {
      home,
      input: 'sk-admin-revokedrevokedrevokedrevoked',
    });
    expect(revoked.code).toBe(1);
    expect(JSON.parse((await runCli(['accounts', 'list', '--json'], { home })).stdout).accounts[0].keyHint).toBe(
      `sk-admin-…xxxx`,
    );
  });

  it('stores a key that passes its test call; the history stays', async () => {
    const before = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    const replaced = await runCli(['accounts', 'replace-key', 'Acme Prod'], { home, input: newKey });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/now sk-admin-…yyyy/);
    expect(replaced.stdout + replaced.stderr).not.toContain(newKey);
    const after = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    expect(before.accounts[0].monthToDate.amount).not.toBe('0.00');
    expect(after.accounts[0].monthToDate).toEqual(before.accounts[0].monthToDate);
    expect((await runCli(['sync'], { home })).code).toBe(0);
  });
});
