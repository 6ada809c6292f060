import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../../../src/main/core/providers/openai/openai-provider';
import { AppError } from '../../../../src/main/core/errors';
import { FakeOpenAiServer, type FakeOrganisation } from '../../../fake-openai/fake-openai-server';
import { FAST_RETRY, recordingSleep } from '../../../support/fast-retry';
import { exactToDecimal, parseExact } from '../../../../src/shared/money';

const KEY = 'sk-admin-testkey0000000000000000001111';

function org(): FakeOrganisation {
  const costs: FakeOrganisation['costs'] = {};
  // 400 days so that paging (180 buckets a page) takes three pages.
  for (let i = 0; i < 400; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    if (i % 7 === 3) continue; // empty days
    costs[day] = [
      { projectId: 'proj_a', lineItem: 'gpt-4o, input', value: 0.1234565, quantity: 100 }, // > 6 decimals, half → even
      { projectId: 'proj_b', lineItem: 'gpt-4o, output', value: '3.14159265' }, // string amount
    ];
  }
  return {
    projects: Array.from({ length: 150 }, (_, i) => ({
      id: `proj_${i}`,
      name: `Project ${i}`,
      archived: i % 10 === 0,
    })),
    costs,
    usage: { '2025-01-02': [{ model: 'gpt-4o', inputTokens: 10, outputTokens: 5, requests: 2 }] },
  };
}

describe('OpenAiProvider against the loopback fake', () => {
  let server: FakeOpenAiServer;
  let baseUrl: string;
  const provider = (extra: Partial<ConstructorParameters<typeof OpenAiProvider>[0]> = {}) =>
    new OpenAiProvider({ apiKey: KEY, baseUrl, retry: FAST_RETRY, sleep: recordingSleep().sleep, ...extra });

  beforeEach(async () => {
    server = new FakeOpenAiServer({
      [KEY]: org(),
      'sk-admin-revoked000000000000000000000': 'revoked',
      'sk-admin-noscope00000000000000000000': 'no-scope',
    });
    baseUrl = await server.start();
  });
  afterEach(() => server.stop());

  it('requests costs as specified and follows next_page until null', async () => {
    const p = provider();
    const result = await p.fetchCosts({ from: '2025-01-01', toExclusive: '2026-02-05' });
    const calls = server.requestsTo('/organization/costs');
    // Longer than a month: a 2-day page first, then as many days as fit the target answer size (here all 180).
    expect(calls.map((c) => c.query.get('limit'))).toEqual(['2', '180', '180', '180']);
    expect(calls[0].query.getAll('group_by[]')).toEqual(['line_item', 'project_id', 'api_key_id']);
    expect(calls[0].query.get('bucket_width')).toBe('1d');
    expect(calls[0].query.get('start_time')).toBe(String(Date.UTC(2025, 0, 1) / 1000));
    expect(calls[0].key).toBe(KEY);
    expect(calls[1].query.get('page')).toBeTruthy();
    expect(p.requestCount).toBe(4);
    expect(result.days.size).toBe(400);
    expect(result.currency).toBe('usd');
  });

  it('asks for a range of up to a month (every incremental poll) in one page', async () => {
    for (const days of [1, 4, 31]) {
      server.clearLog();
      const to = new Date(Date.UTC(2025, 0, 1 + days)).toISOString().slice(0, 10);
      await provider().fetchCosts({ from: '2025-01-01', toExclusive: to });
      expect(server.requestsTo('/organization/costs').map((c) => c.query.get('limit'))).toEqual([String(days)]);
    }
  });

  it('keeps number and string amounts exactly as sent, and keeps empty days', async () => {
    const { days } = await provider().fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-08' });
    expect(days.get('2025-01-01')).toEqual([
      {
        projectId: 'proj_a',
        lineItem: 'gpt-4o, input',
        amount: parseExact('0.1234565'),
        currency: 'usd',
        quantity: 100,
        quantityUnit: 'tokens',
      },
      {
        projectId: 'proj_b',
        lineItem: 'gpt-4o, output',
        amount: parseExact('3.14159265'),
        currency: 'usd',
        quantity: null,
      },
    ]);
    expect(exactToDecimal(days.get('2025-01-01')![0].amount)).toBe('0.1234565');
    expect(days.get('2025-01-04')).toEqual([]);
  });

  it('lists project names across pages, archived ones included', async () => {
    const names = await provider().listProjects();
    expect(names.size).toBe(150);
    expect(names.get('proj_10')).toBe('Project 10');
    const calls = server.requestsTo('/organization/projects');
    expect(calls).toHaveLength(2);
    expect(calls[0].query.get('include_archived')).toBe('true');
    expect(calls[1].query.get('after')).toBe('proj_99');
  });

  it('reads completions usage by model, daily', async () => {
    const usage = await provider().fetchUsage({ from: '2025-01-01', toExclusive: '2025-01-03' });
    expect(usage.get('2025-01-02')).toEqual([
      {
        model: 'gpt-4o',
        inputTokens: 10,
        outputTokens: 5,
        cachedTokens: 0,
        requests: 2,
        batch: false,
        serviceTier: 'default',
      },
    ]);
    // Grouped by everything a breakdown (by user, key, project) or a savings hint (batch, tier) reads, in one request.
    expect(server.requestsTo('/organization/usage/completions')[0].query.getAll('group_by[]')).toEqual([
      'model',
      'project_id',
      'user_id',
      'api_key_id',
      'batch',
      'service_tier',
    ]);
  });

  it('retries a 429, waiting what Retry-After says', async () => {
    const { waits, sleep } = recordingSleep();
    server.addFault({
      path: '/costs',
      kind: 'status',
      status: 429,
      retryAfter: 2,
      body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    });
    const p = provider({ sleep });
    await p.fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' });
    expect(waits).toEqual([2000]);
    expect(p.requestCount).toBe(2);
  });

  it('retries a 500 and then succeeds', async () => {
    server.addFault({ path: '/costs', kind: 'status', status: 500 });
    const p = provider();
    const result = await p.fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' });
    expect(result.days.get('2025-01-01')).toHaveLength(2);
    expect(p.requestCount).toBe(2);
  });

  it('gives up after the retry budget with a server_error', async () => {
    server.addFault({ path: '/costs', kind: 'status', status: 503, times: 10 });
    const p = provider();
    await expect(p.fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' })).rejects.toMatchObject({
      code: 'server_error',
    });
    expect(p.requestCount).toBe(FAST_RETRY.maxAttempts);
  });

  it('does not wait out an absurd Retry-After', async () => {
    server.addFault({ path: '/costs', kind: 'status', status: 429, retryAfter: 3600, times: 5 });
    const p = provider();
    await expect(p.fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(p.requestCount).toBe(1);
  });

  it('does not retry insufficient_quota', async () => {
    server.addFault({
      path: '/costs',
      kind: 'status',
      status: 429,
      body: {
        error: {
          message: 'You exceeded your current quota',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      },
    });
    const p = provider();
    await expect(p.fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' })).rejects.toMatchObject({
      code: 'insufficient_quota',
    });
    expect(p.requestCount).toBe(1);
  });

  it('times out a silent server and reports it', async () => {
    server.addFault({ path: '/costs', kind: 'delay', delayMs: 1500, times: 10 });
    const p = provider({ timeoutMs: 200, retry: { ...FAST_RETRY, maxAttempts: 2 } });
    const error = (await p
      .fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' })
      .catch((e: unknown) => e)) as AppError;
    expect(error).toMatchObject({ code: 'timeout' });
    expect(error.message).toMatch(/^OpenAI did not answer within 200 ms\. Check your internet connection;/);
    expect(error.detail).toContain(new URL(baseUrl).host);
    expect(p.requestCount).toBe(2);
  });

  it('retries a truncated JSON body, and reports malformed_response if it persists', async () => {
    server.addFault({ path: '/costs', kind: 'truncated' });
    await expect(provider().fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' })).resolves.toBeTruthy();
    server.addFault({ path: '/costs', kind: 'truncated', times: 10 });
    await expect(provider().fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' })).rejects.toMatchObject({
      code: 'malformed_response',
    });
  });

  it('rejects a response of the wrong shape with a clear error', async () => {
    server.addFault({ path: '/costs', kind: 'bad-shape' });
    const error = await provider()
      .fetchCosts({ from: '2025-01-01', toExclusive: '2025-01-02' })
      .catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('malformed_response');
    expect((error as AppError).message).toMatch(/data/);
  });

  it('classifies revoked keys and missing scopes without retrying, never echoing the key', async () => {
    const revoked = new OpenAiProvider({ apiKey: 'sk-admin-revoked000000000000000000000', baseUrl, retry: FAST_RETRY });
    const e1 = await revoked.testConnection().catch((e: AppError) => e);
    expect(e1).toMatchObject({ code: 'invalid_key' });
    expect(revoked.requestCount).toBe(1);
    expect(String((e1 as Error).message)).not.toContain('revoked000000');
    const noScope = new OpenAiProvider({ apiKey: 'sk-admin-noscope00000000000000000000', baseUrl, retry: FAST_RETRY });
    await expect(noScope.testConnection()).rejects.toMatchObject({ code: 'missing_scope' });
  });

  it('reports offline when nothing listens, in words with the fix, the host and system code only in the detail', async () => {
    await server.stop();
    const p = provider({ retry: { ...FAST_RETRY, maxAttempts: 2 } });
    const error = (await p.testConnection().catch((e: unknown) => e)) as AppError;
    expect(error).toMatchObject({ code: 'offline' });
    expect(error.message).toBe(
      'Spendwatch could not reach OpenAI. Check your internet connection or proxy; Spendwatch will try again automatically.',
    );
    expect(error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    const host = new URL(baseUrl).host;
    expect(error.toInfo()).toEqual({
      code: 'offline',
      message: error.message,
      detail: `Cannot reach ${host} (ECONNREFUSED).`,
    });
  });
});

describe('OpenAI response validation', () => {
  it('accepts spec-valid pages without the constant object tags, and rejects wrong tags', async () => {
    const { costsPageSchema, costsBucketSchema, costsResultSchema } =
      await import('../../../../src/main/core/providers/openai/schemas');
    const minimal = {
      data: [
        {
          start_time: 0,
          end_time: 86400,
          results: [{ amount: { value: 1, currency: 'USD' }, line_item: null, project_id: null }],
        },
      ],
      next_page: null,
    };
    expect(costsPageSchema.parse(minimal).data).toHaveLength(1);
    expect(costsBucketSchema.parse(minimal.data[0]).dayTime).toBe(43_200); // the middle of the day it covers
    expect(costsResultSchema.parse(minimal.data[0].results[0]).amount?.value).toBe(1);
    expect(costsPageSchema.safeParse({ ...minimal, object: 'list' }).success).toBe(false);
    expect(costsPageSchema.safeParse({ ...minimal, data: 'not-a-list' }).success).toBe(false);
    expect(costsBucketSchema.safeParse({ ...minimal.data[0], object: 'page' }).success).toBe(false);
    expect(costsResultSchema.safeParse({ amount: { value: { nested: 1 } } }).success).toBe(false);
  });
});
