/**
 * The Anthropic fake for "who spent it", through HTTP: the messages usage report groups by api_key_id (and
 * workspace_id, model, service_tier) with the other fields null and coinciding rows summed; API keys are listed
 * as the fact sheet (../shared/reference/anthropic-admin-api.md) describes them, paged by after_id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeAnthropicServer, type FakeAnthropicOrganisation } from '../fake-anthropic/fake-anthropic-server';

const KEY = 'sk-ant-admin01-attribution';
const DAY = '2026-03-01';

function organisation(): FakeAnthropicOrganisation {
  return {
    workspaces: [{ id: 'wrkspc_01Research', name: 'Research' }],
    costs: {},
    usage: {
      [DAY]: [
        {
          model: 'claude-sonnet-4',
          uncachedInput: 1000,
          cacheRead: 200,
          output: 300,
          apiKeyId: 'apikey_01Alpha',
          workspaceId: 'wrkspc_01Research',
        },
        {
          model: 'claude-opus-4',
          uncachedInput: 50,
          cacheRead: 0,
          output: 10,
          apiKeyId: 'apikey_01Alpha',
          workspaceId: 'wrkspc_01Research',
          serviceTier: 'priority',
        },
        { model: 'claude-sonnet-4', uncachedInput: 7, cacheRead: 1, output: 2, apiKeyId: 'apikey_01Beta' },
        { model: 'claude-sonnet-4', uncachedInput: 3, cacheRead: 0, output: 1 }, // the Console: no key
      ],
    },
    apiKeys: [
      {
        id: 'apikey_01Alpha',
        name: 'Research prod',
        workspaceId: 'wrkspc_01Research',
        createdBy: { id: 'user_01Ada', type: 'user' },
        createdAt: '2025-10-30T23:58:27.427722Z',
      },
      { id: 'apikey_01Beta', name: 'Default workspace key', partialKeyHint: 'sk-ant-api03-R2D...igAA' },
      { id: 'apikey_01Gamma', name: 'Old key', status: 'archived' },
    ],
  };
}

describe('the Anthropic fake: usage by API key, and API keys', () => {
  let server: FakeAnthropicServer;
  let baseUrl: string;

  beforeEach(async () => {
    server = new FakeAnthropicServer({ [KEY]: organisation() });
    baseUrl = await server.start();
  });
  afterEach(() => server.stop()); // fails on any request outside the fact sheet

  async function get<T = unknown>(path: string, params: [string, string][] = []): Promise<{ status: number; body: T }> {
    const url = new URL(baseUrl + path);
    for (const [name, value] of params) url.searchParams.append(name, value);
    const res = await fetch(url, { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } });
    return { status: res.status, body: (await res.json()) as T };
  }
  const usage = async (...groups: string[]) => {
    const { status, body } = await get<{ data: { results: Record<string, unknown>[] }[] }>(
      '/organizations/usage_report/messages',
      [
        ['starting_at', `${DAY}T00:00:00Z`],
        ['ending_at', '2026-03-02T00:00:00Z'],
        ...groups.map((g): [string, string] => ['group_by[]', g]),
      ],
    );
    expect(status).toBe(200);
    return body.data[0].results;
  };

  it('groups usage by api_key_id alone: one result per key (no key included), the rest null', async () => {
    const results = await usage('api_key_id');
    expect(
      results.map((r) => [r.api_key_id, r.uncached_input_tokens, r.cache_read_input_tokens, r.output_tokens]),
    ).toEqual([
      ['apikey_01Alpha', 1050, 200, 310],
      ['apikey_01Beta', 7, 1, 2],
      [null, 3, 0, 1],
    ]);
    for (const r of results)
      expect([r.workspace_id, r.model, r.service_tier, r.context_window]).toEqual([null, null, null, null]);
  });

  it('groups by api_key_id, workspace_id, model and service_tier together: each row its own result', async () => {
    const results = await usage('api_key_id', 'workspace_id', 'model', 'service_tier');
    expect(results.map((r) => [r.api_key_id, r.workspace_id, r.model, r.service_tier])).toEqual([
      ['apikey_01Alpha', 'wrkspc_01Research', 'claude-sonnet-4', 'standard'],
      ['apikey_01Alpha', 'wrkspc_01Research', 'claude-opus-4', 'priority'],
      ['apikey_01Beta', null, 'claude-sonnet-4', 'standard'],
      [null, null, 'claude-sonnet-4', 'standard'],
    ]);
    // By model only (the older request): the keys merge, api_key_id null.
    expect((await usage('model')).map((r) => [r.model, r.uncached_input_tokens, r.api_key_id])).toEqual([
      ['claude-sonnet-4', 1010, null],
      ['claude-opus-4', 50, null],
    ]);
  });

  it('lists API keys as the fact sheet describes them, paged by after_id and filtered', async () => {
    const first = await get('/organizations/api_keys', [['limit', '2']]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      data: [
        {
          type: 'api_key',
          id: 'apikey_01Alpha',
          name: 'Research prod',
          created_at: '2025-10-30T23:58:27.427722Z',
          created_by: { id: 'user_01Ada', type: 'user' },
          partial_key_hint: 'sk-ant-api03-...lpha',
          status: 'active',
          workspace_id: 'wrkspc_01Research',
        },
        {
          type: 'api_key',
          id: 'apikey_01Beta',
          name: 'Default workspace key',
          created_at: '2025-01-01T00:00:00Z',
          created_by: { id: 'user_01Admin', type: 'user' },
          partial_key_hint: 'sk-ant-api03-R2D...igAA',
          status: 'active',
          workspace_id: null,
        },
      ],
      has_more: true,
      first_id: 'apikey_01Alpha',
      last_id: 'apikey_01Beta',
    });
    const next = await get('/organizations/api_keys', [
      ['limit', '2'],
      ['after_id', 'apikey_01Beta'],
    ]);
    expect(next.body).toMatchObject({
      has_more: false,
      first_id: 'apikey_01Gamma',
      data: [{ id: 'apikey_01Gamma', status: 'archived' }],
    });
    type Keys = { data: { id: string }[] };
    expect(
      (
        await get<Keys>('/organizations/api_keys', [
          ['status', 'active'],
          ['workspace_id', 'wrkspc_01Research'],
        ])
      ).body.data.map((k) => k.id),
    ).toEqual(['apikey_01Alpha']);
    expect((await get<Keys>('/organizations/api_keys', [['limit', '1000']])).body.data).toHaveLength(3);
  });

  it('records requests outside the fact sheet', async () => {
    expect((await get('/organizations/api_keys', [['limit', '1001']])).status).toBe(400);
    await get('/organizations/api_keys', [['page', 'x']]);
    await get('/organizations/api_keys', [['status', 'revoked']]);
    expect(server.contractViolations).toEqual([
      'request api_keys: limit 1001 outside 1..1000',
      'request api_keys: unknown parameter page',
      'request api_keys: status revoked is not allowed',
    ]);
    server.contractViolations.length = 0;
  });
});
