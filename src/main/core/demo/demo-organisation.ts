/**
 * A deterministic built-in demo organisation, served when no account is configured, so a fresh
 * install shows a working app. Each day's figures depend only on the date (a seeded hash), so the
 * same day always shows the same numbers; weekdays are busier than weekends.
 */
import { addDays, dayRange, msFromDay, type UtcDay } from '../../../shared/dates';
import { exactToMicros, microsToExact, ACCOUNT_CURRENCY } from '../../../shared/money';
import { AccountHistory } from '../history/account-history';
import type { CostRow, UsageRow } from '../history/types';

export const DEMO_ACCOUNT_ID = 'demo';
export const DEMO_ACCOUNT_NAME = 'Demo organisation';
const DEMO_DAYS = 183;

export const DEMO_PROJECTS: Record<string, string> = {
  proj_demo_web: 'Web app',
  proj_demo_support: 'Support bot',
  proj_demo_pipeline: 'Data pipeline',
  proj_demo_research: 'Research sandbox',
};

interface DemoLine {
  lineItem: string;
  model: string;
  /** Typical weekday cost in micros per project weight unit. */
  baseMicros: number;
  /** micros per token, to derive token counts for the usage chart. */
  microsPerToken: number;
  output: boolean;
}

const LINES: DemoLine[] = [
  {
    lineItem: 'gpt-4o-2024-08-06, input',
    model: 'gpt-4o-2024-08-06',
    baseMicros: 3_400_000,
    microsPerToken: 2.5,
    output: false,
  },
  {
    lineItem: 'gpt-4o-2024-08-06, output',
    model: 'gpt-4o-2024-08-06',
    baseMicros: 5_100_000,
    microsPerToken: 10,
    output: true,
  },
  {
    lineItem: 'gpt-4o-mini-2024-07-18, input',
    model: 'gpt-4o-mini-2024-07-18',
    baseMicros: 420_000,
    microsPerToken: 0.15,
    output: false,
  },
  {
    lineItem: 'gpt-4o-mini-2024-07-18, output',
    model: 'gpt-4o-mini-2024-07-18',
    baseMicros: 610_000,
    microsPerToken: 0.6,
    output: true,
  },
  {
    lineItem: 'o3-mini-2025-01-31, input',
    model: 'o3-mini-2025-01-31',
    baseMicros: 900_000,
    microsPerToken: 1.1,
    output: false,
  },
  {
    lineItem: 'o3-mini-2025-01-31, output',
    model: 'o3-mini-2025-01-31',
    baseMicros: 1_700_000,
    microsPerToken: 4.4,
    output: true,
  },
  {
    lineItem: 'text-embedding-3-small',
    model: 'text-embedding-3-small',
    baseMicros: 150_000,
    microsPerToken: 0.02,
    output: false,
  },
  { lineItem: 'whisper-1', model: 'whisper-1', baseMicros: 380_000, microsPerToken: 0, output: false },
];

/** One API key per project, so the demo breaks down by key as a real organisation does. */
export const DEMO_API_KEYS: Record<string, { name: string; owner: string | null; projectId: string | null }> =
  Object.fromEntries(
    Object.entries(DEMO_PROJECTS).map(([projectId, name]) => [
      `key_${projectId.slice(5)}`,
      { name: `${name} key`, owner: null, projectId },
    ]),
  );

/** Which lines each project uses, and how heavily. */
const PROJECT_MIX: Record<string, { weight: number; lines: number[] }> = {
  proj_demo_web: { weight: 1.6, lines: [0, 1, 2, 3, 6] },
  proj_demo_support: { weight: 1.1, lines: [2, 3, 7] },
  proj_demo_pipeline: { weight: 0.8, lines: [4, 5, 6] },
  proj_demo_research: { weight: 0.4, lines: [0, 1, 4, 5] },
};

/** A stable pseudo-random number in [0, 1) for a string seed (FNV-1a, then a mixer). */
function unitHash(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32;
}

function dayFactor(day: UtcDay): number {
  const weekday = new Date(msFromDay(day)).getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? 0.45 : weekday === 1 ? 1.1 : 1;
  // Slow growth over time, so months differ and the forecast has a trend to follow.
  const growth = 1 + ((msFromDay(day) / 86_400_000) % 3650) / 3650;
  return weekly * growth;
}

function demoCostsForDay(day: UtcDay): CostRow[] {
  const rows: CostRow[] = [];
  for (const [projectId, mix] of Object.entries(PROJECT_MIX)) {
    for (const index of mix.lines) {
      const line = LINES[index];
      const noise = 0.7 + 0.6 * unitHash(`${day}|${projectId}|${line.lineItem}`);
      const micros = Math.round(line.baseMicros * mix.weight * dayFactor(day) * noise);
      const quantity = line.microsPerToken ? Math.round(micros / line.microsPerToken) : null;
      rows.push({
        projectId,
        lineItem: line.lineItem,
        amount: microsToExact(micros),
        currency: ACCOUNT_CURRENCY,
        quantity,
        quantityUnit: quantity === null ? null : 'tokens',
        apiKeyId: `key_${projectId.slice(5)}`,
      });
    }
  }
  return rows;
}

function demoUsageForDay(day: UtcDay): UsageRow[] {
  const byModel = new Map<string, UsageRow>();
  for (const row of demoCostsForDay(day)) {
    const line = LINES.find((l) => l.lineItem === row.lineItem)!;
    if (!line.microsPerToken) continue;
    const usage = byModel.get(line.model) ?? {
      model: line.model,
      inputTokens: 0,
      outputTokens: 0,
      cachedTokens: 0,
      requests: 0,
      batch: false,
    };
    const tokens = row.quantity ?? 0;
    if (line.output) usage.outputTokens += tokens;
    else {
      usage.inputTokens += tokens;
      usage.requests += Math.max(1, Math.round(tokens / 1800));
    }
    byModel.set(line.model, usage);
  }
  return [...byModel.values()];
}

/** The demo history for the DEMO_DAYS days ending today (today is partial, like a live day). */
export function demoHistory(today: UtcDay, nowFractionOfDay: number): AccountHistory {
  const history = new AccountHistory();
  const costs = new Map<UtcDay, CostRow[]>();
  const usage = new Map<UtcDay, UsageRow[]>();
  for (const day of dayRange(addDays(today, -(DEMO_DAYS - 1)), today)) {
    let rows = demoCostsForDay(day);
    // Today is partial: its amounts and quantities alike, so its unit prices are the same as any day's.
    if (day === today) {
      rows = rows.map((r) => ({
        ...r,
        amount: microsToExact(Math.round(exactToMicros(r.amount) * nowFractionOfDay)),
        quantity: r.quantity === null ? null : Math.round(r.quantity * nowFractionOfDay),
      }));
    }
    costs.set(day, rows);
    usage.set(day, demoUsageForDay(day));
  }
  history.loadMonth(costs, usage);
  return history;
}
