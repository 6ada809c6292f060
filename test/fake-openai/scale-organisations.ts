/**
 * Organisations the size of real ones, for the scale benchmark and the scale tests: a year of daily Costs with
 * live-shaped amounts (decimal strings with ~40 fraction digits, as OpenAI sends them), so every sum takes the
 * exact path.
 */
import type { FakeCost, FakeOrganisation, FakeUsage } from './fake-openai-server';

export interface ScaleShape {
  projects: number;
  lineItemsPerProject: number;
  /** Days of history ending today (UTC), today included. */
  days: number;
}

/** The mid-size organisation: 20 projects × 60 line items, 1,200 cost rows a day. */
export const MID_SIZE: ScaleShape = { projects: 20, lineItemsPerProject: 60, days: 365 };
/** 150 projects × 15 line items: 2,250 rows a day, whose 180-day page is far beyond 64 MB. */
export const WIDE: ScaleShape = { projects: 150, lineItemsPerProject: 15, days: 365 };
/** Ten times the mid-size organisation: 12,000 rows a day, 4.4 million a year. */
export const TEN_TIMES: ScaleShape = { projects: 200, lineItemsPerProject: 60, days: 365 };

const KINDS = ['input', 'output', 'cached input', 'batch input'];
const MODELS = [
  'gpt-4o-2024-08-06',
  'gpt-4o-mini-2024-07-18',
  'gpt-4.1-2025-04-14',
  'o3-2025-04-16',
  'text-embedding-3-small',
];

export function lineItemName(index: number): string {
  return `${MODELS[index % MODELS.length]}-v${Math.floor(index / (MODELS.length * KINDS.length))}, ${KINDS[Math.floor(index / MODELS.length) % KINDS.length]}`;
}

/** Days from `days - 1` days before `now`'s UTC day up to that day, oldest first. */
function daysUpTo(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * A deterministic organisation of the given shape. Amounts are decimal strings of up to 40 fraction digits; each
 * row's value depends on its day, project and line item only, so a test can compute any expected sum itself.
 */
export function scaleOrganisation(shape: ScaleShape, now = new Date()): FakeOrganisation {
  const costs: Record<string, FakeCost[]> = {};
  const usage: Record<string, FakeUsage[]> = {};
  const projects = Array.from({ length: shape.projects }, (_, p) => ({
    id: `proj_${String(p).padStart(3, '0')}`,
    name: `Project ${p + 1}`,
  }));
  for (const [d, day] of daysUpTo(now, shape.days).entries()) {
    const rows: FakeCost[] = [];
    for (let p = 0; p < shape.projects; p++) {
      for (let l = 0; l < shape.lineItemsPerProject; l++) {
        const cents = ((d * 31 + p * 7 + l * 13) % 9000) + 1;
        const tail = String((d * 17 + p * 5 + l * 3) % 1_000_000).padStart(6, '0');
        rows.push({
          projectId: projects[p].id,
          lineItem: lineItemName(l),
          value: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}${tail}00000000000000000000000000000001`,
          quantity: cents * 1000,
        });
      }
    }
    costs[day] = rows;
    usage[day] = MODELS.map((model, m) => ({
      model,
      inputTokens: 1_000_000 + d * 10 + m,
      outputTokens: 200_000 + m,
      cachedTokens: 50_000,
      requests: 400 + m,
    }));
  }
  return { projects, costs, usage };
}
