/**
 * The on-disk format of one account-month: compact tuples, validated on read.
 * One file per month means a poll rewrites only the month(s) it touched.
 *
 * Version 2 keeps each cost row's amount as the exact decimal text the provider sent (no exponent, no trailing
 * zeros) and its currency. Version 1 (written before amounts were kept exactly) stored integer micros; it is
 * still read, and rewritten as version 2 the next time its month changes.
 */
import { z } from 'zod';
import { exactToDecimal, microsToExact, parseExact } from '../../../shared/money';
import type { CostRow, UsageRow } from './types';

const count = z.number().int().nonnegative();
/** More than any provider label is allowed to be (schemas bound them at 500), so what is written is always read back. */
const text = z.string().max(10_000);
const exactDecimal = z.string().regex(/^-?\d{1,13}(?:\.\d{1,48})?$/, 'not an exact decimal');
const currency = z.string().regex(/^[a-z]{3}$/, 'not a currency code');
const quantity = z.number().finite().nullable();
const costTupleV1 = z.tuple([text.nullable(), text.nullable(), z.number().int().refine(Number.isSafeInteger), quantity]);
const costTupleV2 = z.tuple([text.nullable(), text.nullable(), exactDecimal, quantity, currency]);
const usageTuple = z.tuple([text.nullable(), count, count, count, count]);
const dayKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const monthFileSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal(1), month: z.string().regex(/^\d{4}-\d{2}$/), costs: z.record(dayKey, z.array(costTupleV1)), usage: z.record(dayKey, z.array(usageTuple)) }),
  z.object({ version: z.literal(2), month: z.string().regex(/^\d{4}-\d{2}$/), costs: z.record(dayKey, z.array(costTupleV2)), usage: z.record(dayKey, z.array(usageTuple)) }),
]);

export interface MonthContents {
  costs: Map<string, CostRow[]>;
  usage: Map<string, UsageRow[]>;
}

export function serializeMonth(month: string, contents: MonthContents): string {
  const sortedEntries = <T>(map: Map<string, T[]>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({
    version: 2,
    month,
    costs: Object.fromEntries(
      sortedEntries(contents.costs).map(([day, rows]) => [day, rows.map((r) => [r.projectId, r.lineItem, exactToDecimal(r.amount), r.quantity, r.currency])]),
    ),
    usage: Object.fromEntries(
      sortedEntries(contents.usage).map(([day, rows]) => [
        day,
        rows.map((r) => [r.model, r.inputTokens, r.outputTokens, r.cachedTokens, r.requests]),
      ]),
    ),
  });
}

/** Parses a month file (version 1 or 2); throws with a reason if it is damaged or belongs to another month. */
export function parseMonth(month: string, fileText: string): MonthContents {
  const data = monthFileSchema.parse(JSON.parse(fileText));
  if (data.month !== month) throw new Error(`file holds ${data.month}, expected ${month}`);
  for (const day of [...Object.keys(data.costs), ...Object.keys(data.usage)]) {
    if (!day.startsWith(month)) throw new Error(`day ${day} does not belong to ${month}`);
  }
  const costs = new Map<string, CostRow[]>();
  if (data.version === 1) {
    for (const [day, rows] of Object.entries(data.costs)) {
      costs.set(day, rows.map(([projectId, lineItem, micros, qty]) => ({ projectId, lineItem, amount: microsToExact(micros), currency: 'usd', quantity: qty })));
    }
  } else {
    for (const [day, rows] of Object.entries(data.costs)) {
      costs.set(day, rows.map(([projectId, lineItem, amount, qty, cur]) => ({ projectId, lineItem, amount: parseExact(amount), currency: cur, quantity: qty })));
    }
  }
  return {
    costs,
    usage: new Map(
      Object.entries(data.usage).map(([day, rows]) => [
        day,
        rows.map(([model, inputTokens, outputTokens, cachedTokens, requests]) => ({ model, inputTokens, outputTokens, cachedTokens, requests })),
      ]),
    ),
  };
}
