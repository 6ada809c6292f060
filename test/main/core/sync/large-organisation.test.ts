/**
 * A large organisation's first sync, through the sync engine and the real history database: 150 projects × 15
 * line items (2,250 rows a day, whose 180-day Costs page would be ~100 MB). Pages are sized by bytes, so every
 * answer stays near the target and far below the cap; the backfill completes, exact, and the next poll is one
 * Costs request. (The full year, and its memory and time, are in `npm run bench:scale wide`.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsFile } from '../../../../src/main/core/paths';
import { OpenAiProvider } from '../../../../src/main/core/providers/openai/openai-provider';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { scaleOrganisation, WIDE } from '../../../fake-openai/scale-organisations';
import { expectedSumMicros } from '../../../support/expected-money';
import { FakeKeychain } from '../../../support/fake-vault';
import { FAST_RETRY } from '../../../support/fast-retry';
import { createTestSpendwatch } from '../../../support/test-spendwatch';
import { TestClock } from '../../../support/test-clock';

const KEY = `sk-admin-largeorg${'x'.repeat(24)}`;
const NOW = new Date('2026-11-21T10:00:00Z');
const DAYS = 75; // spend on the last 75 days of the backfill: far more than one page of this organisation

describe('a large organisation', () => {
  let server: FakeOpenAiServer;
  const org = scaleOrganisation({ ...WIDE, days: DAYS }, NOW);

  beforeEach(async () => {
    server = new FakeOpenAiServer({ [KEY]: org });
    await server.start();
  });
  afterEach(() => server.stop());

  it('completes its first sync in pages of bounded size, exact to the micro-dollar, then polls with one request', async () => {
    const answers: number[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-large-'));
    const core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock: new TestClock(NOW),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
      createProvider: (account, apiKey) => {
        const provider = new OpenAiProvider({
          apiKey,
          baseUrl: account.baseUrl,
          retry: FAST_RETRY,
          clock: new TestClock(NOW),
        });
        const http = (
          provider as unknown as { http: { lastAnswerBytes: number; getJson: (...a: unknown[]) => Promise<unknown> } }
        ).http;
        const getJson = http.getJson.bind(http);
        http.getJson = async (...args: unknown[]) => {
          const answer = await getJson(...args);
          answers.push(http.lastAnswerBytes);
          return answer;
        };
        return provider;
      },
    });
    await core.accounts.add({ name: 'Large', provider: 'openai', apiKey: KEY, baseUrl: server.baseUrl });
    server.clearLog();
    answers.length = 0;
    const id = core.accounts.get('Large').id;
    const first = await core.services.sync.syncAll([id]);
    expect(first.results[0].ok, JSON.stringify(first.results[0].error)).toBe(true);

    const costs = server.requestsTo('/organization/costs');
    expect(costs.length).toBeGreaterThan(5);
    // Every answer stays near the 4 MB target (one day more than fits at most), never near the 64 MB cap.
    expect(Math.max(...answers)).toBeLessThan(8 * 1024 * 1024);

    const month = NOW.toISOString().slice(0, 7);
    const want = expectedSumMicros(
      Object.entries(org.costs)
        .filter(([day]) => day.startsWith(month))
        .flatMap(([, rows]) => rows.map((r) => r.value as string)),
    );
    expect(
      BigInt(core.queries.dashboard({ accountId: 'all', range: 'mtd', groupBy: 'project' }).kpis.monthToDateMicros),
    ).toBe(want);
    const all = expectedSumMicros(Object.values(org.costs).flatMap((rows) => rows.map((r) => r.value as string)));
    const months = core.queries.dashboard({ accountId: 'all', range: '12m', groupBy: 'project' }).monthly;
    // Each month rounded once on its own: together within half a micro-dollar a month of the exact whole.
    const diff = months.reduce((sum, m) => sum + BigInt(m.totalMicros), 0n) - all;
    expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(BigInt(months.length));

    server.clearLog();
    const poll = await core.services.sync.syncAll([id]);
    expect(poll.results[0]).toMatchObject({ ok: true, daysWritten: 0 });
    expect(server.requestsTo('/organization/costs')).toHaveLength(1);
  }, 120_000);
});
