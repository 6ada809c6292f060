/**
 * The "who spent it" organisation (test/fake-openai/organisations.ts) and the fake's grouping, through real HTTP:
 * usage agrees with the cost quantities, amounts are quantity × the exported unit prices, and group_by merges as
 * the real API does. Expected figures are worked out here with BigInt, not with the fake's or the app's arithmetic.
 * (Beside the contract tests because test/fake-openai holds no test project of its own.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FakeOpenAiServer,
  type FakeCost,
  type FakeOrganisation,
  type FakeUsage,
} from '../fake-openai/fake-openai-server';
import { ATTRIBUTED_UNIT_PRICES, attributedOrganisation, utcDay } from '../fake-openai/organisations';

const NOW = new Date('2026-03-15T18:30:00Z');
const DAYS = 40;
const KEY = `sk-admin-attributed${'x'.repeat(20)}`;
const SCALE = 12;

/** A decimal string → integer units of 10^-SCALE dollars. */
function units(text: string): bigint {
  const [int, frac = ''] = text.split('.');
  return BigInt(int + frac.padEnd(SCALE, '0'));
}

/** quantity × the line item's unit price, in units of 10^-SCALE dollars. */
function priced(lineItem: string, quantity: number): bigint {
  const { usd, per } = ATTRIBUTED_UNIT_PRICES[lineItem];
  return (BigInt(quantity) * units(usd)) / BigInt(per);
}

/** The line item a usage row's tokens are billed under, as organisations.ts documents it. */
function lineItemOf(u: FakeUsage, kind: string): string {
  const suffix = u.batch ? ' (batch)' : u.serviceTier && u.serviceTier !== 'default' ? ` (${u.serviceTier})` : '';
  return `${u.model}, ${kind}${suffix}`;
}

/** (project, key, line item) → quantity, from the usage rows of a day. */
function quantitiesFromUsage(
  usage: { project_id: string | null; api_key_id: string | null; u: FakeUsage }[],
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: string, n: number) => n && out.set(key, (out.get(key) ?? 0) + n);
  for (const { project_id, api_key_id, u } of usage) {
    const at = (kind: string) => JSON.stringify([project_id, api_key_id, lineItemOf(u, kind)]);
    add(at('input'), u.inputTokens - (u.cachedTokens ?? 0));
    add(at('cached input'), u.cachedTokens ?? 0);
    add(at('output'), u.outputTokens);
  }
  return out;
}

describe('attributedOrganisation', () => {
  const org = attributedOrganisation(DAYS, NOW);
  const days = Array.from({ length: DAYS }, (_, i) => utcDay(i - (DAYS - 1), NOW));

  it('has the people, keys and projects a "who spent it" view needs', () => {
    expect(org.projects.map((p) => p.id)).toEqual(['proj_web', 'proj_data', 'proj_lab']);
    expect(org.users).toHaveLength(4);
    expect(org.apiKeys).toHaveLength(5);
    const usage = Object.values(org.usage).flat();
    const costs = Object.values(org.costs).flat();
    expect(usage.some((u) => u.userId === null && u.apiKeyId !== null)).toBe(true); // a service account's key
    expect(org.apiKeys!.filter((k) => k.owner?.type === 'service_account')).toHaveLength(1);
    expect(costs.some((c) => c.apiKeyId === null)).toBe(true); // unattributed spend
    expect(usage.some((u) => u.batch) && usage.some((u) => u.serviceTier === 'priority')).toBe(true);
    // One user with no key usage: neither in usage nor owning a used key.
    const idle = org.users!.filter((user) => !usage.some((u) => u.userId === user.id));
    expect(idle.map((u) => u.id)).toEqual(['user-katherine']);
    const idleKey = org.apiKeys!.find((k) => k.owner?.type === 'user' && k.owner.id === 'user-katherine')!;
    expect(idleKey.lastUsedAt).toBeNull();
    expect(costs.some((c) => c.apiKeyId === idleKey.id)).toBe(false);
    for (const key of org.apiKeys!.filter((k) => k !== idleKey))
      expect(key.lastUsedAt).toBeLessThanOrEqual(NOW.getTime() / 1000);
    expect(days.filter((d) => !org.costs[d]).length).toBeGreaterThan(0); // days with no spend
  });

  it('agrees with itself: usage tokens are the cost quantities, amounts are quantity × the unit prices', () => {
    let checked = 0;
    for (const day of days) {
      const costs = org.costs[day] ?? [];
      const tokenRows = costs.filter((c) => c.lineItem !== 'web search tool calls');
      const billed = new Map(tokenRows.map((c) => [JSON.stringify([c.projectId, c.apiKeyId, c.lineItem]), c.quantity]));
      const used = quantitiesFromUsage(
        (org.usage[day] ?? []).map((u) => ({ project_id: u.projectId ?? null, api_key_id: u.apiKeyId ?? null, u })),
      );
      expect(billed).toEqual(used);
      expect(billed.size).toBe(tokenRows.length); // one row per (project, key, line item)
      for (const c of costs) {
        expect(units(c.value as string)).toBe(priced(c.lineItem!, c.quantity!));
        expect(c.quantityUnit).toBe(c.lineItem === 'web search tool calls' ? null : 'tokens');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('is deterministic', () => {
    expect(attributedOrganisation(DAYS, NOW)).toEqual(org);
  });
});

interface CostResult {
  amount: { value: string; currency: string };
  line_item: string | null;
  project_id: string | null;
  api_key_id: string | null;
  quantity: number | null;
  quantity_unit: string | null;
}
interface UsageResult {
  input_tokens: number;
  input_cached_tokens: number;
  output_tokens: number;
  num_model_requests: number;
  project_id: string | null;
  user_id: string | null;
  api_key_id: string | null;
  model: string;
  batch: boolean;
  service_tier: string;
}
interface Page<T> {
  data: { start_time: number; results: T[] }[];
  next_page: string | null;
}

describe('the fake groups as the real API does (through HTTP)', () => {
  let server: FakeOpenAiServer;
  let baseUrl: string;
  let org: FakeOrganisation;
  const start = Date.parse(`${utcDay(-(DAYS - 1), NOW)}T00:00:00Z`) / 1000;
  const end = start + DAYS * 86_400;

  beforeEach(async () => {
    org = attributedOrganisation(DAYS, NOW);
    server = new FakeOpenAiServer({ [KEY]: org });
    baseUrl = await server.start();
  });
  afterEach(() => server.stop()); // fails on any request or answer outside the spec

  async function get<T = unknown>(path: string, params: [string, string][] = []): Promise<{ status: number; body: T }> {
    const url = new URL(baseUrl + path);
    for (const [name, value] of params) url.searchParams.append(name, value);
    const res = await fetch(url, { headers: { authorization: `Bearer ${KEY}` } });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Every bucket of the window, following next_page; day → results. */
  async function buckets<T>(path: string, params: [string, string][], limit: number): Promise<Map<string, T[]>> {
    const out = new Map<string, T[]>();
    let page: string | null = null;
    do {
      const query: [string, string][] = [
        ['start_time', String(start)],
        ['end_time', String(end)],
        ['limit', String(limit)],
        ...params,
      ];
      if (page) query.push(['page', page]);
      const { status, body }: { status: number; body: Page<T> } = await get<Page<T>>(path, query);
      expect(status).toBe(200);
      for (const bucket of body.data)
        out.set(new Date(bucket.start_time * 1000).toISOString().slice(0, 10), bucket.results);
      page = body.next_page;
    } while (page);
    expect(out.size).toBe(DAYS);
    return out;
  }
  const groupBy = (...fields: string[]): [string, string][] => fields.map((f) => ['group_by[]', f]);
  const sum = (rows: FakeCost[]) => rows.reduce((total, r) => total + units(r.value as string), 0n);

  it('grouped by line item, project and API key: every row as given', async () => {
    const results = await buckets<CostResult>(
      '/organization/costs',
      groupBy('line_item', 'project_id', 'api_key_id'),
      180,
    );
    for (const [day, got] of results) {
      const rows = org.costs[day] ?? [];
      expect(got).toEqual(
        rows.map((r) => ({
          object: 'organization.costs.result',
          amount: { value: r.value, currency: 'usd' },
          line_item: r.lineItem,
          project_id: r.projectId,
          quantity: r.quantity,
          quantity_unit: r.quantityUnit,
          api_key_id: r.apiKeyId,
        })),
      );
    }
  });

  it('grouped by API key alone: one result per key (no key included), summed exactly, other fields null', async () => {
    const results = await buckets<CostResult>('/organization/costs', groupBy('api_key_id'), 180);
    let keyed = 0;
    for (const [day, got] of results) {
      const rows = org.costs[day] ?? [];
      const keys = [...new Set(rows.map((r) => r.apiKeyId ?? null))];
      expect(got.map((r) => r.api_key_id)).toEqual(keys);
      for (const result of got) {
        const mine = rows.filter((r) => (r.apiKeyId ?? null) === result.api_key_id);
        expect(units(result.amount.value)).toBe(sum(mine));
        expect(result.quantity).toBe(mine.reduce((q, r) => q + r.quantity!, 0));
        // Tokens and web search calls summed together have no single unit.
        expect(result.quantity_unit).toBe(mine.every((r) => r.quantityUnit === 'tokens') ? 'tokens' : null);
        expect([result.line_item, result.project_id]).toEqual([null, null]);
        keyed++;
      }
    }
    expect(keyed).toBeGreaterThan(100);
    const someDay = [...results.values()].find((r) => r.length)!;
    expect(someDay.find((r) => r.api_key_id === 'key_web_prod')!.quantity_unit).toBeNull();
    expect(someDay.find((r) => r.api_key_id === 'key_data_batch')!.quantity_unit).toBe('tokens');
  });

  it('grouped by line item and project (the older request): keys of the same line item merge', async () => {
    const results = await buckets<CostResult>('/organization/costs', groupBy('line_item', 'project_id'), 180);
    const day = utcDay(0, NOW);
    const rows = org.costs[day].filter((r) => r.projectId === 'proj_web' && r.lineItem === 'gpt-4o-2024-08-06, input');
    expect(rows.map((r) => r.apiKeyId)).toEqual(['key_web_prod', 'key_web_ada']);
    const merged = results
      .get(day)!
      .filter((r) => r.project_id === 'proj_web' && r.line_item === 'gpt-4o-2024-08-06, input');
    expect(merged).toHaveLength(1);
    expect(units(merged[0].amount.value)).toBe(sum(rows));
    expect(merged[0]).toMatchObject({
      quantity: rows[0].quantity! + rows[1].quantity!,
      quantity_unit: 'tokens',
      api_key_id: null,
    });
    const total = [...results.values()].flat().reduce((t, r) => t + units(r.amount.value), 0n);
    expect(total).toBe(sum(Object.values(org.costs).flat()));
  });

  it('filters costs by api_key_ids and project_ids; ungrouped, one exact total a day', async () => {
    const byKey = await buckets<CostResult>(
      '/organization/costs',
      [
        ...groupBy('line_item', 'project_id', 'api_key_id'),
        ['api_key_ids[]', 'key_web_ada'],
        ['api_key_ids[]', 'key_lab_grace'],
      ],
      180,
    );
    const flat = [...byKey.values()].flat();
    expect(new Set(flat.map((r) => r.api_key_id))).toEqual(new Set(['key_web_ada', 'key_lab_grace']));
    const byProject = await buckets<CostResult>(
      '/organization/costs',
      [...groupBy('project_id'), ['project_ids[]', 'proj_data']],
      180,
    );
    expect(new Set([...byProject.values()].flat().map((r) => r.project_id))).toEqual(new Set(['proj_data']));
    const ungrouped = await buckets<CostResult>('/organization/costs', [], 180);
    for (const [day, got] of ungrouped) {
      const rows = org.costs[day] ?? [];
      expect(got).toHaveLength(rows.length ? 1 : 0);
      if (rows.length) expect(units(got[0].amount.value)).toBe(sum(rows));
    }
  });

  it('usage grouped by key, project, model, batch and tier matches the costs grouped by line item, project and key', async () => {
    const usage = await buckets<UsageResult>(
      '/organization/usage/completions',
      groupBy('project_id', 'api_key_id', 'model', 'batch', 'service_tier'),
      31,
    );
    const costs = await buckets<CostResult>(
      '/organization/costs',
      groupBy('line_item', 'project_id', 'api_key_id'),
      180,
    );
    for (const [day, results] of usage) {
      const used = quantitiesFromUsage(
        results.map((r) => ({
          project_id: r.project_id,
          api_key_id: r.api_key_id,
          u: {
            model: r.model,
            inputTokens: r.input_tokens,
            cachedTokens: r.input_cached_tokens,
            outputTokens: r.output_tokens,
            requests: r.num_model_requests,
            batch: r.batch,
            serviceTier: r.service_tier,
          },
        })),
      );
      const billed = new Map(
        costs
          .get(day)!
          .filter((r) => r.quantity_unit === 'tokens')
          .map((r) => [JSON.stringify([r.project_id, r.api_key_id, r.line_item]), r.quantity]),
      );
      expect(billed).toEqual(used);
      for (const r of results) expect(r.user_id).toBeNull();
    }
  });

  it('usage grouped by user: service accounts come back as user null, sums match; filters work', async () => {
    const byUser = await buckets<UsageResult>('/organization/usage/completions', groupBy('user_id'), 31);
    for (const [day, got] of byUser) {
      const rows = org.usage[day] ?? [];
      expect(got.map((r) => r.user_id)).toEqual([...new Set(rows.map((u) => u.userId ?? null))]);
      for (const r of got) {
        const mine = rows.filter((u) => (u.userId ?? null) === r.user_id);
        expect(r).toMatchObject({
          input_tokens: mine.reduce((t, u) => t + u.inputTokens, 0),
          input_cached_tokens: mine.reduce((t, u) => t + (u.cachedTokens ?? 0), 0),
          output_tokens: mine.reduce((t, u) => t + u.outputTokens, 0),
          num_model_requests: mine.reduce((t, u) => t + u.requests, 0),
          project_id: null,
          api_key_id: null,
          model: null,
          batch: null,
          service_tier: null,
        });
      }
    }
    expect([...byUser.values()].flat().some((r) => r.user_id === null)).toBe(true);
    const batchOnly = [
      ...(
        await buckets<UsageResult>(
          '/organization/usage/completions',
          [...groupBy('api_key_id', 'batch'), ['batch', 'true']],
          31,
        )
      ).values(),
    ].flat();
    expect(new Set(batchOnly.map((r) => `${r.api_key_id} ${r.batch}`))).toEqual(new Set(['key_data_batch true']));
    const grace = [
      ...(
        await buckets<UsageResult>(
          '/organization/usage/completions',
          [...groupBy('model'), ['user_ids[]', 'user-grace'], ['models[]', 'gpt-4o-2024-08-06']],
          31,
        )
      ).values(),
    ].flat();
    const want = Object.values(org.usage)
      .flat()
      .filter((u) => u.userId === 'user-grace' && u.model === 'gpt-4o-2024-08-06');
    expect(grace.reduce((t, r) => t + r.output_tokens, 0)).toBe(want.reduce((t, u) => t + u.outputTokens, 0));
  });

  it("lists each project's API keys with their owners, paged; users paged; an unknown project is a 404", async () => {
    const first = await get<{ data: unknown[] }>('/organization/projects/proj_web/api_keys', [
      ['limit', '1'],
      ['owner_project_access', 'any'],
    ]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'list',
      first_id: 'key_web_prod',
      last_id: 'key_web_prod',
      has_more: true,
    });
    expect(first.body.data[0]).toMatchObject({
      object: 'organization.project.api_key',
      id: 'key_web_prod',
      name: 'Web backend (production)',
      owner: { type: 'service_account', service_account: { id: 'svc_acct_web', name: 'web-backend' } },
    });
    const second = await get('/organization/projects/proj_web/api_keys', [
      ['limit', '1'],
      ['after', 'key_web_prod'],
    ]);
    expect(second.body).toMatchObject({
      has_more: false,
      data: [
        {
          id: 'key_web_ada',
          owner: { type: 'user', user: { id: 'user-ada', email: 'ada@example.com', role: 'owner' } },
        },
      ],
    });
    const lab = await get<{ data: { id: string; last_used_at: number | null }[] }>(
      '/organization/projects/proj_lab/api_keys',
    );
    expect(lab.body.data.map((k) => [k.id, k.last_used_at === null])).toEqual([
      ['key_lab_grace', false],
      ['key_lab_katherine', true],
    ]);
    const missing = await get('/organization/projects/proj_nope/api_keys');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        message: "No project found with id 'proj_nope'.",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });

    const users = await get('/organization/users', [['limit', '3']]);
    expect(users.body).toMatchObject({ object: 'list', has_more: true, last_id: 'user-alan' });
    const rest = await get('/organization/users', [
      ['limit', '3'],
      ['after', 'user-alan'],
    ]);
    expect(rest.body).toMatchObject({
      has_more: false,
      data: [
        {
          object: 'organization.user',
          id: 'user-katherine',
          name: 'Katherine Johnson',
          email: 'katherine@example.com',
          role: 'reader',
        },
      ],
    });
    expect((await get('/organization/users', [['limit', '101']])).status).toBe(400);
    server.contractViolations.length = 0; // the out-of-range limit above was on purpose
  });
});
