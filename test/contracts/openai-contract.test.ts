import { describe, expect, it } from 'vitest';
import { requestViolations, responseViolations } from './openai-contract';

const page = (results: unknown[], extra: Record<string, unknown> = {}) => ({
  object: 'page',
  data: [{ object: 'bucket', start_time: 0, end_time: 86_400, results }],
  has_more: false,
  next_page: null,
  ...extra,
});
const result = (amount: unknown) => ({
  object: 'organization.costs.result',
  amount,
  line_item: 'gpt-4o, input',
  project_id: null,
});

describe('OpenAI contract (published spec, loosened only where live behaviour differs)', () => {
  it('accepts spec-shaped costs and the live shapes: string amounts, the decimal128 zero, extra fields', () => {
    expect(responseViolations('/organization/costs', page([result({ value: 1.5, currency: 'usd' })]))).toEqual([]);
    expect(
      responseViolations(
        '/organization/costs',
        page([result({ value: '0E-6176', currency: 'usd' }), result({ value: '4.5E-7', currency: 'usd' })]),
      ),
    ).toEqual([]);
    const live = {
      ...result({ value: '0.00003420000000000000000000000000000000', currency: 'usd' }),
      project_name: 'Web',
      organization_id: 'org-1',
      user_email: null,
    };
    expect(responseViolations('/organization/costs', page([live], { extra: true }))).toEqual([]);
    expect(responseViolations('/organization/costs', page([{ object: 'organization.costs.result' }]))).toEqual([]); // every field but object is optional
  });

  it('rejects what the spec rules out, so the fake cannot drift', () => {
    expect(
      responseViolations('/organization/costs', page([result({ value: { cents: 1 }, currency: 'usd' })])),
    ).not.toEqual([]);
    expect(responseViolations('/organization/costs', page([result({ value: 'twelve', currency: 'usd' })]))).not.toEqual(
      [],
    );
    expect(responseViolations('/organization/costs', { object: 'page', data: [], next_page: null })).not.toEqual([]); // has_more required
    expect(responseViolations('/organization/costs', page([{ amount: { value: 1 } }]))).not.toEqual([]); // no object tag
    expect(
      responseViolations('/organization/projects', { object: 'list', data: [{ id: 1 }], has_more: false }),
    ).not.toEqual([]);
  });

  it('checks the client side: parameter names, types, enums, required ones and documented limits', () => {
    const ok = new URLSearchParams([
      ['start_time', '1740787200'],
      ['end_time', '1741046400'],
      ['bucket_width', '1d'],
      ['group_by[]', 'line_item'],
      ['group_by[]', 'project_id'],
      ['limit', '180'],
    ]);
    expect(requestViolations('/organization/costs', ok)).toEqual([]);
    expect(requestViolations('/organization/costs', new URLSearchParams({ end_time: '1' }))).toContain(
      'request /organization/costs: required start_time missing',
    );
    expect(
      requestViolations('/organization/costs', new URLSearchParams({ start_time: '1', limit: '181' })),
    ).toHaveLength(1);
    expect(
      requestViolations(
        '/organization/costs',
        new URLSearchParams([
          ['start_time', '1'],
          ['group_by[]', 'model'],
        ]),
      ),
    ).toHaveLength(1);
    expect(requestViolations('/organization/costs', new URLSearchParams({ start_time: 'yesterday' }))).toHaveLength(1);
    expect(
      requestViolations('/organization/costs', new URLSearchParams({ start_time: '1', bucket_width: '1h' })),
    ).toHaveLength(1);
    expect(
      requestViolations('/organization/costs', new URLSearchParams({ start_time: '1', cursor: 'x' })),
    ).toHaveLength(1);
  });
});

describe('OpenAI contract: who spent it (API keys, users, group_by api_key_id)', () => {
  const owner = {
    type: 'user',
    user: { id: 'user-1', email: 'a@example.com', name: 'A', created_at: 1_700_000_000, role: 'owner' },
  };
  const key = {
    object: 'organization.project.api_key',
    redacted_value: 'sk-proj-****abcd',
    name: 'Prod',
    created_at: 1_700_000_000,
    last_used_at: null,
    id: 'key_1',
    owner_project_access: 'active',
    owner,
  };
  const list = (data: unknown[]) => ({ object: 'list', data, first_id: null, last_id: null, has_more: false });
  const user = {
    object: 'organization.user',
    id: 'user-1',
    name: 'A',
    email: 'a@example.com',
    role: 'owner',
    added_at: 1_700_000_000,
  };

  it('checks project API key lists at their concrete path, against the template', () => {
    const path = '/organization/projects/proj_1/api_keys';
    expect(responseViolations(path, list([key]))).toEqual([]);
    const serviceAccount = {
      type: 'service_account',
      service_account: { id: 'svc_acct_1', name: 'bot', created_at: 1_700_000_000, role: 'member' },
    };
    expect(responseViolations(path, list([{ ...key, owner: serviceAccount }]))).toEqual([]);
    expect(responseViolations(path, list([{ ...key, object: 'organization.api_key' }]))).not.toEqual([]);
    expect(responseViolations(path, list([{ ...key, owner_project_access: undefined }]))).not.toEqual([]); // required
    // The owner's details sit under `user`, with created_at and role: a flat owner is not the spec's.
    expect(
      responseViolations(
        path,
        list([{ ...key, owner: { type: 'user', user: { id: 'user-1', name: 'A', email: 'a@example.com' } } }]),
      ),
    ).not.toEqual([]);
    expect(responseViolations(path, list([{ ...key, owner: { type: 'robot' } }]))).not.toEqual([]);
  });

  it('checks user lists', () => {
    expect(responseViolations('/organization/users', list([user]))).toEqual([]);
    expect(responseViolations('/organization/users', list([{ ...user, added_at: undefined }]))).not.toEqual([]); // required
    expect(responseViolations('/organization/users', list([{ ...user, object: 'user' }]))).not.toEqual([]);
    expect(responseViolations('/organization/users', { object: 'list', data: [user] })).not.toEqual([]); // has_more required
  });

  it("knows which fields each endpoint groups by, and the new endpoints' documented limits", () => {
    const costs = (...extra: [string, string][]) => new URLSearchParams([['start_time', '1'], ...extra]);
    expect(
      requestViolations(
        '/organization/costs',
        costs(
          ['group_by[]', 'line_item'],
          ['group_by[]', 'project_id'],
          ['group_by[]', 'api_key_id'],
          ['api_key_ids[]', 'key_1'],
        ),
      ),
    ).toEqual([]);
    expect(requestViolations('/organization/costs', costs(['group_by[]', 'user_id']))).toHaveLength(1);
    const usage = (...extra: [string, string][]) => new URLSearchParams([['start_time', '1'], ...extra]);
    expect(
      requestViolations(
        '/organization/usage/completions',
        usage(
          ['group_by[]', 'user_id'],
          ['group_by[]', 'api_key_id'],
          ['group_by[]', 'service_tier'],
          ['batch', 'true'],
          ['limit', '31'],
        ),
      ),
    ).toEqual([]);
    expect(requestViolations('/organization/usage/completions', usage(['limit', '32']))).toHaveLength(1);
    expect(
      requestViolations('/organization/usage/completions', usage(['bucket_width', '1h'], ['limit', '168'])),
    ).toEqual([]);
    expect(requestViolations('/organization/usage/embeddings', usage(['limit', '32']))).toHaveLength(1);
    const keys = '/organization/projects/proj_1/api_keys';
    expect(
      requestViolations(keys, new URLSearchParams({ limit: '100', after: 'key_1', owner_project_access: 'any' })),
    ).toEqual([]);
    expect(requestViolations(keys, new URLSearchParams({ limit: '101' }))).toHaveLength(1);
    expect(requestViolations(keys, new URLSearchParams({ owner_project_access: 'all' }))).toHaveLength(1);
    expect(requestViolations('/organization/users', new URLSearchParams({ limit: '100', after: 'user-1' }))).toEqual(
      [],
    );
    expect(requestViolations('/organization/users', new URLSearchParams({ limit: '0' }))).toHaveLength(1);
  });
});

describe('the spec copy', () => {
  it('is the reference the project was given, when that reference is beside the clone', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const reference = new URL('../../../shared/reference/openai-admin-api.yaml', import.meta.url);
    if (!existsSync(reference)) return; // a clone on its own checks against its copy alone
    expect(readFileSync(new URL('./openai-admin-api.yaml', import.meta.url), 'utf8')).toBe(
      readFileSync(reference, 'utf8'),
    );
  });
});
