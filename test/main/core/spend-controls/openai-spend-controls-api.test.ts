/**
 * The spend-control client against the loopback fake: exact bodies in cents (checked against the
 * reference OpenAPI's request schemas), answers checked against its response schemas, org and project
 * scope, the enforcing state, and a read-only key refused clearly with nothing changed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/main/core/errors';
import { OpenAiSpendControls } from '../../../../src/main/core/spend-controls/openai-spend-controls-api';
import { schemaErrors, schemaNameFor, specPathFor } from '../../../contracts/spend-controls-schemas';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../../fake-openai/organisations';
import { FAST_RETRY, recordingSleep } from '../../../support/fast-retry';

const KEY = 'sk-admin-spendctl-aaaaaaaaaaaaaaaa';
const READ_ONLY = 'sk-admin-spendctl-readonly-bbbbbbbb';

describe('OpenAiSpendControls', () => {
  const org = smallOrganisation(5);
  const server = new FakeOpenAiServer({ [KEY]: org, [READ_ONLY]: org });
  let baseUrl = '';
  const client = (key = KEY) =>
    new OpenAiSpendControls({ apiKey: key, baseUrl, retry: FAST_RETRY, sleep: recordingSleep().sleep });

  beforeAll(async () => {
    baseUrl = await server.start();
    server.readOnlyKeys.add(READ_ONLY);
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.clearLog();
    org.spendControls = { limits: {}, alerts: {} };
  });

  /** Every request sent and every answer given must match the reference OpenAPI. */
  function expectAllMatchSpec() {
    expect(server.requests.length).toBeGreaterThan(0);
    for (const r of server.requests) {
      const path = specPathFor(r.path);
      if (r.method === 'POST')
        expect(schemaErrors(schemaNameFor(path, r.method, 'request'), r.body), `${r.method} ${r.path} request`).toEqual(
          [],
        );
      if (r.status === 200)
        expect(schemaErrors(schemaNameFor(path, r.method, '200'), r.response), `${r.method} ${r.path} answer`).toEqual(
          [],
        );
      else expect(schemaErrors('ErrorResponse', r.response), `${r.method} ${r.path} error`).toEqual([]);
    }
  }

  it('reads no limit, sets one in integer cents, reads it back, and removes it (organisation)', async () => {
    const api = client();
    expect(await api.getLimit(null)).toBeNull();
    expect(await api.setLimit(null, 75_000)).toEqual({ cents: 75_000, enforcing: false });
    expect(await api.getLimit(null)).toEqual({ cents: 75_000, enforcing: false });
    const post = server.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/v1/organization/spend_limit');
    expect(post.body).toEqual({ threshold_amount: 75_000, currency: 'USD', interval: 'month' });
    await api.removeLimit(null);
    expect(await api.getLimit(null)).toBeNull();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/organization/spend_limit',
      'POST /v1/organization/spend_limit',
      'GET /v1/organization/spend_limit',
      'DELETE /v1/organization/spend_limit',
      'GET /v1/organization/spend_limit',
    ]);
    expectAllMatchSpec();
  });

  it('uses the project paths for a project, and reports the enforcing state', async () => {
    const api = client();
    await api.setLimit('proj_alpha', 12_345);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/organization/projects/proj_alpha/spend_limit',
      body: { threshold_amount: 12_345, currency: 'USD', interval: 'month' },
    });
    expect(org.spendControls!.limits).toEqual({ proj_alpha: { cents: 12_345, enforcing: false } });
    org.spendControls!.limits.proj_alpha.enforcing = true;
    expect(await api.getLimit('proj_alpha')).toEqual({ cents: 12_345, enforcing: true });
    expect(await api.getLimit(null)).toBeNull();
    expectAllMatchSpec();
  });

  it('lists, creates, updates and deletes email alerts in both scopes, paging through long lists', async () => {
    const api = client();
    const created = await api.createEmailAlert(null, 50_000, ['ops@example.com', 'cfo@example.com']);
    expect(server.requests[0].body).toEqual({
      threshold_amount: 50_000,
      currency: 'USD',
      interval: 'month',
      notification_channel: { type: 'email', recipients: ['ops@example.com', 'cfo@example.com'] },
    });
    expect(created).toMatchObject({ cents: 50_000, recipients: ['ops@example.com', 'cfo@example.com'] });
    const updated = await api.updateEmailAlert(null, created.id, 60_000, ['ops@example.com']);
    expect(updated).toEqual({ id: created.id, cents: 60_000, recipients: ['ops@example.com'] });
    expect(server.requests.at(-1)!.path).toBe(`/v1/organization/spend_alerts/${created.id}`);

    for (let i = 1; i <= 120; i++)
      org.spendControls!.alerts.proj_beta = [
        ...(org.spendControls!.alerts.proj_beta ?? []),
        { id: `spend_alert_p${i}`, cents: i * 100, recipients: ['a@example.com'] },
      ];
    const projectAlerts = await api.listEmailAlerts('proj_beta');
    expect(projectAlerts).toHaveLength(120);
    expect(server.requestsTo('/organization/projects/proj_beta/spend_alerts')).toHaveLength(2);
    await api.deleteEmailAlert('proj_beta', 'spend_alert_p7');
    expect((await api.listEmailAlerts('proj_beta')).map((a) => a.id)).not.toContain('spend_alert_p7');
    expect(await api.listEmailAlerts(null)).toEqual([updated]);
    await api.deleteEmailAlert(null, created.id);
    expect(await api.listEmailAlerts(null)).toEqual([]);
    expectAllMatchSpec();
  });

  it('refuses a change with a read-only key, naming the missing permission, and changes nothing', async () => {
    org.spendControls!.limits.org = { cents: 100_000 };
    const api = client(READ_ONLY);
    expect(await api.getLimit(null)).toEqual({ cents: 100_000, enforcing: false });
    const refused = await api.setLimit(null, 50_000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('forbidden');
    expect((refused as AppError).message).toMatch(
      /can read but not change OpenAI's spend limits.*api\.organization\.spend_limits\.write.*Nothing was changed/,
    );
    await expect(api.removeLimit(null)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(api.createEmailAlert(null, 100, ['a@example.com'])).rejects.toMatchObject({ code: 'forbidden' });
    expect(org.spendControls!.limits.org).toEqual({ cents: 100_000 });
    expect(org.spendControls!.alerts.org ?? []).toEqual([]);
    // Refusals are not retried: one request each.
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(3);
    expectAllMatchSpec();
  });

  it('refuses amounts that are not whole cents without sending anything', async () => {
    const api = client();
    await expect(api.setLimit(null, 750.5)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.setLimit(null, 0)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.createEmailAlert(null, 1.25, ['a@example.com'])).rejects.toMatchObject({ code: 'invalid_input' });
    expect(server.requests).toHaveLength(0);
  });

  it('does not retry creating an email alert after a server error, so it is never created twice', async () => {
    server.addFault({ path: '/spend_alerts', kind: 'status', status: 500 });
    await expect(client().createEmailAlert(null, 100, ['a@example.com'])).rejects.toMatchObject({
      code: 'server_error',
    });
    expect(server.requests).toHaveLength(1);
    server.addFault({ path: '/spend_limit', kind: 'status', status: 500 });
    expect(await client().setLimit(null, 100)).toEqual({ cents: 100, enforcing: false });
    expect(server.requestsTo('/spend_limit')).toHaveLength(2);
  });

  it('rejects a malformed answer', async () => {
    server.addFault({
      path: '/spend_limit',
      kind: 'status',
      status: 200,
      body: { object: 'organization.spend_limit', threshold_amount: '750' },
    });
    await expect(client().getLimit(null)).rejects.toMatchObject({ code: 'malformed_response' });
  });
});
