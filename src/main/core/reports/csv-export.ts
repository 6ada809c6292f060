/**
 * CSV export: one row per UTC day × account × project × line item, amounts as exact decimal strings.
 * Keys never appear; only names and ids OpenAI reports.
 */
import { stringify } from 'csv-stringify/sync';
import { addDays, type UtcDay } from '../../../shared/dates';
import { withFractionDigits } from '../../../shared/money';
import { UNASSIGNED_PROJECT, UNNAMED_LINE_ITEM } from '../history/account-history';
import type { ResolvedAccount } from '../account-views';
import { neutraliseCsvCell } from '../text/safe-output';
import { own } from '../../../shared/records';

export const CSV_COLUMNS = ['date_utc', 'account', 'project_id', 'project_name', 'line_item', 'amount', 'currency'] as const;

/**
 * The CSV a UTC day at a time (the header first): a year of a large organisation is streamed out with one day's
 * rows in memory, never the whole file.
 */
export function* costsCsvChunks(accounts: ResolvedAccount[], from: UtcDay, to: UtcDay): Generator<string> {
  yield stringify([], { header: true, columns: [...CSV_COLUMNS] });
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const records: string[][] = [];
    for (const { account, view } of accounts) {
      const rows = view.history.exportRows(day).sort(
        (a, b) => (a.projectId ?? '').localeCompare(b.projectId ?? '') || (a.lineItem ?? '').localeCompare(b.lineItem ?? ''),
      );
      for (const row of rows) {
        records.push([
          day,
          // Names come from the provider (any org member sets them): text cells never start a formula.
          neutraliseCsvCell(account.name),
          neutraliseCsvCell(row.projectId ?? ''),
          neutraliseCsvCell(row.projectId ? (own(view.projectNames, row.projectId) ?? row.projectId) : UNASSIGNED_PROJECT),
          neutraliseCsvCell(row.lineItem ?? UNNAMED_LINE_ITEM),
          // Each row's amount exactly as OpenAI sent it: the rows add up to the totals shown, to the last digit.
          withFractionDigits(row.amount, 2),
          neutraliseCsvCell(row.currency),
        ]);
      }
    }
    if (records.length) yield stringify(records, { columns: [...CSV_COLUMNS] });
  }
}
