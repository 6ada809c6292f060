/**
 * What a lying server, a huge organisation or an odd id did to "who spent it" before each was mended (found by an
 * attack pass): quantities that overflow, key-shaped and ill-formed ids, estimates above the bill, a day with usage
 * but no costs, a runaway touching every key, and one key list that fails. Each test failed before its mend.
 */
import { describe, expect, it } from 'vitest';
import { addDays, dayRange } from '../../../../src/shared/dates';
import { microsToExact } from '../../../../src/shared/money';
import { UNATTRIBUTED_KEY } from '../../../../src/shared/dimensions';
import { AccountHistory, summarise } from '../../../../src/main/core/history/account-history';
import type { CostRow, UsageRow } from '../../../../src/main/core/history/types';
import { CostsCollector } from '../../../../src/main/core/providers/costs-collector';
import { openAiCostsReader } from '../../../../src/main/core/providers/openai/costs-reader';
import { dayValues } from '../../../../src/main/core/aggregate/dimension-values';
import { pricePerUnit } from '../../../../src/main/core/aggregate/unit-prices';
import { ALERT_RULES } from '../../../../src/main/core/alerts/alert-rules';
import { MAX_SCOPE_SPIKES_A_DAY } from '../../../../src/main/core/alerts/rules/scope-spikes';
import { resolvedAccount, testRuleContext } from '../../../support/rule-context';
import { NameDirectory } from '../../../../src/main/core/sync/name-directory';
import { EMPTY_SYNC_STATE } from '../../../../src/main/core/history/history-store';
import type { ApiKeyInfo, SpendProvider } from '../../../../src/main/core/providers/provider';

const DAY = '2026-11-20';
const row = (over: Partial<CostRow>): CostRow => ({
  projectId: 'proj_a',
  lineItem: 'gpt-4o, input',
  amount: microsToExact(1_000_000),
  currency: 'usd',
  quantity: null,
  ...over,
});
const usage = (over: Partial<UsageRow>): UsageRow => ({
  model: 'gpt-4o',
  inputTokens: 0,
  outputTokens: 0,
  cachedTokens: 0,
  requests: 1,
  ...over,
});

function collect(results: unknown[]): CostRow[] {
  const collector = new CostsCollector({ from: DAY, toExclusive: addDays(DAY, 1) }, openAiCostsReader);
  collector.addBucket({
    object: 'bucket',
    start_time: Date.parse(`${DAY}T00:00:00Z`) / 1000,
    end_time: Date.parse(`${DAY}T00:00:00Z`) / 1000 + 86_400,
    results,
  });
  return collector.result().days.get(DAY)!;
}

describe('who spent it, attacked', () => {
  it('a quantity of 1e308 is not kept, and sums that overflow keep no unit: no view fails on Infinity', () => {
    const [big] = collect([
      {
        object: 'organization.costs.result',
        amount: { value: 1, currency: 'usd' },
        line_item: 'x, input',
        quantity: 1e308,
        quantity_unit: 'tokens',
      },
    ]);
    expect(big.quantity).toBeNull();
    const summary = summarise([
      row({ quantity: 9e14, quantityUnit: 'tokens' }),
      row({ quantity: Number.MAX_VALUE, quantityUnit: 'tokens' }),
      row({ quantity: Number.MAX_VALUE, quantityUnit: 'tokens' }),
    ]);
    expect(summary.lineQuantities.get('gpt-4o, input')).toEqual({ quantity: 0, unit: null });
    expect(pricePerUnit(1n, 1e300)).toBeUndefined();
  });

  it('key-shaped ids and units are redacted, and a lone surrogate is made well-formed, before anything stores them', () => {
    const secret = `sk-proj-${'L'.repeat(40)}`;
    const [rowA, rowB] = collect([
      {
        object: 'organization.costs.result',
        amount: { value: 1, currency: 'usd' },
        line_item: 'x, input',
        api_key_id: secret,
        quantity: 5,
        quantity_unit: secret,
      },
      {
        object: 'organization.costs.result',
        amount: { value: 1, currency: 'usd' },
        line_item: 'x, input',
        api_key_id: 'key_\ud800bad',
      },
    ]);
    expect(JSON.stringify(rowA, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(
      'LLLLLLLLLL',
    );
    expect(rowB.apiKeyId).toBe('key_\ufffdbad');
  });

  it('estimates never exceed what the day billed, and the day with usage but no costs prices none of it', () => {
    const history = new AccountHistory();
    // Nov 19: a normal day (gpt-4o input $2.50/M). Nov 20: a lying quantity (a millionth of a token for $1,000).
    // Nov 21: usage, and only a cent billed, for another model.
    history.loadMonth(
      new Map([
        ['2026-11-19', [row({ amount: microsToExact(2_500_000), quantity: 1_000_000, quantityUnit: 'tokens' })]],
        ['2026-11-20', [row({ amount: microsToExact(1_000_000_000), quantity: 0.000001, quantityUnit: 'tokens' })]],
        [
          '2026-11-21',
          [
            row({
              lineItem: 'gpt-4o-mini, input',
              amount: microsToExact(10_000),
              quantity: 1000,
              quantityUnit: 'tokens',
            }),
          ],
        ],
      ]),
      new Map([
        ['2026-11-19', [usage({ userId: 'user-a', inputTokens: 1_000_000 })]],
        ['2026-11-20', [usage({ userId: 'user-a', inputTokens: 5_000_000 })]],
        ['2026-11-21', [usage({ userId: 'user-a', inputTokens: 2_000_000 })]],
      ]),
    );
    const view = { history, projectNames: {} };
    for (const day of ['2026-11-19', '2026-11-20', '2026-11-21']) {
      const values = dayValues(view, day, 'user')!;
      const sum = [...values.values()].reduce((a, b) => a + b, 0n);
      expect(sum, day).toBe(history.dayTotal(day));
      expect(values.get('user-a') ?? 0n, day).toBeLessThanOrEqual(history.dayTotal(day)!);
      expect(values.get(UNATTRIBUTED_KEY) ?? 0n, day).toBeGreaterThanOrEqual(0n);
    }
    // The cent billed on Nov 21 is not gpt-4o's: none of the gpt-4o usage is priced with the month's gpt-4o price.
    expect(dayValues(view, '2026-11-21', 'user')!.get('user-a')).toBeUndefined();
  });

  it(`a runaway touching 20 keys raises at most ${MAX_SCOPE_SPIKES_A_DAY} project and key alerts a day, the last counting the rest`, () => {
    const history = new AccountHistory();
    const costs = new Map<string, CostRow[]>();
    const days = dayRange('2026-11-05', DAY);
    for (const day of days) {
      // 20 keys at $10 a day and one big steady key at $10,000, so the account as a whole does not spike.
      const rows = Array.from({ length: 20 }, (_, k) =>
        row({ apiKeyId: `key_${k}`, amount: microsToExact(day === DAY ? 80_000_000 + k : 10_000_000) }),
      );
      rows.push(row({ apiKeyId: 'key_big', projectId: 'proj_big', amount: microsToExact(10_000_000_000) }));
      costs.set(day, rows);
    }
    history.loadMonth(costs, new Map());
    const context = testRuleContext({
      now: new Date(`${DAY}T12:00:00Z`),
      accounts: [resolvedAccount('acc', 'Acme', { history, projectNames: {} })],
    });
    const alerts = ALERT_RULES.flatMap((rule) => rule(context));
    const scoped = alerts.filter((a) => a.scope !== 'account');
    expect(alerts.some((a) => a.scope === 'account')).toBe(false);
    // 21 spiked (the 20 keys and their project): the largest rises first — the project, then key_19 — and the
    // last kept counts the other 16.
    expect(scoped).toHaveLength(MAX_SCOPE_SPIKES_A_DAY);
    expect(scoped.slice(0, 2).map((a) => a.scope)).toEqual(['project:proj_a', 'api-key:key_19']);
    expect(scoped.at(-1)!.message).toMatch(/ 16 more projects or keys spiked today as well\./);
  });

  it("one project's failing key list keeps the others' names, and is not asked again on the next poll", async () => {
    const asked: string[][] = [];
    const provider = {
      apiKeysByProject: true,
      async listApiKeys(projects: readonly string[]) {
        asked.push([...projects]);
        if (projects[0] === 'proj_gone') throw new Error('404 No project found');
        return new Map<string, ApiKeyInfo>([
          ['key_a', { name: 'Backend', owner: 'svc', projectId: 'proj_a', lastUsedAt: null }],
        ]);
      },
    } as unknown as SpendProvider;
    const warnings: string[] = [];
    const now = new Date('2026-11-20T10:00:00Z');
    const seen = new Map([
      ['key_a', 'proj_a'],
      ['key_x', 'proj_gone'],
    ]);
    const names = await new NameDirectory(provider, now, warnings).apiKeys(EMPTY_SYNC_STATE, seen);
    expect(names?.key_a.name).toBe('Backend');
    expect(names?.key_x.name).toBe('key_x');
    expect(warnings.join(' ')).toMatch(/API key names could not be fetched/);
    // The next poll an hour later: every id has a name (its own at worst), checked again only after a day.
    const state = { ...EMPTY_SYNC_STATE, apiKeys: names!, apiKeysFetchedAt: now.toISOString() };
    asked.length = 0;
    expect(
      await new NameDirectory(provider, new Date('2026-11-20T11:00:00Z'), []).apiKeys(state, seen),
    ).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
