/**
 * The on-disk format of one account-month: compact tuples, validated on read.
 * One file per month means a poll rewrites only the month(s) it touched.
 */
import { z } from 'zod';
import type { CostRow, UsageRow } from './types';

const count = z.number().int().nonnegative();
const costTuple = z.tuple([z.string().nullable(), z.string().nullable(), z.number().int(), z.number().nullable()]);
const usageTuple = z.tuple([z.string().nullable(), count, count, count, count]);
const dayKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const monthFileSchema = z.object({
  version: z.literal(1),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  costs: z.record(dayKey, z.array(costTuple)),
  usage: z.record(dayKey, z.array(usageTuple)),
});

export interface MonthContents {
  costs: Map<string, CostRow[]>;
  usage: Map<string, UsageRow[]>;
}

export function serializeMonth(month: string, contents: MonthContents): string {
  const sortedEntries = <T>(map: Map<string, T[]>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({
    version: 1,
    month,
    costs: Object.fromEntries(
      sortedEntries(contents.costs).map(([day, rows]) => [day, rows.map((r) => [r.projectId, r.lineItem, r.micros, r.quantity])]),
    ),
    usage: Object.fromEntries(
      sortedEntries(contents.usage).map(([day, rows]) => [
        day,
        rows.map((r) => [r.model, r.inputTokens, r.outputTokens, r.cachedTokens, r.requests]),
      ]),
    ),
  });
}

/** Parses a month file; throws with a reason if it is damaged or belongs to another month. */
export function parseMonth(month: string, text: string): MonthContents {
  const data = monthFileSchema.parse(JSON.parse(text));
  if (data.month !== month) throw new Error(`file holds ${data.month}, expected ${month}`);
  for (const day of [...Object.keys(data.costs), ...Object.keys(data.usage)]) {
    if (!day.startsWith(month)) throw new Error(`day ${day} does not belong to ${month}`);
  }
  return {
    costs: new Map(
      Object.entries(data.costs).map(([day, rows]) => [
        day,
        rows.map(([projectId, lineItem, micros, quantity]) => ({ projectId, lineItem, micros, quantity })),
      ]),
    ),
    usage: new Map(
      Object.entries(data.usage).map(([day, rows]) => [
        day,
        rows.map(([model, inputTokens, outputTokens, cachedTokens, requests]) => ({
          model,
          inputTokens,
          outputTokens,
          cachedTokens,
          requests,
        })),
      ]),
    ),
  };
}
