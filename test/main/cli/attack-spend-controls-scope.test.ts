/**
 * Adversarial pass on issue 11 (attack-11): an empty `--project` (a script's unset variable:
 * `--project "$PROJ"`) must never widen `limit`/`email-alerts` to the whole organisation — a hard limit there
 * stops every project's API requests. Real CLI processes against the loopback fake OpenAI server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('limit / email-alerts with an empty --project', () => {
  const key = `sk-admin-scope${Date.now()}xxxxxxxxxxxxxxxxxx`;
  const home = mkdtempSync(join(tmpdir(), 'sw-attack-scope-'));
  let server: FakeOpenAiServer;
  const cli = (...args: string[]) => runCli(args, { home });

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [key]: smallOrganisation(10) });
    const baseUrl = await server.start();
    const added = await runCli(
      ['accounts', 'add', '--provider', 'openai', '--name', 'Scope Org', '--base-url', baseUrl],
      { home, input: key },
    );
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    await cli('accounts', 'remove', 'Scope Org');
    await server.stop();
  });

  it.each([
    [['limit', 'set', '--monthly', '5']],
    [['limit', 'remove']],
    [['email-alerts', 'add', '--monthly', '5', '--email', 'ops@example.com']],
    [['limit', 'get']],
  ])('%j --project "" is refused with exit 2 and sends nothing to OpenAI', async (args) => {
    server.clearLog();
    const r = await cli(...args, '--account', 'Scope Org', '--project', '');
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--project|project/);
    expect(server.requests.filter((q) => /spend_(limit|alerts)/.test(q.path))).toEqual([]);
  });
});
