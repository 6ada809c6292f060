/**
 * replaceAccountKey through the dispatcher the app and the harness use: bad input and keys the provider
 * refuses change nothing; a good key is tested against the loopback fake, stored, and open views reload.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpc } from '../../../src/main/handlers/dispatch';
import { createIpcHandlers } from '../../../src/main/handlers/handlers';
import { settingsFile } from '../../../src/main/core/paths';
import { OpenAiProvider } from '../../../src/main/core/providers/openai/openai-provider';
import { JsonFileStore } from '../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch, type TestSpendwatch } from '../../support/test-spendwatch';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../fake-openai/organisations';
import { FakeKeychain } from '../../support/fake-vault';
import { FAST_RETRY } from '../../support/fast-retry';
import { TestClock } from '../../support/test-clock';

const OLD = 'sk-admin-old-aaaaaaaaaaaaaaaa';
const NEW = 'sk-admin-new-bbbbbbbbbbbbbbbb';

describe('replaceAccountKey over IPC', () => {
  let server: FakeOpenAiServer;
  let core: TestSpendwatch;
  let vault: FakeKeychain;
  let events: string[];
  let handlers: ReturnType<typeof createIpcHandlers>;
  let accountId: string;

  beforeEach(async () => {
    server = new FakeOpenAiServer({ [OLD]: smallOrganisation(3), [NEW]: smallOrganisation(3) });
    const baseUrl = await server.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-account-ipc-'));
    vault = new FakeKeychain();
    core = createTestSpendwatch({
      dataDir,
      vault,
      clock: new TestClock(new Date()),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
      createProvider: (account, apiKey) => new OpenAiProvider({ apiKey, baseUrl: account.baseUrl, retry: FAST_RETRY }),
    });
    accountId = (await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: OLD, baseUrl })).id;
    events = [];
    core.onEvent((event, payload) => events.push(`${event}:${(payload as { reason?: string }).reason ?? ''}`));
    handlers = createIpcHandlers(core, { openExternal: () => undefined });
  });
  afterEach(() => server.stop());

  it('refuses bad input and wrong key types, changing nothing', async () => {
    for (const input of [
      { accountId, apiKey: 'short' },
      { accountId: '../x', apiKey: NEW },
      { accountId, apiKey: 'sk-proj-cccccccccccccccccccc' },
      { accountId, apiKey: 'x'.repeat(501) },
    ]) {
      const result = await dispatchIpc(handlers, 'replaceAccountKey', input);
      expect(result.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
    }
    expect(vault.secrets.get(`account:${accountId}`)).toBe(OLD);
    expect(events).toEqual([]);
  });

  it('stores a key that passes its test call, and tells open views', async () => {
    const result = await dispatchIpc(handlers, 'replaceAccountKey', { accountId, apiKey: NEW });
    expect(result).toMatchObject({ ok: true, value: { id: accountId, keyHint: 'sk-admin-…bbbb' } });
    expect(vault.secrets.get(`account:${accountId}`)).toBe(NEW);
    expect(events).toContain('snapshotChanged:accounts');
    expect(JSON.stringify(result)).not.toContain(NEW);
  });
});
