/**
 * Pages sized to fit: an organisation whose 180-day Costs page is larger than the client reads in one answer
 * (a 150 × 15 organisation against 64 MB; here the cap is made small so the test data stays small). The client
 * asks again for fewer days, down to one, remembers what fits, and the result is exact.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../../../src/main/core/providers/openai/openai-provider';
import { AppError } from '../../../../src/main/core/errors';
import { FakeOpenAiServer, type FakeOrganisation } from '../../../fake-openai/fake-openai-server';
import { FAST_RETRY } from '../../../support/fast-retry';
import { expectedSumMicros } from '../../../support/expected-money';
import { exactToMicros } from '../../../../src/shared/money';

const CAP = 256 * 1024;

function wideOrganisation(days: number, linesPerDay: number): FakeOrganisation {
  const costs: FakeOrganisation['costs'] = {};
  for (let i = 0; i < days; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    costs[day] = Array.from({ length: linesPerDay }, (_, k) => ({
      projectId: `proj_${k % 150}`,
      lineItem: `model-${k % 15}, input`,
      value: `0.${String(1000 + ((i * 31 + k) % 9000))}01`,
    }));
  }
  return { projects: [], costs, usage: {} };
}

describe('Costs pages sized to fit', () => {
  let server: FakeOpenAiServer;
  let baseUrl: string;
  const key = (n: number) => `sk-admin-pagesize${n}${'x'.repeat(20)}`;

  beforeEach(async () => {
    server = new FakeOpenAiServer({ [key(1)]: wideOrganisation(200, 60), [key(2)]: wideOrganisation(3, 3000) });
    baseUrl = await server.start();
  });
  afterEach(() => server.stop());

  it('asks again with fewer days until the answer fits, never fails forever, and stays exact', async () => {
    const org = server.keys[key(1)] as FakeOrganisation;
    const provider = new OpenAiProvider({ apiKey: key(1), baseUrl, retry: FAST_RETRY, maxResponseBytes: CAP });
    const result = await provider.fetchCosts({ from: '2026-01-01', toExclusive: '2026-07-20' });
    const got = [...result.days.values()].flat().reduce((sum, row) => sum + row.amount, 0n);
    const want = expectedSumMicros(
      Object.values(org.costs)
        .flat()
        .map((c) => c.value as string),
    );
    expect(exactToMicros(got)).toBe(Number(want));
    expect(result.days.size).toBe(200);
    const limits = server.requestsTo('/organization/costs').map((r) => Number(r.query.get('limit')));
    // A 2-day page, then one sized by bytes (here the whole rest), which is too large for the cap: halved until it fits.
    expect(limits.slice(0, 3)).toEqual([2, 180, 90]);
    expect(Math.min(...limits.slice(1))).toBeLessThan(180);
    // What fits is remembered: the next sync of the same account starts from it and never asks for 180 again.
    server.clearLog();
    await new OpenAiProvider({ apiKey: key(1), baseUrl, retry: FAST_RETRY, maxResponseBytes: CAP }).fetchCosts({
      from: '2026-01-01',
      toExclusive: '2026-07-20',
    });
    const again = server.requestsTo('/organization/costs').map((r) => Number(r.query.get('limit')));
    expect(Math.max(...again)).toBeLessThan(180);
    expect(again.length).toBeLessThan(limits.length); // no answer too large this time
  });

  it('reads a single day larger than a page is read up to, as far as the client reads any answer', async () => {
    // A day of 3,000 rows (~400 KB): over a page's 64 KB, under the client's cap of 1 MB.
    const provider = new OpenAiProvider({
      apiKey: key(2),
      baseUrl,
      retry: FAST_RETRY,
      maxResponseBytes: 1024 * 1024,
      costsPageBytes: 64 * 1024,
    });
    const result = await provider.fetchCosts({ from: '2026-01-01', toExclusive: '2026-01-04' });
    expect([...result.days.values()].map((rows) => rows.length)).toEqual([3000, 3000, 3000]);
    const limits = server.requestsTo('/organization/costs').map((r) => Number(r.query.get('limit')));
    // Halved to one day, then that day asked once more with the client's own cap; the next days start from one.
    expect(limits.slice(0, 4)).toEqual([3, 2, 1, 1]);
  });

  it('a single day larger than the cap fails with a message that does not blame the server', async () => {
    const provider = new OpenAiProvider({ apiKey: key(2), baseUrl, retry: FAST_RETRY, maxResponseBytes: CAP });
    const error = await provider.fetchCosts({ from: '2026-01-01', toExclusive: '2026-01-04' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('malformed_response');
    expect((error as AppError).message).toMatch(
      /^OpenAI's costs for a single day are larger than the 256 KB Spendwatch reads/,
    );
    expect((error as AppError).message).not.toMatch(/too large to be real/);
    // Halving stops at one day: a bounded number of requests, not one per retry forever.
    expect(server.requestsTo('/organization/costs').map((r) => Number(r.query.get('limit')))).toEqual([3, 2, 1]);
  });

  it('reads a month of usage grouped by user that is too large for one answer, in smaller pages, every row kept', async () => {
    // 31 days × 400 users' rows (~60 KB a day): a month is several times the 256 KB cap.
    const usage: FakeOrganisation['usage'] = {};
    for (let i = 0; i < 31; i++) {
      const day = new Date(Date.UTC(2026, 2, 1) + i * 86_400_000).toISOString().slice(0, 10);
      usage[day] = Array.from({ length: 400 }, (_, u) => ({
        model: 'gpt-4o',
        userId: `user-${u}`,
        apiKeyId: `key_${u % 7}`,
        inputTokens: 1000 + u,
        outputTokens: 10 + i,
        requests: 1,
      }));
    }
    const k = key(3);
    server.keys[k] = { projects: [], costs: {}, usage };
    const provider = new OpenAiProvider({ apiKey: k, baseUrl, retry: FAST_RETRY, maxResponseBytes: CAP });
    const result = await provider.fetchUsage({ from: '2026-03-01', toExclusive: '2026-04-01' });
    expect([...result.values()].map((rows) => rows.length)).toEqual(Array(31).fill(400));
    expect([...result.values()].flat().reduce((sum, r) => sum + r.inputTokens, 0)).toBe(
      31 * (400 * 1000 + (399 * 400) / 2),
    );
    const limits = server.requestsTo('/organization/usage/completions').map((r) => Number(r.query.get('limit')));
    expect(limits[0]).toBe(31);
    expect(Math.min(...limits)).toBeLessThan(31);
  });
});
