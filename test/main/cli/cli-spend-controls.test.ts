/**
 * `spendwatch limit …` and `spendwatch email-alerts …` as real processes against the loopback fake:
 * the exact bodies in cents, org and project scope, `limit get --json`, the enforcing state reaching the
 * next sync's alerts once, amounts that are not whole cents refused (exit 2), a read-only key refused
 * clearly (exit 1) with nothing changed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaErrors, schemaNameFor, specPathFor } from '../../contracts/spend-controls-schemas';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('spendwatch limit / email-alerts', () => {
  const stamp = Date.now();
  const key = `sk-admin-limits${stamp}xxxxxxxxxxxxxxxxxx`;
  const readOnlyKey = `sk-admin-limitsro${stamp}xxxxxxxxxxxxxxxx`;
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-limits-'));
  const org = smallOrganisation(20);
  const readOnlyOrg = smallOrganisation(20);
  let server: FakeOpenAiServer;
  const cli = (...args: string[]) => runCli(args, { home });
  const json = async (...args: string[]) => {
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [key]: org, [readOnlyKey]: readOnlyOrg });
    server.readOnlyKeys.add(readOnlyKey);
    const baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme Prod', '--base-url', baseUrl], {
          home,
          input: key,
        })
      ).code,
    ).toBe(0);
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme RO', '--base-url', baseUrl], {
          home,
          input: readOnlyKey,
        })
      ).code,
    ).toBe(0);
  });
  afterAll(async () => {
    await cli('accounts', 'remove', 'Acme Prod');
    await cli('accounts', 'remove', 'Acme RO');
    await server.stop();
    // Whatever went over the wire matches OpenAI's published request and response schemas.
    // (Injected faults are not OpenAI's answers: they have no recorded response.)
    for (const r of server.requests.filter((q) => /spend_(limit|alerts)/.test(q.path) && q.response !== undefined)) {
      const path = specPathFor(r.path);
      if (r.method === 'POST') expect(schemaErrors(schemaNameFor(path, r.method, 'request'), r.body)).toEqual([]);
      expect(
        schemaErrors(r.status === 200 ? schemaNameFor(path, r.method, '200') : 'ErrorResponse', r.response),
      ).toEqual([]);
    }
  });

  it('gets, sets (in integer cents) and removes the organisation hard limit', async () => {
    expect(await json('limit', 'get', '--account', 'Acme Prod', '--json')).toEqual({
      account: 'Acme Prod',
      project: null,
      limit: null,
      enforcing: false,
    });
    server.clearLog();
    const set = await cli('limit', 'set', '--account', 'Acme Prod', '--monthly', '750');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('OpenAI will reject API requests for Acme Prod once $750.00 is spent this month.');
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.path, r.body])).toEqual([
      ['/v1/organization/spend_limit', { threshold_amount: 75_000, currency: 'USD', interval: 'month' }],
    ]);
    expect(await json('limit', 'get', '--account', 'Acme Prod', '--json')).toEqual({
      account: 'Acme Prod',
      project: null,
      limit: { amount: '750.00', currency: 'usd' },
      enforcing: false,
    });
    expect((await cli('limit', 'remove', '--account', 'Acme Prod')).code).toBe(0);
    expect(org.spendControls!.limits.org).toBeUndefined();
    expect((await json('limit', 'get', '--account', 'Acme Prod', '--json')).limit).toBeNull();
  });

  it('refuses amounts that are not whole cents, and bad arguments, with exit 2 and no request', async () => {
    server.clearLog();
    for (const args of [
      ['limit', 'set', '--account', 'Acme Prod', '--monthly', '750.001'],
      ['limit', 'set', '--account', 'Acme Prod', '--monthly', '0'],
      ['limit', 'set', '--account', 'Acme Prod', '--monthly', 'lots'],
      ['limit', 'set', '--account', 'Acme Prod'],
      ['email-alerts', 'add', '--account', 'Acme Prod', '--monthly', '10.5', '--email', 'not-an-address'],
      ['email-alerts', 'add', '--account', 'Acme Prod', '--monthly', '10.555', '--email', 'ops@example.com'],
      ['email-alerts', 'remove', '--account', 'Acme Prod', '--id', '../x'],
    ]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('manages a project limit by project name or id', async () => {
    server.clearLog();
    expect(
      (await cli('limit', 'set', '--account', 'Acme Prod', '--project', 'Alpha app', '--monthly', '1,234.56')).code,
    ).toBe(0);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
      [
        '/v1/organization/projects/proj_alpha/spend_limit',
        { threshold_amount: 123_456, currency: 'USD', interval: 'month' },
      ],
    ]);
    expect(await json('limit', 'get', '--account', 'Acme Prod', '--project', 'proj_alpha', '--json')).toEqual({
      account: 'Acme Prod',
      project: { id: 'proj_alpha', name: 'Alpha app' },
      limit: { amount: '1234.56', currency: 'usd' },
      enforcing: false,
    });
    expect((await cli('limit', 'get', '--account', 'Acme Prod', '--project', 'No such project')).code).toBe(1);
    expect((await cli('limit', 'remove', '--account', 'Acme Prod', '--project', 'proj_alpha')).code).toBe(0);
    expect(org.spendControls!.limits.proj_alpha).toBeUndefined();
  });

  it('adds, lists and removes email alerts for the organisation and a project', async () => {
    server.clearLog();
    const added = await cli(
      'email-alerts',
      'add',
      '--account',
      'Acme Prod',
      '--monthly',
      '500',
      '--email',
      'ops@example.com, cfo@example.com',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(server.requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/v1/organization/spend_alerts',
      body: {
        threshold_amount: 50_000,
        currency: 'USD',
        interval: 'month',
        notification_channel: { type: 'email', recipients: ['ops@example.com', 'cfo@example.com'] },
      },
    });
    expect(
      (
        await cli(
          'email-alerts',
          'add',
          '--account',
          'Acme Prod',
          '--project',
          'Beta bot',
          '--monthly',
          '25.50',
          '--email',
          'beta@example.com',
        )
      ).code,
    ).toBe(0);
    expect(server.requests.filter((r) => r.method === 'POST').at(-1)).toMatchObject({
      path: '/v1/organization/projects/proj_beta/spend_alerts',
      body: { threshold_amount: 2550 },
    });

    const listed = await json('email-alerts', 'list', '--account', 'Acme Prod', '--json');
    expect(listed).toMatchObject({
      account: 'Acme Prod',
      project: null,
      alerts: [
        { threshold: { amount: '500.00', currency: 'usd' }, recipients: ['ops@example.com', 'cfo@example.com'] },
      ],
    });
    const projectList = await json(
      'email-alerts',
      'list',
      '--account',
      'Acme Prod',
      '--project',
      'proj_beta',
      '--json',
    );
    expect(projectList.project).toEqual({ id: 'proj_beta', name: 'Beta bot' });
    expect(projectList.alerts).toHaveLength(1);

    expect((await cli('email-alerts', 'remove', '--account', 'Acme Prod', '--id', listed.alerts[0].id)).code).toBe(0);
    expect((await json('email-alerts', 'list', '--account', 'Acme Prod', '--json')).alerts).toEqual([]);
    expect((await cli('email-alerts', 'remove', '--account', 'Acme Prod', '--id', 'spend_alert_nope')).code).toBe(1);
  });

  it('refuses a change with a read-only key, says what is missing, and changes nothing', async () => {
    readOnlyOrg.spendControls = { limits: { org: { cents: 100_000 } }, alerts: {} };
    expect((await json('limit', 'get', '--account', 'Acme RO', '--json')).limit).toEqual({
      amount: '1000.00',
      currency: 'usd',
    });
    for (const args of [
      ['limit', 'set', '--account', 'Acme RO', '--monthly', '50'],
      ['limit', 'remove', '--account', 'Acme RO'],
      ['email-alerts', 'add', '--account', 'Acme RO', '--monthly', '50', '--email', 'ops@example.com'],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /can read but not change OpenAI's spend limits and alerts: it needs the api\.organization\.spend_limits\.write permission\. Nothing was changed/,
      );
    }
    expect(readOnlyOrg.spendControls).toEqual({ limits: { org: { cents: 100_000 } }, alerts: {} });
  });

  it('a sync right after `limit get` reports an enforcing limit, once; status keeps it', async () => {
    org.spendControls!.limits.org = { cents: 1_000, enforcing: true };
    expect(await json('limit', 'get', '--account', 'Acme Prod', '--json')).toMatchObject({
      limit: { amount: '10.00' },
      enforcing: true,
    });
    server.clearLog();
    // Even if the sync's own check of the limit is refused, what `limit get` learned is what it uses.
    server.addFault({
      path: '/organization/spend_limit',
      kind: 'status',
      status: 403,
      body: { error: { message: 'Forbidden.', type: 'invalid_request_error', param: null, code: null } },
    });
    const first = await json('sync', '--json');
    const enforcing = first.alerts.filter((a: { kind: string }) => a.kind === 'openai-limit-enforcing');
    expect(enforcing).toHaveLength(1);
    expect(enforcing[0]).toMatchObject({
      account: 'Acme Prod',
      scope: 'account',
      severity: 'critical',
      title: 'OpenAI is blocking API requests for Acme Prod',
    });
    expect(server.requestsTo('/organization/spend_limit')).toHaveLength(1);
    const second = await json('sync', '--json');
    expect(second.alerts.filter((a: { kind: string }) => a.kind.startsWith('openai-limit'))).toEqual([]);
    const status = await json('status', '--json');
    expect(status.alerts.filter((a: { kind: string }) => a.kind === 'openai-limit-enforcing')).toHaveLength(1);
  });
});
