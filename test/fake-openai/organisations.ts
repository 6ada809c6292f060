/** Deterministic fake organisations for tests and benchmarks. */
import type { FakeOrganisation } from './fake-openai-server';

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
      { projectId: 'proj_alpha', lineItem: 'gpt-4o-2024-08-06, input', value: 1.2345674 + (i % 5) * 0.01, quantity: 500000 },
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
      { projectId: 'proj_live', lineItem: 'gpt-4o-mini-2024-07-18, input', value: `0.0000${342 + n}0000000000000000000000000000000` },
      { projectId: 'proj_live', lineItem: 'gpt-4o-mini-2024-07-18, output', value: '0E-6176' },
      { projectId: 'proj_live', lineItem: 'gpt-4o-2024-08-06, input', value: { raw: `1.${String(n).padStart(3, '0')}00000000000000000000123` } },
      { projectId: 'proj_batch', lineItem: 'gpt-4o-2024-08-06, output', value: `${n}.5E-7` },
      { projectId: 'proj_batch', lineItem: 'batch, output', value: n % 3 === 0 ? 1e-7 : 2.5e-7 },
      { projectId: null, lineItem: 'web search tool calls', value: `0.0${n % 10}25000000000000000000000000000000000000` },
      { projectId: undefined, lineItem: null, value: '0.000000500000000000000000000000000000001' },
      { projectId: 'proj_live', lineItem: 'file search', value: undefined },
      { projectId: 'proj_live', lineItem: 'gpt-4o-2024-08-06, input', value: '2.10', currency: 'eur' },
    ];
  }
  return org;
}
