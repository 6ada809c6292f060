/**
 * `spendwatch breakdown`: a month's spend by one dimension, as rows that add up to the month's bill. Billed
 * dimensions come from the provider's own grouping; estimated ones (per user, and per API key for Anthropic) from
 * usage × the same day's unit prices. Each figure is rounded once, to the micro-dollar.
 */
import { firstDayOfMonth, lastDayOfMonth, type UtcDay } from '../../../shared/dates';
import { DIMENSIONS, UNATTRIBUTED_KEY, type Basis, type Dimension } from '../../../shared/dimensions';
import { exactToMicros, microsToDecimal, type ExactAmount } from '../../../shared/money';
import { own } from '../../../shared/records';
import { exactBreakdown, exactBetween } from '../aggregate/aggregations';
import { basisOf, nameOf, type HistoryView } from '../aggregate/dimension-values';

interface BreakdownRow {
  id: string;
  name: string;
  email?: string;
  owner?: string;
  project?: string;
  amount: string;
  /** Of the month's total, 0–1, to 6 decimals. */
  share: number;
}

export interface BreakdownDocument {
  account: string;
  month: string;
  by: string;
  basis: Basis;
  total: string;
  unattributed: string;
  rows: BreakdownRow[];
}

/** The days of `month` a report covers: the whole month, or up to today for the current one. */
export function monthDays(month: string, today: UtcDay): { from: UtcDay; to: UtcDay } {
  const last = lastDayOfMonth(month);
  return { from: firstDayOfMonth(month), to: last < today ? last : today };
}

export function breakdownDocument(
  accountName: string,
  views: HistoryView[],
  month: string,
  by: Dimension,
  today: UtcDay,
): BreakdownDocument {
  const { from, to } = monthDays(month, today);
  const total = exactBetween(views, from, to);
  const values = exactBreakdown(views, from, to, by);
  const unassigned = unassignedKeys(by);
  let attributed = 0n;
  const rows: { row: BreakdownRow; exact: ExactAmount }[] = [];
  for (const [id, exact] of values) {
    if (unassigned.has(id) || exact === 0n) continue;
    attributed += exact;
    rows.push({ row: describe(views, by, id, exact, total), exact });
  }
  rows.sort((a, b) => (a.exact === b.exact ? a.row.name.localeCompare(b.row.name) : a.exact > b.exact ? -1 : 1));
  return {
    account: accountName,
    month,
    by: DIMENSIONS[by].cli,
    basis: views.some((v) => basisOf(v, by) === 'estimated') ? 'estimated' : 'billed',
    total: microsToDecimal(exactToMicros(total)),
    // What no row carries: the rest of the bill, so rows and this add up to the total.
    unattributed: microsToDecimal(exactToMicros(total - attributed)),
    rows: rows.map((r) => r.row),
  };
}

/** The keys under which a dimension keeps spend that has no value of it. */
function unassignedKeys(by: Dimension): Set<string> {
  const keys = new Set([UNATTRIBUTED_KEY]);
  if (by === 'project') keys.add(DIMENSIONS.project.unattributed);
  if (by === 'line_item' || by === 'model') keys.add(DIMENSIONS[by].unattributed);
  return keys;
}

function describe(
  views: HistoryView[],
  by: Dimension,
  id: string,
  exact: ExactAmount,
  total: ExactAmount,
): BreakdownRow {
  const row: BreakdownRow = {
    id,
    name: id,
    amount: microsToDecimal(exactToMicros(exact)),
    share: shareOf(exact, total),
  };
  for (const view of views) {
    const name = nameOf(view, by, id);
    if (name !== id) row.name = name;
    if (by === 'user') {
      const user = view.users && own(view.users, id);
      if (user?.email) row.email = user.email;
    }
    if (by === 'api_key') {
      const key = view.apiKeys && own(view.apiKeys, id);
      if (key?.owner) row.owner = key.owner;
      if (key?.projectId) row.project = own(view.projectNames, key.projectId) ?? key.projectId;
    }
  }
  return row;
}

function shareOf(part: ExactAmount, whole: ExactAmount): number {
  if (whole === 0n) return 0;
  return Number((part * 1_000_000n) / whole) / 1_000_000;
}
