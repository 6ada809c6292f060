/**
 * History in the format Spendwatch kept before its database: one JSON file per account-month (version 2: exact
 * decimal text), as src/main/core/history/month-file.ts reads it. Tests write it to check the migration; the
 * real files the earlier versions wrote are in test/fixtures/history/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monthOf } from '../../src/shared/dates';
import { exactToDecimal } from '../../src/shared/money';
import type { AccountHistory } from '../../src/main/core/history/account-history';

/** Writes every stored day of `history` as version-2 month files into `dir` (an account's history folder). */
export function writeLegacyMonths(history: AccountHistory, dir: string): string[] {
  const months = new Map<string, { costs: Record<string, unknown[]>; usage: Record<string, unknown[]> }>();
  const monthFor = (day: string) => {
    const month = monthOf(day);
    if (!months.has(month)) months.set(month, { costs: {}, usage: {} });
    return months.get(month)!;
  };
  for (const day of [...history.days()].sort()) {
    monthFor(day).costs[day] = (history.costRows(day) ?? []).map((r) => [
      r.projectId,
      r.lineItem,
      exactToDecimal(r.amount),
      r.quantity,
      r.currency,
    ]);
    const usage = history.usageRows(day);
    if (usage)
      monthFor(day).usage[day] = usage.map((r) => [r.model, r.inputTokens, r.outputTokens, r.cachedTokens, r.requests]);
  }
  mkdirSync(dir, { recursive: true });
  for (const [month, contents] of months)
    writeFileSync(join(dir, `${month}.json`), JSON.stringify({ version: 2, month, ...contents }));
  return [...months.keys()].sort();
}
