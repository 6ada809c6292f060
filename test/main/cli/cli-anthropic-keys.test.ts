/**
 * Who spent it on Anthropic, end to end: the real CLI against the fake Anthropic Admin API with API keys in three
 * workspaces. Anthropic's cost report cannot be grouped by key, so per-key figures are estimates: each key's
 * tokens × that day's cost of the model and token kind ÷ that day's tokens of the model and kind (all keys, and
 * usage no key is named for). Every expected figure is worked out here, as exact fractions, from the fake's cents
 * and token counts, independently of the app's money code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FakeAnthropicServer,
  type FakeAnthropicApiKey,
  type FakeAnthropicCost,
  type FakeAnthropicOrganisation,
  type FakeAnthropicUsage,
} from '../../fake-anthropic/fake-anthropic-server';
import { utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { microsText } from '../../support/expected-money';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = `sk-ant-admin01-${'k'.repeat(20)}${Date.now()}`;

const RESEARCH = 'wrkspc_01Research';
const SUPPORT = 'wrkspc_01Support';
const SONNET = 'claude-sonnet-4';
const HAIKU = 'claude-haiku-4';
const OPUS = 'claude-opus-4';

const API_KEYS: FakeAnthropicApiKey[] = [
  {
    id: 'apikey_01CiPipeline',
    name: 'CI pipeline',
    workspaceId: RESEARCH,
    createdBy: { id: 'user_01Grace', type: 'user' },
  },
  {
    id: 'apikey_01SupportProd',
    name: 'Support bot prod',
    workspaceId: SUPPORT,
    createdBy: { id: 'user_01Alan', type: 'user' },
  },
  { id: 'apikey_01Console', name: 'Console experiments', workspaceId: null },
  { id: 'apikey_01Unused', name: 'Never used', workspaceId: RESEARCH },
];

/** List prices in 10^-10 cents per token (Sonnet input $3/MTok = 0.0003 cents = 3,000,000 × 10^-10 cents). */
const PRICE: Record<string, { input: bigint; cached: bigint; output: bigint }> = {
  [SONNET]: { input: 3_000_000n, cached: 300_000n, output: 15_000_000n },
  [HAIKU]: { input: 1_000_000n, cached: 100_000n, output: 5_000_000n },
  [OPUS]: { input: 15_000_000n, cached: 1_500_000n, output: 75_000_000n },
};
const KIND_WORDS = { input: 'input tokens', cached: 'cache read input tokens', output: 'output tokens' } as const;
type Kind = keyof typeof KIND_WORDS;

/** 10^-10 cents as the cost report's decimal string of cents. */
const centsText = (tenthsOfNano: bigint) => {
  const int = tenthsOfNano / 10n ** 10n;
  const frac = (tenthsOfNano % 10n ** 10n).toString().padStart(10, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
};

/**
 * Each day: CI pipeline (Research) and Support bot prod (Support) on Sonnet, Support also on Haiku, Console
 * experiments on Opus every other day (default workspace), and Workbench usage with no key on Sonnet (default
 * workspace). Each workspace is billed its own tokens at a price that drifts from day to day (so a day's price is
 * its own, not the month's), plus web search with no model.
 */
function keysOrganisation(days: number): FakeAnthropicOrganisation {
  const org: FakeAnthropicOrganisation = {
    workspaces: [
      { id: RESEARCH, name: 'Research' },
      { id: SUPPORT, name: 'Support bot' },
    ],
    costs: {},
    usage: {},
    apiKeys: API_KEYS,
  };
  for (let n = 0; n < days; n++) {
    const day = utcDay(n - (days - 1));
    const usage: FakeAnthropicUsage[] = [
      {
        model: SONNET,
        uncachedInput: 40_000 + 1_000 * (n % 7),
        cacheRead: 10_000 + 500 * (n % 3),
        output: 8_000 + 100 * (n % 5),
        apiKeyId: 'apikey_01CiPipeline',
        workspaceId: RESEARCH,
      },
      {
        model: SONNET,
        uncachedInput: 20_000 + 700 * (n % 4),
        cacheRead: 5_000,
        output: 4_000 + 50 * (n % 6),
        apiKeyId: 'apikey_01SupportProd',
        workspaceId: SUPPORT,
      },
      {
        model: HAIKU,
        uncachedInput: 100_000 + 3_000 * (n % 5),
        cacheRead: 0,
        output: 20_000,
        apiKeyId: 'apikey_01SupportProd',
        workspaceId: SUPPORT,
      },
      { model: SONNET, uncachedInput: 5_000, cacheRead: 0, output: 1_000 + 10 * n, apiKeyId: null, workspaceId: null },
    ];
    if (n % 2 === 0)
      usage.push({
        model: OPUS,
        uncachedInput: 3_000 + 17 * n,
        cacheRead: 0,
        output: 500,
        apiKeyId: 'apikey_01Console',
        workspaceId: null,
      });
    org.usage[day] = usage;

    const costs: FakeAnthropicCost[] = [];
    const tokens = new Map<string, bigint>(); // workspace|model|kind → tokens
    for (const u of usage) {
      for (const [kind, count] of [
        ['input', u.uncachedInput],
        ['cached', u.cacheRead],
        ['output', u.output],
      ] as const) {
        const k = `${u.workspaceId ?? ''}|${u.model}|${kind}`;
        tokens.set(k, (tokens.get(k) ?? 0n) + BigInt(count));
      }
    }
    for (const [k, count] of tokens) {
      if (count === 0n) continue;
      const [workspace, model, kind] = k.split('|') as [string, string, Kind];
      // The list price up to 24% more, a little more again for each day and line: each day's price is its own.
      const markup = 100n + 3n * BigInt((n + kind.length) % 9);
      const drift = BigInt((n * 7_919 + model.length * 104_729 + kind.length * 1_299_709) % 9_999_991);
      costs.push({
        workspaceId: workspace || null,
        description: `${model} ${KIND_WORDS[kind]}`,
        cents: centsText((count * PRICE[model][kind] * markup) / 100n + drift),
      });
    }
    costs.push({ workspaceId: null, description: 'web search', cents: `${1 + (n % 4)}.25` });
    org.costs[day] = costs;
  }
  return org;
}

/** Exact fractions of a dollar. */
interface Fraction {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
};
const add = (x: Fraction, y: Fraction): Fraction => {
  const n = x.n * y.d + y.n * x.d;
  const d = x.d * y.d;
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
/** Half-even to micro-dollars, once. */
const microsOf = (x: Fraction): bigint => {
  const scaled = x.n * 1_000_000n;
  const q = scaled / x.d;
  const r = scaled % x.d;
  return r * 2n > x.d || (r * 2n === x.d && q % 2n === 1n) ? q + 1n : q;
};
/** A decimal string of cents as a fraction of a dollar. */
const centsFraction = (cents: string): Fraction => {
  const [int, frac = ''] = cents.split('.');
  return { n: BigInt(int + frac), d: 100n * 10n ** BigInt(frac.length) };
};

/**
 * The oracle: per key, over the days of `month` up to today, Σ tokens × (that day's cost of model+kind ÷ that day's
 * tokens of model+kind); the bill's total; and what no key explains (usage with no key, web search). With
 * `pricing: 'month'`, the month's cost ÷ the month's tokens instead (what a breakdown priced by the month would give).
 */
function expectedByKey(org: FakeAnthropicOrganisation, month: string, pricing: 'day' | 'month' = 'day') {
  const zero = (): Fraction => ({ n: 0n, d: 1n });
  const perKey = new Map<string, Fraction>();
  let total = zero();
  let unexplained = zero();
  const days = Object.keys(org.costs).filter((day) => day.startsWith(month) && day <= utcDay(0));
  const each = (u: FakeAnthropicUsage) =>
    [
      ['input', u.uncachedInput],
      ['cached', u.cacheRead],
      ['output', u.output],
    ] as const;
  /** model|kind → dollars billed and tokens used, over these days. */
  const pricesOver = (over: string[]) => {
    const cost = new Map<string, Fraction>();
    const tokens = new Map<string, bigint>();
    for (const day of over) {
      for (const c of org.costs[day]) {
        const model = c.description.split(' ')[0];
        const kind = (Object.keys(KIND_WORDS) as Kind[]).find((k) => c.description === `${model} ${KIND_WORDS[k]}`);
        if (kind) cost.set(`${model}|${kind}`, add(cost.get(`${model}|${kind}`) ?? zero(), centsFraction(c.cents)));
      }
      for (const u of org.usage[day])
        for (const [kind, count] of each(u))
          tokens.set(`${u.model}|${kind}`, (tokens.get(`${u.model}|${kind}`) ?? 0n) + BigInt(count));
    }
    return { cost, tokens };
  };
  const monthly = pricesOver(days);
  for (const day of days) {
    for (const c of org.costs[day]) {
      total = add(total, centsFraction(c.cents));
      if (c.description === 'web search') unexplained = add(unexplained, centsFraction(c.cents));
    }
    const { cost, tokens } = pricing === 'day' ? pricesOver([day]) : monthly;
    for (const u of org.usage[day]) {
      for (const [kind, count] of each(u)) {
        if (!count) continue;
        const c = cost.get(`${u.model}|${kind}`)!;
        const share = { n: c.n * BigInt(count), d: c.d * tokens.get(`${u.model}|${kind}`)! };
        if (u.apiKeyId) perKey.set(u.apiKeyId, add(perKey.get(u.apiKeyId) ?? zero(), share));
        else unexplained = add(unexplained, share);
      }
    }
  }
  return { perKey, total, unexplained };
}

interface Breakdown {
  account: string;
  month: string;
  by: string;
  basis: string;
  total: string;
  unattributed: string;
  rows: { id: string; name: string; owner?: string; project?: string; amount: string; share: number }[];
}

const micros = (decimal: string) => BigInt(Math.round(Number(decimal) * 1e6));

describe.runIf(keychain)('spendwatch breakdown by API key and by user for an Anthropic organisation', () => {
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-anthropic-keys-'));
  const org = keysOrganisation(70);
  const thisMonth = utcDay(0).slice(0, 7);
  const lastMonth = utcDay(-Number(utcDay(0).slice(8, 10))).slice(0, 7);
  let server: FakeAnthropicServer;

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeAnthropicServer({ [KEY]: org });
    const baseUrl = await server.start();
    const add = await runCli(
      ['accounts', 'add', '--provider', 'anthropic', '--name', 'Claude Org', '--base-url', baseUrl],
      { home, input: KEY },
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const sync = await runCli(['sync'], { home });
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await runCli(['accounts', 'remove', 'Claude Org'], { home });
    await server.stop();
  });

  const run = async (args: string[]) => {
    const r = await runCli(args, { home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as Breakdown;
  };

  it('asked the usage report by API key and listed the keys once', () => {
    const usage = server.requestsTo('/organizations/usage_report/messages');
    expect(usage.length).toBeGreaterThan(0);
    expect(usage.every((r) => r.query.getAll('group_by[]').includes('api_key_id'))).toBe(true);
    expect(server.requestsTo('/organizations/api_keys')).toHaveLength(1);
  });

  for (const which of ['this month', 'last month'] as const) {
    it(`${which}: estimates each key as its tokens × the day's cost ÷ the day's tokens, named from the key list, adding up to the bill`, async () => {
      const month = which === 'this month' ? thisMonth : lastMonth;
      const doc = await run(['breakdown', '--by', 'api-key', '--month', month, '--json']);
      const expected = expectedByKey(org, month);
      expect(doc).toMatchObject({
        account: 'Claude Org',
        month,
        by: 'api-key',
        basis: 'estimated',
        total: microsText(microsOf(expected.total)),
      });
      expect(Object.fromEntries(doc.rows.map((r) => [r.id, r.amount]))).toEqual(
        Object.fromEntries([...expected.perKey].map(([id, amount]) => [id, microsText(microsOf(amount))])),
      );
      // What no key explains: Workbench usage and web search.
      expect(doc.unattributed).toBe(microsText(microsOf(expected.unexplained)));
      expect(micros(doc.unattributed)).toBeGreaterThan(0n);
      for (const row of doc.rows) {
        const key = API_KEYS.find((k) => k.id === row.id)!;
        expect(row.name).toBe(key.name);
        expect(row.owner).toBe(key.createdBy?.id ?? 'user_01Admin');
        expect(Math.abs(row.share - Number(micros(row.amount)) / Number(micros(doc.total)))).toBeLessThan(2e-6);
      }
      expect(doc.rows.find((r) => r.id === 'apikey_01CiPipeline')?.project).toBe('Research');
      expect(doc.rows.find((r) => r.id === 'apikey_01SupportProd')?.project).toBe('Support bot');
      expect(doc.rows.some((r) => r.id === 'apikey_01Unused')).toBe(false); // no usage, no row
      // Largest first; the rows plus unattributed make the total within half a micro-dollar a row.
      const amounts = doc.rows.map((r) => micros(r.amount));
      expect(amounts).toEqual([...amounts].sort((a, b) => Number(b - a)));
      const sum = doc.rows.reduce((s, r) => s + micros(r.amount), micros(doc.unattributed));
      expect(Number(sum - micros(doc.total)) ** 2).toBeLessThanOrEqual(((doc.rows.length + 1) / 2) ** 2);
    });
  }

  it("prices each day by that day's own bill: the month's average prices would give other figures", () => {
    // So the figures checked above tell a breakdown priced by the day from one priced by the month.
    const byDay = expectedByKey(org, lastMonth).perKey;
    const byMonth = expectedByKey(org, lastMonth, 'month').perKey;
    expect([...byDay.keys()].sort()).toEqual(['apikey_01CiPipeline', 'apikey_01Console', 'apikey_01SupportProd']);
    // The keys sharing Sonnet with others: their share of its tokens moves from day to day.
    for (const id of ['apikey_01CiPipeline', 'apikey_01SupportProd'])
      expect(microsOf(byMonth.get(id)!), id).not.toBe(microsOf(byDay.get(id)!));
    // Console experiments is Opus's only user: all of Opus's bill, however it is priced.
    expect(microsOf(byMonth.get('apikey_01Console')!)).toBe(microsOf(byDay.get('apikey_01Console')!));
  });

  it('has no per-user figures for Anthropic: no rows, everything unattributed, said to be an estimate', async () => {
    for (const month of [thisMonth, lastMonth]) {
      const doc = await run(['breakdown', '--by', 'user', '--month', month, '--json']);
      expect(doc).toMatchObject({
        by: 'user',
        basis: 'estimated',
        rows: [],
        total: microsText(microsOf(expectedByKey(org, month).total)),
      });
      expect(doc.unattributed).toBe(doc.total);
    }
  });

  it('says in the table that per-key figures are estimates, with the key names and workspaces', async () => {
    const r = await runCli(['breakdown', '--by', 'api-key', '--month', lastMonth], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Claude Org — \d{4}-\d{2} by API key: \$[\d,.]+ \(estimated: usage × the unit prices billed the same day\)/,
    );
    expect(r.stdout).toMatch(/CI pipeline {2}\(owner user_01Grace, project Research\)/);
    expect(r.stdout).toMatch(/Support bot prod {2}\(owner user_01Alan, project Support bot\)/);
    expect(r.stdout).toMatch(/Console experiments/);
    expect(r.stdout).toMatch(/Unattributed\n$/);
  });

  it('names the default workspace as the project of a key in it', async () => {
    const doc = await run(['breakdown', '--by', 'api-key', '--month', lastMonth, '--json']);
    expect(doc.rows.find((r) => r.id === 'apikey_01Console')?.project).toBe('Default workspace');
  });
});
