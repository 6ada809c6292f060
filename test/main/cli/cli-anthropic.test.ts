/** The CLI with an Anthropic organisation (the fake Anthropic Admin API): add, sync, status, export, key checks. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAnthropicServer } from '../../fake-anthropic/fake-anthropic-server';
import { anthropicOrganisation } from '../../fake-anthropic/organisations';
import { utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { microsText } from '../../support/expected-money';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = `sk-ant-admin01-${'a'.repeat(20)}${Date.now()}`;

/** Oracle: exact sum of cent strings, as dollars rounded once half-even to micros (BigInt at 1e-20 cents). */
function centsToMicros(cents: string[]): bigint {
  const scale = 20;
  let sum = 0n;
  for (const c of cents) {
    const [i, f = ''] = c.split('.');
    sum += BigInt(i) * 10n ** BigInt(scale) + BigInt(f.padEnd(scale, '0'));
  }
  const unit = 10n ** BigInt(scale - 4); // cents × 10^scale → micro-dollars: divide by 10^(scale−4)
  let micros = sum / unit;
  const rest = sum % unit;
  if (rest * 2n > unit || (rest * 2n === unit && micros % 2n === 1n)) micros += 1n;
  return micros;
}

describe.runIf(keychain)('spendwatch CLI with an Anthropic organisation', () => {
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-anthropic-'));
  const org = anthropicOrganisation(45);
  let server: FakeAnthropicServer;
  let baseUrl: string;

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeAnthropicServer({ [KEY]: org });
    baseUrl = await server.start();
  });
  afterAll(async () => {
    await runCli(['accounts', 'remove', 'Claude Org'], { home });
    await server.stop();
  });

  it('refuses an OpenAI key for Anthropic, an ordinary Anthropic key, and an Anthropic key for OpenAI, before any request', async () => {
    const openAiKey = await runCli(
      ['accounts', 'add', '--provider', 'anthropic', '--name', 'X', '--base-url', baseUrl],
      { home, input: 'sk-admin-abcdefabcdefabcdefabcdef' },
    );
    expect(openAiKey.code).toBe(1);
    expect(openAiKey.stderr).toMatch(/OpenAI key/);
    const ordinary = await runCli(
      ['accounts', 'add', '--provider', 'anthropic', '--name', 'X', '--base-url', baseUrl],
      { home, input: 'sk-ant-api03-abcdefabcdefabcdefabcdef' },
    );
    expect(ordinary.code).toBe(1);
    expect(ordinary.stderr).toMatch(/cannot read cost data/);
    const reverse = await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'X', '--base-url', baseUrl], {
      home,
      input: KEY,
    });
    expect(reverse.code).toBe(1);
    expect(reverse.stderr).toMatch(/Anthropic key/);
    expect(reverse.stderr).not.toContain(KEY);
    expect(server.requests).toHaveLength(0);
    const badUrl = await runCli(
      ['accounts', 'add', '--provider', 'anthropic', '--name', 'X', '--base-url', baseUrl.replace(/\/v1$/, '')],
      { home, input: KEY },
    );
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/must end in \/v1/);
  });

  it('adds the account after one test call, and syncs it exactly to the micro-dollar from cents, by workspace with names', async () => {
    const add = await runCli(
      ['accounts', 'add', '--provider', 'anthropic', '--name', 'Claude Org', '--base-url', baseUrl],
      { home, input: KEY },
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(server.requests).toHaveLength(1);

    const r = await runCli(['sync', '--json'], { home });
    expect(r.code).toBe(0);
    const account = JSON.parse(r.stdout).accounts[0];
    expect(account).toMatchObject({ name: 'Claude Org', provider: 'anthropic', error: null, warning: null });
    const month = utcDay(0).slice(0, 7);
    const rows = Object.entries(org.costs)
      .filter(([day]) => day.startsWith(month))
      .flatMap(([, d]) => d);
    expect(account.monthToDate.amount).toBe(microsText(centsToMicros(rows.map((row) => row.cents))));
    const byWorkspace = Object.fromEntries(
      account.byProject.map((p: { id: string; name: string; amount: string }) => [p.id, [p.name, p.amount]]),
    );
    expect(byWorkspace).toEqual({
      wrkspc_01Research: [
        'Research',
        microsText(
          centsToMicros(rows.filter((row) => row.workspaceId === 'wrkspc_01Research').map((row) => row.cents)),
        ),
      ],
      wrkspc_01Support: [
        'Support bot',
        microsText(centsToMicros(rows.filter((row) => row.workspaceId === 'wrkspc_01Support').map((row) => row.cents))),
      ],
      default: [
        'Default workspace',
        microsText(centsToMicros(rows.filter((row) => row.workspaceId === null).map((row) => row.cents))),
      ],
    });
    expect(account.byModel.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['claude-sonnet-4', 'claude-opus-4', 'web search']),
    );
  });

  it('polls incrementally with one cost report request', async () => {
    server.clearLog();
    expect((await runCli(['sync'], { home })).code).toBe(0);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/organizations/cost_report']);
  });

  it("says plainly that Anthropic has no spend controls, and never asks it for OpenAI's", async () => {
    const r = await runCli(['limit', 'get', '--account', 'Claude Org'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Anthropic has no spend limit/);
  });

  it('exports its rows in dollars with the workspace names', async () => {
    const csv = await runCli(['export', '--format', 'csv', '--from', utcDay(0), '--to', utcDay(0)], { home });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/Claude Org,default,Default workspace,"claude-opus-4, input tokens",0\.\d+,usd/);
  });
});
