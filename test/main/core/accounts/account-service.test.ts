import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../../../src/main/core/providers/openai/openai-provider';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { settingsFile } from '../../../../src/main/core/paths';
import { createTestSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../../fake-openai/organisations';
import { FakeKeychain } from '../../../support/fake-vault';
import { FAST_RETRY } from '../../../support/fast-retry';
import { TestClock } from '../../../support/test-clock';

const KEY = 'sk-admin-test-cccccccccccccccc';
const NEW_KEY = 'sk-admin-next-dddddddddddddddd';

describe('accounts', () => {
  let server: FakeOpenAiServer;
  let baseUrl: string;
  let dataDir: string;
  let vault: FakeKeychain;
  let core: TestSpendwatch;

  beforeEach(async () => {
    server = new FakeOpenAiServer({
      [KEY]: smallOrganisation(5),
      [NEW_KEY]: smallOrganisation(5),
      'sk-admin-revokedrevokedrevokedrevoked': 'revoked',
    });
    baseUrl = await server.start();
    dataDir = join(mkdtempSync(join(tmpdir(), 'sw-acc-')), 'home');
    vault = new FakeKeychain();
    core = createTestSpendwatch({
      dataDir,
      vault,
      clock: new TestClock(new Date()),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
      createProvider: (account, apiKey) => new OpenAiProvider({ apiKey, baseUrl: account.baseUrl, retry: FAST_RETRY }),
    });
  });
  afterEach(() => server.stop());

  it('adds an account: key to the keychain only, masked hint in settings, one test call', async () => {
    const info = await core.accounts.add({ name: 'Acme Prod', provider: 'openai', apiKey: KEY, baseUrl });
    expect(info.keyHint).toBe('sk-admin-…cccc');
    expect(vault.secrets.get(`account:${info.id}`)).toBe(KEY);
    expect(server.requests).toHaveLength(1);
    expect(core.accounts.list()).toEqual([info]);
  });

  it.each([
    ['sk-proj-aaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'wrong_key_type', /project key/],
    ['sk-svcacct-aaaaaaaaaaaaaaaaaaaaaaa', 'wrong_key_type', /service-account key/],
    ['sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'wrong_key_type', /user API key/],
  ])('refuses %s with a message that says what is needed', async (apiKey, code, message) => {
    const error = await core.accounts.add({ name: 'X', provider: 'openai', apiKey, baseUrl }).catch((e) => e);
    expect(error).toMatchObject({ code });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/sk-admin-/);
    expect(server.requests).toHaveLength(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('lets the test call judge an unfamiliar key format', async () => {
    await expect(
      core.accounts.add({ name: 'X', provider: 'openai', apiKey: 'hello-world-key', baseUrl }),
    ).rejects.toMatchObject({ code: 'invalid_key', message: expect.stringMatching(/invalid or has been revoked/) });
    expect(server.requests).toHaveLength(1);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a revoked admin key after one test call, writing nothing', async () => {
    await expect(
      core.accounts.add({ name: 'X', provider: 'openai', apiKey: 'sk-admin-revokedrevokedrevokedrevoked', baseUrl }),
    ).rejects.toMatchObject({ code: 'invalid_key' });
    expect(vault.secrets.size).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('an add that cannot reach the provider claims no retry: it says nothing was saved and what to do', async () => {
    // A port nothing listens on: the test call fails as a network error (the sync would retry it; an add does not).
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await core.accounts
      .add({ name: 'X', provider: 'openai', apiKey: KEY, baseUrl: `http://127.0.0.1:${port}/v1` })
      .catch((e) => e);
    expect(error.message).not.toMatch(/will retry/i);
    expect(error.message).toMatch(/The account was not added and nothing was saved; add it again in a moment\.$/);
    expect(vault.secrets.size).toBe(0);
    expect(core.accounts.list()).toEqual([]);
  });

  it('with no keychain reachable: a clear error, no network, nothing written, no plaintext fallback', async () => {
    vault.reachable = false;
    const error = await core.accounts.add({ name: 'X', provider: 'openai', apiKey: KEY, baseUrl }).catch((e) => e);
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toMatch(/keychain/i);
    expect(error.message).toMatch(/Secret Service|gnome-keyring/);
    expect(server.requests).toHaveLength(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('rejects duplicate names, renames, and removes with the keychain entry and history', async () => {
    const a = await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: KEY, baseUrl });
    await expect(core.accounts.add({ name: 'acme', provider: 'openai', apiKey: KEY, baseUrl })).rejects.toMatchObject({
      code: 'conflict',
    });
    core.accounts.rename('Acme', 'Acme Prod');
    expect(core.accounts.get('acme prod').id).toBe(a.id);
    await core.services.sync.syncAll();
    expect(existsSync(join(dataDir, 'history', a.id))).toBe(true);
    core.budgets.set('Acme Prod', { monthlyMicros: 1_000_000, thresholds: [50] });
    await core.accounts.remove('Acme Prod');
    expect(vault.secrets.size).toBe(0);
    expect(existsSync(join(dataDir, 'history', a.id))).toBe(false);
    expect(core.services.settings.read()).toMatchObject({ accounts: [], budgets: {} });
  });

  describe('replacing a key', () => {
    it('checks the new key, tests it with one call, stores it and keeps the history and budget', async () => {
      const info = await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: KEY, baseUrl });
      await core.sync.run([info.id]);
      core.budgets.set(info.id, { monthlyMicros: 100_000_000, dailyMicros: null, thresholds: [50, 100], projects: {} });
      const daysBefore = core.queries.dashboard({ accountId: info.id, range: '30d', groupBy: 'model' }).daily.points;
      expect(daysBefore.some((p) => p.totalMicros > 0)).toBe(true);
      core.services.history.writeState(info.id, {
        ...core.services.history.readState(info.id),
        lastError: { code: 'invalid_key', message: 'revoked' },
      });
      const requestsBefore = server.requests.length;

      const replaced = await core.accounts.replaceKey('Acme', NEW_KEY);

      expect(replaced).toMatchObject({ id: info.id, name: 'Acme', keyHint: 'sk-admin-…dddd' });
      expect(server.requests.length - requestsBefore).toBe(1);
      expect(server.requests.at(-1)?.key).toBe(NEW_KEY);
      expect(vault.secrets.get(`account:${info.id}`)).toBe(NEW_KEY);
      expect(core.accounts.list()).toEqual([replaced]);
      expect(core.services.settings.read().budgets[info.id]).toMatchObject({ monthlyMicros: 100_000_000 });
      expect(core.services.history.readState(info.id).lastError).toBeNull();
      expect(core.queries.dashboard({ accountId: info.id, range: '30d', groupBy: 'model' }).daily.points).toEqual(
        daysBefore,
      );
    });

    it.each([
      ['sk-proj-aaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'wrong_key_type'],
      ['sk-admin-revokedrevokedrevokedrevoked', 'invalid_key'],
    ])('refuses %s and keeps the old key', async (apiKey, code) => {
      const info = await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: KEY, baseUrl });
      await expect(core.accounts.replaceKey(info.id, apiKey)).rejects.toMatchObject({ code });
      expect(vault.secrets.get(`account:${info.id}`)).toBe(KEY);
      expect(core.accounts.list()[0].keyHint).toBe(info.keyHint);
    });

    it("judges the key by the account's provider: an OpenAI key is refused for an Anthropic account", async () => {
      core.services.settings.update((s) => {
        s.accounts.push({
          id: 'acc_anthropic0000001',
          name: 'Claude',
          provider: 'anthropic',
          baseUrl,
          keyHint: 'sk-ant-admin…zzzz',
          createdAt: new Date().toISOString(),
        });
      });
      await expect(core.accounts.replaceKey('Claude', NEW_KEY)).rejects.toMatchObject({
        code: 'wrong_key_type',
        message: expect.stringMatching(/OpenAI key/),
      });
      expect(server.requests).toHaveLength(0);
    });
  });
});
