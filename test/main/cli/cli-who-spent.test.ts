/**
 * Who spent it, end to end: the real CLI against the fake organisation with API keys, users and quantities.
 * Every expected figure is worked out here from the fake's own rows (its cost rows per key; its usage rows ×
 * the unit prices it billed them at), independently of the app's money code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer, type FakeOrganisation } from '../../fake-openai/fake-openai-server';
import {
  ATTRIBUTED_UNIT_PRICES,
  attributedLineItem,
  attributedOrganisation,
  utcDay,
} from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';
import { expectedSumMicros, microsText, type WireAmount } from '../../support/expected-money';

const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const KEY = `sk-admin-${'w'.repeat(20)}${Date.now()}`;

/** 10^-24 dollars: every fake unit price × a whole token count is exact in it. */
const FINE = 24;
const fine = (usd: string, per: number): bigint => {
  const [int, frac = ''] = usd.split('.');
  return BigInt(int + frac.padEnd(FINE, '0')) / BigInt(per);
};
/** Half-even to micros, once. */
const microsOf = (amount: bigint): bigint => {
  const unit = 10n ** BigInt(FINE - 6);
  const q = amount / unit;
  const r = amount % unit;
  return r * 2n > unit || (r * 2n === unit && q % 2n === 1n) ? q + 1n : q;
};

/** What a usage row cost at the prices its line items were billed at (the fake bills tokens × these prices). */
function usageCost(row: FakeOrganisation['usage'][string][number]): bigint {
  const cached = row.cachedTokens ?? 0;
  let total = 0n;
  for (const [kind, count] of [
    ['input', row.inputTokens - cached],
    ['cached input', cached],
    ['output', row.outputTokens],
  ] as const) {
    if (!count) continue;
    const price =
      ATTRIBUTED_UNIT_PRICES[attributedLineItem(row.model, kind, row.batch ?? false, row.serviceTier ?? 'default')];
    total += fine(price.usd, price.per) * BigInt(count);
  }
  return total;
}

interface Breakdown {
  account: string;
  month: string;
  by: string;
  basis: string;
  total: string;
  unattributed: string;
  rows: { id: string; name: string; email?: string; owner?: string; project?: string; amount: string; share: number }[];
}

const micros = (decimal: string) => BigInt(Math.round(Number(decimal) * 1e6));

describe.runIf(keychain)('spendwatch breakdown, prices and savings against an organisation with keys and users', () => {
  let server: FakeOpenAiServer;
  const home = mkdtempSync(join(tmpdir(), 'sw-who-'));
  // 46 days: today (the 46th) always has spend, so "this month" is never empty, whatever day the suite runs on.
  const org = attributedOrganisation(46);
  const month = utcDay(0).slice(0, 7);
  const monthDays = Object.keys(org.costs).filter((d) => d.startsWith(month));

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [KEY]: org });
    const baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme', '--base-url', baseUrl], {
          home,
          input: KEY,
        })
      ).code,
    ).toBe(0);
    const sync = await runCli(['sync'], { home });
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await runCli(['accounts', 'remove', 'Acme'], { home });
    await server.stop();
  });

  const run = async (args: string[]) => {
    const r = await runCli(args, { home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as never;
  };

  it('bills per API key exactly, names each key, its owner and project, and counts spend without a key as unattributed', async () => {
    const doc: Breakdown = await run(['breakdown', '--by', 'api-key', '--json']);
    const perKey = new Map<string | null, WireAmount[]>();
    const all: WireAmount[] = [];
    for (const day of monthDays) {
      for (const row of org.costs[day]) {
        perKey.set(row.apiKeyId ?? null, [...(perKey.get(row.apiKeyId ?? null) ?? []), row.value]);
        all.push(row.value);
      }
    }
    expect(doc).toMatchObject({
      account: 'Acme',
      month,
      by: 'api-key',
      basis: 'billed',
      total: microsText(expectedSumMicros(all)),
    });
    expect(doc.unattributed).toBe(microsText(expectedSumMicros(perKey.get(null) ?? [])));
    const keyed = [...perKey].filter(([id]) => id !== null);
    expect(Object.fromEntries(doc.rows.map((r) => [r.id, r.amount]))).toEqual(
      Object.fromEntries(keyed.map(([id, values]) => [id, microsText(expectedSumMicros(values))])),
    );
    for (const row of doc.rows) {
      const key = org.apiKeys!.find((k) => k.id === row.id)!;
      expect(row.name).toBe(key.name);
      expect(row.owner).toBe(key.owner?.name);
      expect(row.project).toBe(org.projects.find((p) => p.id === key.projectId)!.name);
    }
    // Largest first, and the rows plus unattributed make the total within half a micro-dollar a row.
    expect(doc.rows.map((r) => micros(r.amount))).toEqual(
      [...doc.rows.map((r) => micros(r.amount))].sort((a, b) => Number(b - a)),
    );
    const sum = doc.rows.reduce((s, r) => s + micros(r.amount), micros(doc.unattributed));
    expect(Number(sum - micros(doc.total)) ** 2).toBeLessThanOrEqual(((doc.rows.length + 1) / 2) ** 2);
  });

  it('estimates per user as usage × the unit prices billed, with names and emails, adding up to the bill', async () => {
    const doc: Breakdown = await run(['breakdown', '--by', 'user', '--json']);
    expect(doc.basis).toBe('estimated');
    const perUser = new Map<string, bigint>();
    for (const day of monthDays) {
      for (const row of org.usage[day])
        if (row.userId) perUser.set(row.userId, (perUser.get(row.userId) ?? 0n) + usageCost(row));
    }
    expect(Object.fromEntries(doc.rows.map((r) => [r.id, r.amount]))).toEqual(
      Object.fromEntries([...perUser].map(([id, amount]) => [id, microsText(microsOf(amount))])),
    );
    for (const row of doc.rows) {
      const user = org.users!.find((u) => u.id === row.id)!;
      expect([row.name, row.email]).toEqual([user.name, user.email]);
    }
    expect(doc.rows.some((r) => r.id === 'user-katherine')).toBe(false); // no usage, no row
    const sum = doc.rows.reduce((s, r) => s + micros(r.amount), micros(doc.unattributed));
    expect(Number(sum - micros(doc.total)) ** 2).toBeLessThanOrEqual(((doc.rows.length + 1) / 2) ** 2);
    expect(micros(doc.unattributed)).toBeGreaterThan(0n); // the service account's and the web search spend
  });

  it('reports the unit prices actually billed, per line item in its unit', async () => {
    const doc: { rows: { lineItem: string; amount: string; quantity: number; unit: string; unitPrice: string }[] } =
      await run(['prices', '--json']);
    const billed = new Set(
      monthDays.flatMap((d) => org.costs[d].filter((c) => c.quantityUnit === 'tokens').map((c) => c.lineItem!)),
    );
    expect(new Set(doc.rows.map((r) => r.lineItem))).toEqual(billed);
    for (const row of doc.rows) {
      const price = ATTRIBUTED_UNIT_PRICES[row.lineItem];
      expect(row.unit).toBe('tokens');
      expect(Number(row.unitPrice)).toBeCloseTo(Number(price.usd) / price.per, 15);
      const quantity = monthDays
        .flatMap((d) => org.costs[d].filter((c) => c.lineItem === row.lineItem))
        .reduce((s, c) => s + (c.quantity ?? 0), 0);
      expect(row.quantity).toBe(quantity);
    }
  });

  it("reports one UTC day's unit prices with --day, and refuses --day with --month", async () => {
    // The latest whole day with spend (every 13th day of the fake has none).
    const day = Object.keys(org.costs)
      .filter((d) => d < utcDay(0) && org.costs[d].length)
      .sort()
      .at(-1)!;
    const doc: { rows: { lineItem: string; unitPrice: string; quantity: number }[] } = await run([
      'prices',
      '--day',
      day,
      '--json',
    ]);
    const billed = org.costs[day]?.filter((c) => c.quantityUnit === 'tokens') ?? [];
    expect(doc.rows.length).toBeGreaterThan(3);
    expect(new Set(doc.rows.map((r) => r.lineItem))).toEqual(new Set(billed.map((c) => c.lineItem)));
    for (const row of doc.rows) {
      const price = ATTRIBUTED_UNIT_PRICES[row.lineItem];
      expect(Number(row.unitPrice)).toBeCloseTo(Number(price.usd) / price.per, 15);
      expect(row.quantity).toBe(
        billed.filter((c) => c.lineItem === row.lineItem).reduce((s, c) => s + (c.quantity ?? 0), 0),
      );
    }
    expect((await runCli(['prices', '--day', day, '--month', day.slice(0, 7)], { home })).code).toBe(2);
  });

  it('gives savings hints whose savings are worked out from the bill: batch and service tier', async () => {
    // Last month, whole: this month may be a day old, and a whole month needs no scaling.
    const last = utcDay(-Number(utcDay(0).slice(8, 10))).slice(0, 7);
    const doc: { hints: { kind: string; title: string; estimatedMonthlySavings: string; basis: string }[] } = await run(
      ['savings', '--month', last, '--json'],
    );
    let synchronous = 0n;
    let priorityOver = 0n;
    for (const day of Object.keys(org.usage).filter((d) => d.startsWith(last))) {
      for (const row of org.usage[day]) {
        if (!row.batch && (row.serviceTier ?? 'default') === 'default') synchronous += usageCost(row);
        if (row.serviceTier === 'priority')
          priorityOver += usageCost(row) - usageCost({ ...row, serviceTier: 'default' });
      }
    }
    const hint = (kind: string) => doc.hints.find((h) => h.kind === kind)!;
    // Batch halves the price (the fake bills gpt-4o-mini batch at half, as OpenAI publishes for every model).
    expect(hint('batch').estimatedMonthlySavings).toBe(microsText(microsOf(synchronous / 2n)));
    expect(hint('service_tier').estimatedMonthlySavings).toBe(microsText(microsOf(priorityOver)));
    expect(hint('service_tier').basis).toMatch(/own bill/);
    for (const h of doc.hints) {
      expect(Number(h.estimatedMonthlySavings)).toBeGreaterThanOrEqual(1);
      expect(h.basis.length).toBeGreaterThan(20);
    }
    const amounts = doc.hints.map((h) => Number(h.estimatedMonthlySavings));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it('exports api_key_id, quantity, quantity_unit and provider', async () => {
    const r = await runCli(['export', '--from', monthDays[0], '--to', utcDay(0)], { home });
    const [header, ...lines] = r.stdout.trim().split('\n');
    expect(header).toBe(
      'date_utc,account,project_id,project_name,line_item,amount,currency,api_key_id,quantity,quantity_unit,provider',
    );
    expect(lines.some((l) => /,key_web_prod,\d+(\.\d+)?,tokens,openai$/.test(l))).toBe(true);
    expect(lines.some((l) => /web search tool calls,[^,]+,usd,[^,]*,\d+(\.\d+)?,,openai$/.test(l))).toBe(true);
  });

  it('a poll costs one Costs request and asks for no names it already has', async () => {
    server.clearLog();
    expect((await runCli(['sync'], { home })).code).toBe(0);
    expect(server.requestsTo('/organization/costs')).toHaveLength(1);
    expect(server.requestsTo('/organization/costs')[0].query.getAll('group_by[]')).toContain('api_key_id');
    expect(server.requests.filter((r) => r.path.endsWith('/api_keys') || r.path.endsWith('/users'))).toEqual([]);
  });

  it('refuses an unknown dimension and a month that has not started', async () => {
    expect((await runCli(['breakdown', '--by', 'colour'], { home })).code).toBe(2);
    const future = await runCli(['breakdown', '--by', 'project', '--month', '2999-01', '--json'], { home });
    expect(future.code).toBe(2);
    expect(JSON.parse(future.stdout).error.message).toMatch(/has not started/);
  });
});
