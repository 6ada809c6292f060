/**
 * The dimension registry: every way spend can be broken down, declared once. Adding an id to `DIMENSION_IDS`
 * makes `DIMENSIONS` — and every other `Record<Dimension, …>` (history sums, aggregation, views, the CLI, the
 * charts' nouns) — a compile error until the new dimension is handled there. Pure data: main, CLI and renderer
 * read it alike.
 */
import type { ProviderId } from './providers';

/** In the order the dashboard offers them. `groupBySchema` (dashboard-view.ts) is built from it. */
export const DIMENSION_IDS = ['model', 'line_item', 'project', 'api_key', 'user'] as const;
export type Dimension = (typeof DIMENSION_IDS)[number];

/**
 * How a dimension's figures are known. `billed`: the provider's cost data is grouped by it, so the figures are
 * the bill's. `estimated`: usage (tokens) by it × the same day's effective unit prices of the billed line items.
 */
export type Basis = 'billed' | 'estimated';

export interface DimensionInfo {
  /** "API key", as a column or control label. */
  label: string;
  /** [singular, plural] in a sentence: "5 API keys". */
  nouns: [string, string];
  /** The `--by` value of `spendwatch breakdown`. */
  cli: string;
  basis: Record<ProviderId, Basis>;
  /** The name of spend that carries no value of this dimension. */
  unattributed: string;
}

export const DIMENSIONS: Record<Dimension, DimensionInfo> = {
  model: {
    label: 'Model',
    nouns: ['model', 'models'],
    cli: 'model',
    basis: { openai: 'billed', anthropic: 'billed' },
    unattributed: '(other)',
  },
  line_item: {
    label: 'Line item',
    nouns: ['line item', 'line items'],
    cli: 'line-item',
    basis: { openai: 'billed', anthropic: 'billed' },
    unattributed: '(other)',
  },
  project: {
    label: 'Project',
    nouns: ['project', 'projects'],
    cli: 'project',
    basis: { openai: 'billed', anthropic: 'billed' },
    unattributed: '(no project)',
  },
  // OpenAI's Costs can be grouped by API key; Anthropic's cost report cannot (its usage report can).
  api_key: {
    label: 'API key',
    nouns: ['API key', 'API keys'],
    cli: 'api-key',
    basis: { openai: 'billed', anthropic: 'estimated' },
    unattributed: 'Unattributed',
  },
  // Neither provider bills per person: usage by user × unit prices.
  user: {
    label: 'User',
    nouns: ['user', 'users'],
    cli: 'user',
    basis: { openai: 'estimated', anthropic: 'estimated' },
    unattributed: 'Unattributed',
  },
};

/** The dimension a CLI `--by` value names, or undefined. */
export function dimensionFromCli(value: string): Dimension | undefined {
  return DIMENSION_IDS.find((id) => DIMENSIONS[id].cli === value);
}

/** The key under which spend without a value of the dimension is summed (never a provider's id: those have no parentheses). */
export const UNATTRIBUTED_KEY = '(unattributed)';

/** A chart's folded remainder: the small series' real spend, never a credit. */
export const OTHER_SERIES = '__other__';
/** Every key whose total over the range is negative (credit grants, refunds): one series and row of its own. */
export const CREDITS_SERIES = '__credits__';

/** Whether figures by this dimension are estimates for any of these providers (said wherever they are shown). */
export function isEstimated(dimension: Dimension, providers: readonly ProviderId[]): boolean {
  return providers.some((p) => DIMENSIONS[dimension].basis[p] === 'estimated');
}
