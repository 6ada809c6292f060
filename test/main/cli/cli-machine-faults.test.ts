/**
 * Faults of a real machine through the real CLI: a server that echoes the account's key (of either provider's
 * shape) in its error, key-shaped text pasted into an invoice number, and a machine clock that ran 40 days ahead
 * and was then corrected (each CLI process gets its own clock through the test clock preload). Nothing key-shaped
 * reaches any file, and polling never stops.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../fake-openai/organisations';
import { addMonths } from '../../../src/shared/dates';
import { clockAt } from '../../support/clock-env';
import { ensureCliBuilt, runCli } from '../../support/cli';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
// A dash within the first 8 characters: the shape the old redaction rule let through.
const KEY = `sk-admin-a-${'Zq9'.repeat(12)}${Date.now()}`;
const ANTHROPIC_SHAPED = `sk-ant-admin01-${'Xy_8'.repeat(23)}-AbCdEfAA`;
// Pasted by mistake into an invoice number (64 characters at most): a project key with an early dash.
const PASTED = `sk-proj-7-${'Pw3_'.repeat(11)}`;

function textUnder(dir: string): string {
  if (!existsSync(dir)) return '';
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

describe.runIf(keychain)('the CLI against machine faults', () => {
  let server: FakeOpenAiServer;
  let baseUrl: string;

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [KEY]: smallOrganisation(30) });
    baseUrl = await server.start();
  });
  afterAll(() => server?.stop());

  it('a server echoing the key (any shape) in its error: the key is in no file and no output', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-echo-'));
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Echo', '--base-url', baseUrl], {
          home,
          input: KEY,
        })
      ).code,
    ).toBe(0);
    const echo = {
      error: {
        message: `Incorrect API key provided: ${KEY}. Also seen: ${ANTHROPIC_SHAPED}`,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    };
    server.addFault({ path: '/organization/costs', kind: 'status', status: 401, body: echo, times: 1 });
    const sync = await runCli(['sync', '--json'], { home });
    expect(sync.code).toBe(1);
    const status = await runCli(['status'], { home });
    const invoice = await runCli(
      [
        'invoice',
        'add',
        '--account',
        'Echo',
        '--month',
        addMonths(utcDay(0).slice(0, 7), -1),
        '--total',
        '10',
        '--number',
        `INV ${PASTED}`,
      ],
      { home },
    );
    expect(invoice.code).toBe(0);
    const list = await runCli(['invoice', 'list', '--json'], { home });
    const everything = [sync.stdout, sync.stderr, status.stdout, status.stderr, list.stdout, textUnder(home)].join(
      '\n',
    );
    for (const secret of [
      KEY,
      ANTHROPIC_SHAPED,
      PASTED,
      KEY.slice(9, 30),
      ANTHROPIC_SHAPED.slice(15, 40),
      PASTED.slice(8, 30),
    ])
      expect(everything).not.toContain(secret);
    expect(everything).toContain('sk-ant-admin01-…EfAA');
    await runCli(['accounts', 'remove', 'Echo'], { home });
  });

  it('a clock that ran 40 days ahead and was corrected: status says stale, and the next sync polls', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-jump-'));
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Jump', '--base-url', baseUrl], {
          home,
          input: KEY,
        })
      ).code,
    ).toBe(0);
    const ahead = new Date(Date.now() + 40 * 86_400_000).toISOString();
    expect((await runCli(['sync'], { home, env: clockAt(ahead) })).code).toBe(0);
    // Back to the right time: the "future" success is stale, and the sync is due now, not in 40 days.
    const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    expect(status.accounts[0].stale).toBe(true);
    server.clearLog();
    const sync = JSON.parse((await runCli(['sync', '--json'], { home })).stdout);
    expect(server.requestsTo('/organization/costs').length).toBeGreaterThan(0);
    expect(sync.accounts[0].stale).toBe(false);
    // And set back years, before the backfill: no reversed range is asked for, the sync succeeds.
    server.clearLog();
    expect((await runCli(['sync'], { home, env: clockAt('2024-02-29T12:00:00Z') })).code).toBe(0);
    for (const r of server.requestsTo('/organization/costs'))
      expect(Number(r.query.get('end_time'))).toBeGreaterThan(Number(r.query.get('start_time')));
    await runCli(['accounts', 'remove', 'Jump'], { home });
  });
});
