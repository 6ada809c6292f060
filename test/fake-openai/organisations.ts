/** Deterministic fake organisations for tests and benchmarks. */
import type { FakeCost, FakeOrganisation, FakeUsage } from './fake-openai-server';

export function utcDay(offsetDays: number, from = new Date()): string {
  const base = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  return new Date(base + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A small org: 3 projects (one archived), a few line items, costs over the last `days` days. */
export function smallOrganisation(days = 40, now = new Date()): FakeOrganisation {
  const org: FakeOrganisation = {
    projects: [
      { id: 'proj_alpha', name: 'Alpha app' },
      { id: 'proj_beta', name: 'Beta bot' },
      { id: 'proj_old', name: 'Old experiment', archived: true },
    ],
    costs: {},
    usage: {},
  };
  for (let i = -(days - 1); i <= 0; i++) {
    const day = utcDay(i, now);
    if (i % 9 === 0 && i !== 0) continue; // some empty days
    org.costs[day] = [
      {
        projectId: 'proj_alpha',
        lineItem: 'gpt-4o-2024-08-06, input',
        value: 1.2345674 + (i % 5) * 0.01,
        quantity: 500000,
      },
      { projectId: 'proj_alpha', lineItem: 'gpt-4o-2024-08-06, output', value: '2.5000005', quantity: 250000 },
      { projectId: 'proj_beta', lineItem: 'gpt-4o-mini-2024-07-18, input', value: 0.0000015, quantity: 10 },
      { projectId: 'proj_old', lineItem: 'text-embedding-3-small', value: 0.33 },
      { projectId: null, lineItem: 'web search tool calls', value: '0.1' },
    ];
    org.usage[day] = [
      { model: 'gpt-4o-2024-08-06', inputTokens: 500000, outputTokens: 250000, requests: 120 },
      { model: 'gpt-4o-mini-2024-07-18', inputTokens: 10, outputTokens: 5, requests: 1 },
    ];
  }
  return org;
}

/**
 * An organisation whose Costs look like the live API's: decimal strings with ~40 fraction digits, exponent
 * notation, the decimal128 zero, numbers with more digits than a double, results without amount / line item /
 * project id, and a euro row that must stay apart. Serve it with `server.live` set to the live shapes.
 */
export function liveOrganisation(days = 40, now = new Date()): FakeOrganisation {
  const org: FakeOrganisation = {
    projects: [
      { id: 'proj_live', name: 'Live app' },
      { id: 'proj_batch', name: 'Batch jobs' },
    ],
    costs: {},
    usage: {},
  };
  for (let i = -(days - 1); i <= 0; i++) {
    const day = utcDay(i, now);
    const n = i + days;
    org.costs[day] = [
      {
        projectId: 'proj_live',
        lineItem: 'gpt-4o-mini-2024-07-18, input',
        value: `0.0000${342 + n}0000000000000000000000000000000`,
      },
      { projectId: 'proj_live', lineItem: 'gpt-4o-mini-2024-07-18, output', value: '0E-6176' },
      {
        projectId: 'proj_live',
        lineItem: 'gpt-4o-2024-08-06, input',
        value: { raw: `1.${String(n).padStart(3, '0')}00000000000000000000123` },
      },
      { projectId: 'proj_batch', lineItem: 'gpt-4o-2024-08-06, output', value: `${n}.5E-7` },
      { projectId: 'proj_batch', lineItem: 'batch, output', value: n % 3 === 0 ? 1e-7 : 2.5e-7 },
      {
        projectId: null,
        lineItem: 'web search tool calls',
        value: `0.0${n % 10}25000000000000000000000000000000000000`,
      },
      { projectId: undefined, lineItem: null, value: '0.000000500000000000000000000000000000001' },
      { projectId: 'proj_live', lineItem: 'file search', value: undefined },
      { projectId: 'proj_live', lineItem: 'gpt-4o-2024-08-06, input', value: '2.10', currency: 'eur' },
    ];
  }
  return org;
}

/**
 * USD per `per` units of each line item that attributedOrganisation bills (exact decimals), so tests can work out
 * expected amounts on their own: amount = quantity × usd / per. Tokens are priced per million; the Batch API and
 * the flex tier at half the default price, the priority tier at its own; web search tool calls per thousand calls.
 */
export const ATTRIBUTED_UNIT_PRICES: Readonly<Record<string, { usd: string; per: number }>> = {
  'gpt-4o-2024-08-06, input': { usd: '2.50', per: 1_000_000 },
  'gpt-4o-2024-08-06, cached input': { usd: '1.25', per: 1_000_000 },
  'gpt-4o-2024-08-06, output': { usd: '10.00', per: 1_000_000 },
  'gpt-4o-2024-08-06, input (priority)': { usd: '4.25', per: 1_000_000 },
  'gpt-4o-2024-08-06, cached input (priority)': { usd: '2.125', per: 1_000_000 },
  'gpt-4o-2024-08-06, output (priority)': { usd: '17.00', per: 1_000_000 },
  'gpt-4o-mini-2024-07-18, input': { usd: '0.15', per: 1_000_000 },
  'gpt-4o-mini-2024-07-18, cached input': { usd: '0.075', per: 1_000_000 },
  'gpt-4o-mini-2024-07-18, output': { usd: '0.60', per: 1_000_000 },
  'gpt-4o-mini-2024-07-18, input (batch)': { usd: '0.075', per: 1_000_000 },
  'gpt-4o-mini-2024-07-18, cached input (batch)': { usd: '0.0375', per: 1_000_000 },
  'gpt-4o-mini-2024-07-18, output (batch)': { usd: '0.30', per: 1_000_000 },
  'web search tool calls': { usd: '10.00', per: 1000 },
};

/** The line item attributedOrganisation bills a usage row's tokens under: "<model>, <kind>", then " (batch)" or a non-default tier. */
export function attributedLineItem(
  model: string,
  kind: 'input' | 'cached input' | 'output',
  batch = false,
  serviceTier = 'default',
): string {
  const suffix = batch ? ' (batch)' : serviceTier === 'default' ? '' : ` (${serviceTier})`;
  return `${model}, ${kind}${suffix}`;
}

/** quantity × usd / per as an exact decimal string (no float on the way). */
export function attributedAmount(lineItem: string, quantity: number): string {
  const price = ATTRIBUTED_UNIT_PRICES[lineItem];
  if (!price) throw new Error(`No unit price for ${lineItem}`);
  const [int, frac = ''] = price.usd.split('.');
  const scale = frac.length + Math.round(Math.log10(price.per));
  const digits = (BigInt(quantity) * BigInt(int + frac)).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

const WEB = 'gpt-4o-2024-08-06';
const MINI = 'gpt-4o-mini-2024-07-18';

/** What one key (or no key) does every day in attributedOrganisation; tokens scale by 10–19 tenths from day to day. */
interface Stream {
  apiKeyId: string | null;
  projectId: string;
  userId: string | null;
  model: string;
  batch?: boolean;
  serviceTier?: string;
  /** Tokens a day at a scale of ten tenths: input (cached included), cached, output; and requests. */
  input: number;
  cached: number;
  output: number;
  requests: number;
  /** Days (0 = the oldest) it runs on. */
  on?: (n: number) => boolean;
}

const STREAMS: Stream[] = [
  // A service account's key: usage with no user.
  {
    apiKeyId: 'key_web_prod',
    projectId: 'proj_web',
    userId: null,
    model: WEB,
    input: 1_200_000,
    cached: 300_000,
    output: 250_000,
    requests: 400,
  },
  {
    apiKeyId: 'key_web_prod',
    projectId: 'proj_web',
    userId: null,
    model: WEB,
    serviceTier: 'priority',
    input: 80_000,
    cached: 16_000,
    output: 20_000,
    requests: 30,
    on: (n) => n % 3 === 0,
  },
  {
    apiKeyId: 'key_web_prod',
    projectId: 'proj_web',
    userId: null,
    model: MINI,
    input: 3_000_000,
    cached: 1_000_000,
    output: 600_000,
    requests: 2_000,
  },
  {
    apiKeyId: 'key_web_ada',
    projectId: 'proj_web',
    userId: 'user-ada',
    model: WEB,
    input: 90_000,
    cached: 0,
    output: 30_000,
    requests: 45,
  },
  {
    apiKeyId: 'key_data_batch',
    projectId: 'proj_data',
    userId: 'user-alan',
    model: MINI,
    batch: true,
    input: 8_000_000,
    cached: 0,
    output: 1_500_000,
    requests: 5_000,
  },
  {
    apiKeyId: 'key_data_batch',
    projectId: 'proj_data',
    userId: 'user-alan',
    model: MINI,
    input: 50_000,
    cached: 10_000,
    output: 8_000,
    requests: 20,
  },
  {
    apiKeyId: 'key_lab_grace',
    projectId: 'proj_lab',
    userId: 'user-grace',
    model: WEB,
    input: 400_000,
    cached: 120_000,
    output: 90_000,
    requests: 150,
    on: (n) => n >= 10,
  },
  {
    apiKeyId: 'key_lab_grace',
    projectId: 'proj_lab',
    userId: 'user-grace',
    model: MINI,
    input: 200_000,
    cached: 0,
    output: 40_000,
    requests: 80,
    on: (n) => n >= 10,
  },
  // The Playground: a user, no key — spend no key is named for.
  {
    apiKeyId: null,
    projectId: 'proj_lab',
    userId: 'user-ada',
    model: MINI,
    input: 20_000,
    cached: 0,
    output: 6_000,
    requests: 12,
    on: (n) => n % 2 === 0,
  },
];

/** Web search tool calls a day (at ten tenths), per key; none have usage rows (they are not completions). */
const SEARCHES: { apiKeyId: string | null; projectId: string; calls: number }[] = [
  { apiKeyId: 'key_web_prod', projectId: 'proj_web', calls: 300 },
  { apiKeyId: null, projectId: 'proj_lab', calls: 20 },
];

/**
 * "Who spent it": 3 projects, 5 project API keys (one a service account's, one never used), 4 users (one with no
 * key usage), over the last `days` days. Cost rows are per (project, API key, line item) with quantities and
 * amounts of exactly quantity × ATTRIBUTED_UNIT_PRICES; usage rows per (user, key, project, model, batch, tier).
 * The two agree on every day, for every project and key (null included), model, batch and tier:
 *   Σ (inputTokens − cachedTokens) = quantity of attributedLineItem(model, 'input', batch, tier)
 *   Σ cachedTokens                 = quantity of attributedLineItem(model, 'cached input', batch, tier)
 *   Σ outputTokens                 = quantity of attributedLineItem(model, 'output', batch, tier)
 * (cost rows of quantity 0 are left out). `web search tool calls` has quantity = calls and quantity_unit null.
 * Spend with api_key_id null: the Playground's tokens and some web search. Every 13th day (from the 6th oldest)
 * has no spend at all.
 */
export function attributedOrganisation(days = 40, now = new Date()): FakeOrganisation {
  const org: FakeOrganisation = {
    projects: [
      { id: 'proj_web', name: 'Web app' },
      { id: 'proj_data', name: 'Data pipeline' },
      { id: 'proj_lab', name: 'Research lab' },
    ],
    users: [
      { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com', role: 'owner' },
      { id: 'user-grace', name: 'Grace Hopper', email: 'grace@example.com', role: 'reader' },
      { id: 'user-alan', name: 'Alan Turing', email: 'alan@example.com', role: 'reader' },
      { id: 'user-katherine', name: 'Katherine Johnson', email: 'katherine@example.com', role: 'reader' },
    ],
    apiKeys: [
      {
        id: 'key_web_prod',
        projectId: 'proj_web',
        name: 'Web backend (production)',
        owner: { type: 'service_account', id: 'svc_acct_web', name: 'web-backend' },
        createdAt: 1_700_000_000,
      },
      {
        id: 'key_web_ada',
        projectId: 'proj_web',
        name: "Ada's laptop",
        owner: { type: 'user', id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
        createdAt: 1_700_086_400,
      },
      {
        id: 'key_data_batch',
        projectId: 'proj_data',
        name: 'Nightly batch',
        owner: { type: 'user', id: 'user-alan', name: 'Alan Turing', email: 'alan@example.com' },
        createdAt: 1_700_172_800,
      },
      {
        id: 'key_lab_grace',
        projectId: 'proj_lab',
        name: 'Grace experiments',
        owner: { type: 'user', id: 'user-grace', name: 'Grace Hopper', email: 'grace@example.com' },
        createdAt: 1_700_259_200,
      },
      {
        id: 'key_lab_katherine',
        projectId: 'proj_lab',
        name: 'Katherine (unused)',
        owner: { type: 'user', id: 'user-katherine', name: 'Katherine Johnson', email: 'katherine@example.com' },
        createdAt: 1_700_345_600,
      },
    ],
    costs: {},
    usage: {},
  };
  const lastUsed = new Map<string, string>();
  for (let n = 0; n < days; n++) {
    const day = utcDay(n - (days - 1), now);
    if (n % 13 === 5) continue;
    const costs: FakeCost[] = [];
    const usage: FakeUsage[] = [];
    const bill = (
      projectId: string,
      apiKeyId: string | null,
      lineItem: string,
      quantity: number,
      quantityUnit: string | null = 'tokens',
    ) => {
      if (quantity === 0) return;
      // One row per (project, key, line item): streams that share them add up.
      const row = costs.find((c) => c.projectId === projectId && c.apiKeyId === apiKeyId && c.lineItem === lineItem);
      const total = (row?.quantity ?? 0) + quantity;
      const next: FakeCost = {
        projectId,
        apiKeyId,
        lineItem,
        quantity: total,
        quantityUnit,
        value: attributedAmount(lineItem, total),
      };
      if (row) Object.assign(row, next);
      else costs.push(next);
    };
    for (const [s, stream] of STREAMS.entries()) {
      if (stream.on && !stream.on(n)) continue;
      const tenths = 10 + ((n * 7 + s * 3) % 10);
      const scaled = (tokens: number) => (tokens * tenths) / 10;
      const [input, cached, output] = [scaled(stream.input), scaled(stream.cached), scaled(stream.output)];
      const { model, batch = false, serviceTier = 'default' } = stream;
      usage.push({
        model,
        inputTokens: input,
        cachedTokens: cached,
        outputTokens: output,
        requests: Math.ceil((stream.requests * tenths) / 10),
        projectId: stream.projectId,
        userId: stream.userId,
        apiKeyId: stream.apiKeyId,
        batch,
        serviceTier,
      });
      bill(stream.projectId, stream.apiKeyId, attributedLineItem(model, 'input', batch, serviceTier), input - cached);
      bill(stream.projectId, stream.apiKeyId, attributedLineItem(model, 'cached input', batch, serviceTier), cached);
      bill(stream.projectId, stream.apiKeyId, attributedLineItem(model, 'output', batch, serviceTier), output);
      if (stream.apiKeyId) lastUsed.set(stream.apiKeyId, day);
    }
    for (const [s, search] of SEARCHES.entries()) {
      bill(
        search.projectId,
        search.apiKeyId,
        'web search tool calls',
        (search.calls * (10 + ((n * 5 + s) % 10))) / 10,
        null,
      );
    }
    org.costs[day] = costs;
    org.usage[day] = usage;
  }
  // Last used: noon of the last day with usage, never after `now`; null for a key never used.
  for (const key of org.apiKeys!) {
    const day = lastUsed.get(key.id);
    key.lastUsedAt = day ? Math.floor(Math.min(Date.parse(`${day}T12:00:00Z`), now.getTime()) / 1000) : null;
  }
  return org;
}
