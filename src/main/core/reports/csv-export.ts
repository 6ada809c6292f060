/**
 * CSV export: one row per UTC day × account × project × line item × API key, amounts as exact decimal strings.
 * Admin keys never appear; only names and ids the provider reports (an API key's id, never the key).
 */
import { stringify } from 'csv-stringify/sync';
import { addDays, type UtcDay } from '../../../shared/dates';
import { withFractionDigits } from '../../../shared/money';
import { UNASSIGNED_PROJECT, UNNAMED_LINE_ITEM } from '../history/account-history';
import type { ResolvedAccount } from '../account-views';
import { neutraliseCsvCell } from '../text/safe-output';
import { own } from '../../../shared/records';

/** New columns go last, so a script reading the older columns by position keeps working. */
const CSV_COLUMNS = [
  'date_utc',
  'account',
  'project_id',
  'project_name',
  'line_item',
  'amount',
  'currency',
  'api_key_id',
  'quantity',
  'quantity_unit',
  'provider',
] as const;

/**
 * The CSV in pieces of at most a few thousand rows, day by day (the header first): a year of a large organisation
 * is streamed out with one day's rows in memory at most, never the whole file.
 */
export function* costsCsvChunks(accounts: ResolvedAccount[], from: UtcDay, to: UtcDay): Generator<string> {
  // The same few hundred labels come back on every row: each is made safe once per export, not once per cell.
  const safeLabels = new Map<string, string>();
  const safe = (text: string) =>
    safeLabels.get(text) ?? (safeLabels.set(text, neutraliseCsvCell(text)), safeLabels.get(text)!);
  yield stringify([], { header: true, columns: [...CSV_COLUMNS] });
  for (let day = from; day <= to; day = addDays(day, 1)) {
    for (const { account, view } of accounts) {
      for (const rows of view.history.exportRows(day)) {
        const records = rows.map((row) => [
          day,
          // Names come from the provider (any org member sets them): text cells never start a formula.
          safe(account.name),
          safe(row.projectId ?? ''),
          safe(row.projectId ? (own(view.projectNames, row.projectId) ?? row.projectId) : UNASSIGNED_PROJECT),
          safe(row.lineItem ?? UNNAMED_LINE_ITEM),
          // Each row's amount exactly as OpenAI sent it: the rows add up to the totals shown, to the last digit.
          withFractionDigits(row.amount, 2),
          safe(row.currency),
          safe(row.apiKeyId ?? ''),
          row.quantity === null ? '' : String(row.quantity),
          safe(row.quantityUnit ?? ''),
          account.provider,
        ]);
        yield stringify(records, { columns: [...CSV_COLUMNS] });
      }
    }
  }
}
