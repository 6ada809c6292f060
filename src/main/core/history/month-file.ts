/**
 * The history format before the database (history.sqlite): one JSON file of compact tuples per account-month.
 * Only read now, to migrate such files on first run (legacy-months.ts); nothing writes it any more.
 *
 * Version 2 keeps each cost row's amount as the exact decimal text the provider sent (no exponent, no trailing
 * zeros) and its currency. Version 1 (written before amounts were kept exactly) stored integer micros; it is
 * still read.
 */
import { z } from 'zod';
import { microsToExact, parseExact, ACCOUNT_CURRENCY } from '../../../shared/money';
import type { CostRow, UsageRow } from './types';

/** More than any provider label is allowed to be (schemas bound them at 500), so what is written is always read back. */
const MAX_TEXT = 10_000;
const EXACT_DECIMAL = /^-?\d{1,13}(?:\.\d{1,48})?$/;
const CURRENCY = /^[a-z]{3}$/;
const dayKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const rows = z.array(z.array(z.unknown()));

/**
 * zod checks the file's envelope; the rows (thousands of tuples a year) are checked by the small readers below,
 * because zod per tuple was most of the CLI's start-up (`status` reads every month file).
 */
const monthFileSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  costs: z.record(dayKey, rows),
  usage: z.record(dayKey, rows),
});

class RowError extends Error {}

const label = (v: unknown): string | null => {
  if (v === null || (typeof v === 'string' && v.length <= MAX_TEXT)) return v;
  throw new RowError('a label is not text');
};
const count = (v: unknown): number => {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  throw new RowError('a count is not a whole number');
};
const quantity = (v: unknown): number | null => {
  if (v === null || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw new RowError('a quantity is not a number');
};

function costRowV1(t: unknown[]): CostRow {
  if (t.length !== 4 || typeof t[2] !== 'number' || !Number.isSafeInteger(t[2]))
    throw new RowError('a cost row is not [project, line item, micros, quantity]');
  return {
    projectId: label(t[0]),
    lineItem: label(t[1]),
    amount: microsToExact(t[2]),
    currency: ACCOUNT_CURRENCY,
    quantity: quantity(t[3]),
  };
}

function costRowV2(t: unknown[]): CostRow {
  if (
    t.length !== 5 ||
    typeof t[2] !== 'string' ||
    !EXACT_DECIMAL.test(t[2]) ||
    typeof t[4] !== 'string' ||
    !CURRENCY.test(t[4])
  ) {
    throw new RowError('a cost row is not [project, line item, exact amount, quantity, currency]');
  }
  return {
    projectId: label(t[0]),
    lineItem: label(t[1]),
    amount: parseExact(t[2]),
    currency: t[4],
    quantity: quantity(t[3]),
  };
}

function usageRow(t: unknown[]): UsageRow {
  if (t.length !== 5) throw new RowError('a usage row is not [model, input, output, cached, requests]');
  return {
    model: label(t[0]),
    inputTokens: count(t[1]),
    outputTokens: count(t[2]),
    cachedTokens: count(t[3]),
    requests: count(t[4]),
  };
}

export interface MonthContents {
  costs: Map<string, CostRow[]>;
  usage: Map<string, UsageRow[]>;
}

/** Parses a month file (version 1 or 2); throws with a reason if it is damaged or belongs to another month. */
export function parseMonth(month: string, fileText: string): MonthContents {
  const data = monthFileSchema.parse(JSON.parse(fileText));
  if (data.month !== month) throw new Error(`file holds ${data.month}, expected ${month}`);
  for (const day of [...Object.keys(data.costs), ...Object.keys(data.usage)]) {
    if (!day.startsWith(month)) throw new Error(`day ${day} does not belong to ${month}`);
  }
  const costRow = data.version === 1 ? costRowV1 : costRowV2;
  const read = <T>(days: Record<string, unknown[][]>, row: (t: unknown[]) => T) =>
    new Map(Object.entries(days).map(([day, tuples]) => [day, tuples.map((t, i) => withPlace(day, i, () => row(t)))]));
  return { costs: read(data.costs, costRow), usage: read(data.usage, usageRow) };
}

function withPlace<T>(day: string, index: number, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RowError) throw new Error(`${day} row ${index + 1}: ${error.message}`, { cause: error });
    throw error;
  }
}
