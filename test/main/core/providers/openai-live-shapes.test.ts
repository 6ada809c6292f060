/**
 * Replays of Costs bodies shaped like the live API's (recorded shapes: string amounts with ~40 digits, exponents,
 * the decimal128 zero, numbers with more digits than a double, extra fields, ISO times without a zone, missing
 * fields, another currency, a bucket delivered twice, one unusable row), and a live-shaped organisation.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../../../src/main/core/providers/openai/openai-provider';
import { exactToDecimal, exactToMicros } from '../../../../src/shared/money';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { FAST_RETRY } from '../../../support/fast-retry';
import { expectedSumMicros } from '../../../support/expected-money';

const KEY = 'sk-admin-livetest00000000000000000000';
const recording = (n: number) =>
  readFileSync(new URL(`../../../fake-openai/recordings/costs-live-page-${n}.json`, import.meta.url), 'utf8');

describe('OpenAI Costs as the live API sends them', () => {
  let server: FakeOpenAiServer;
  let provider: OpenAiProvider;

  beforeEach(async () => {
    server = new FakeOpenAiServer({ [KEY]: { projects: [], costs: {}, usage: {} } });
    const baseUrl = await server.start();
    provider = new OpenAiProvider({ apiKey: KEY, baseUrl, retry: FAST_RETRY });
    server.replays.set('/organization/costs', [recording(1), recording(2)]);
  });
  afterEach(() => server.stop());

  it('reads every recorded shape exactly and turns the one unusable row into a warning naming it', async () => {
    const result = await provider.fetchCosts({ from: '2025-03-01', toExclusive: '2025-03-04' });
    const day1 = result.days.get('2025-03-01')!;
    expect(day1.map((r) => [r.projectId, r.lineItem, exactToDecimal(r.amount), r.currency])).toEqual([
      ['proj_live', 'gpt-4o-mini-2024-07-18, input', '0.0000342', 'usd'],
      ['proj_live', 'gpt-4o-mini-2024-07-18, output', '0', 'usd'], // "0E-6176"
      [null, 'text-embedding-3-small', '0.0000001', 'usd'], // 1e-07 as a JSON number
      [null, null, '0.00000045', 'usd'], // "4.5E-7", project_id absent
      ['proj_live', 'web search tool calls', '0', 'usd'], // no amount: zero
      ['proj_other', 'gpt-4o-2024-08-06, input', '0.12345678901234567890123', 'usd'], // more digits than a double holds
    ]);
    // The 2nd of March came on both pages: counted once. The euro row is kept, apart; "abc" is skipped.
    expect(result.days.get('2025-03-02')!.map((r) => [exactToDecimal(r.amount), r.currency])).toEqual([
      ['12.3456785', 'usd'],
      ['1.5', 'eur'],
    ]);
    expect(result.days.get('2025-03-03')).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/2025-03-02.*proj_live.*gpt-4o-2024-08-06, input.*abc/);
    expect(Object.fromEntries(result.projectNames)).toEqual({ proj_live: 'Live app', proj_other: 'Other team' });
    // The "abc" row is outside the spec on purpose (the robustness case); it is the only thing that is.
    expect(server.contractViolations.length).toBeGreaterThan(0);
    expect(
      server.contractViolations.every((v) => /^response \/organization\/costs\/data\/[01]\/results\/2\b/.test(v)),
    ).toBe(true);
    server.contractViolations.length = 0;

    const usd = [...result.days.values()].flat().filter((r) => r.currency === 'usd');
    const exactTotal = usd.reduce((sum, r) => sum + r.amount, 0n);
    expect(exactToDecimal(exactTotal)).toBe('12.46917003901234567890123');
    expect(exactToMicros(exactTotal)).toBe(12_469_170);
    // The independent oracle agrees, from the recorded text itself.
    expect(exactToMicros(exactTotal)).toBe(
      Number(
        expectedSumMicros([
          '0.00003420000000000000000000000000000000',
          '0E-6176',
          '1e-07',
          '4.5E-7',
          '0.12345678901234567890123',
          '12.3456785000000000000000000000000000',
        ]),
      ),
    );
  });

  it('sends a User-Agent naming Spendwatch and its version', async () => {
    await provider.fetchCosts({ from: '2025-03-01', toExclusive: '2025-03-04' });
    server.contractViolations.length = 0; // the recording's deliberate "abc" row (see above)
    const version = (
      JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
    expect(server.requests[0].userAgent).toBe(`Spendwatch/${version}`);
  });

  it('fails the fetch only when the page itself is unreadable, and says so', async () => {
    server.replays.set('/organization/costs', ['{"object":"page","data":"nope","has_more":false,"next_page":null}']);
    server.contractViolations.length = 0;
    await expect(provider.fetchCosts({ from: '2025-03-01', toExclusive: '2025-03-04' })).rejects.toMatchObject({
      code: 'malformed_response',
    });
    server.contractViolations.length = 0; // that body was off-spec on purpose
  });
});
