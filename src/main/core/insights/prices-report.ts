/**
 * `spendwatch prices`: the unit prices actually billed — each line item's cost ÷ its quantity over a month, in the
 * unit the provider names — with last month's for comparison. Line items billed without a quantity (a tool, a
 * credit, Anthropic's cost report) have no unit price and are counted apart.
 */
import { addMonths, type UtcDay } from '../../../shared/dates';
import { exactToMicros, microsToDecimal, type ExactAmount } from '../../../shared/money';
import type { LineQuantity } from '../history/account-history';
import { pricePerUnit, priceToDecimal } from '../aggregate/unit-prices';
import type { HistoryView } from '../aggregate/dimension-values';
import { monthDays } from './breakdown-report';
import { addDays } from '../../../shared/dates';

export interface PriceRow {
  lineItem: string;
  amount: string;
  quantity: number;
  unit: string;
  /** Dollars per one unit, as a decimal string. */
  unitPrice: string;
}

export interface LinePrice {
  lineItem: string;
  amount: ExactAmount;
  quantity: number;
  unit: string;
  price: ExactAmount;
  /** The same line item's unit price last month, when it was billed in the same unit. */
  previousPrice: ExactAmount | null;
}

/** Each line item's month: exact amount and quantity (one unit, or none). */
function lineTotals(
  views: HistoryView[],
  from: UtcDay,
  to: UtcDay,
): Map<string, { amount: ExactAmount; quantity: LineQuantity | null }> {
  const lines = new Map<string, { amount: ExactAmount; quantity: LineQuantity | null }>();
  for (const { history } of views) {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const summary = history.summary(d);
      if (!summary) continue;
      for (const [lineItem, amount] of summary.byLineItem) {
        const q = summary.lineQuantities.get(lineItem) ?? { quantity: 0, unit: null };
        const line = lines.get(lineItem);
        if (!line) {
          lines.set(lineItem, { amount, quantity: q.unit === null ? null : { ...q } });
          continue;
        }
        line.amount += amount;
        line.quantity =
          line.quantity && q.unit !== null && q.unit === line.quantity.unit
            ? { quantity: line.quantity.quantity + q.quantity, unit: q.unit }
            : null;
      }
    }
  }
  return lines;
}

function priced(
  lines: ReturnType<typeof lineTotals>,
): Map<string, { amount: ExactAmount; quantity: number; unit: string; price: ExactAmount }> {
  const result = new Map<string, { amount: ExactAmount; quantity: number; unit: string; price: ExactAmount }>();
  for (const [lineItem, line] of lines) {
    if (!line.quantity?.unit) continue;
    const price = pricePerUnit(line.amount, line.quantity.quantity);
    if (price !== undefined)
      result.set(lineItem, { amount: line.amount, quantity: line.quantity.quantity, unit: line.quantity.unit, price });
  }
  return result;
}

/** A month's unit prices by line item, largest amount first, with last month's (to date, for this month). */
export function linePrices(
  views: HistoryView[],
  month: string,
  today: UtcDay,
): { lines: LinePrice[]; unpriced: number } {
  return linePricesBetween(views, monthDays(month, today), monthDays(addMonths(month, -1), today));
}

/** One UTC day's unit prices by line item, with the day before's. */
export function dayLinePrices(views: HistoryView[], day: UtcDay): { lines: LinePrice[]; unpriced: number } {
  const before = addDays(day, -1);
  return linePricesBetween(views, { from: day, to: day }, { from: before, to: before });
}

type Period = { from: UtcDay; to: UtcDay };

function linePricesBetween(
  views: HistoryView[],
  period: Period,
  previousPeriod: Period,
): { lines: LinePrice[]; unpriced: number } {
  const lines = lineTotals(views, period.from, period.to);
  const current = priced(lines);
  const previous = priced(lineTotals(views, previousPeriod.from, previousPeriod.to));
  const rows = [...current].map(([lineItem, line]): LinePrice => {
    const before = previous.get(lineItem);
    return { lineItem, ...line, previousPrice: before && before.unit === line.unit ? before.price : null };
  });
  rows.sort((a, b) => (a.amount === b.amount ? a.lineItem.localeCompare(b.lineItem) : a.amount > b.amount ? -1 : 1));
  return { lines: rows, unpriced: [...lines.keys()].filter((l) => !current.has(l)).length };
}

export function pricesDocument(prices: { lines: LinePrice[] }): { rows: PriceRow[] } {
  return {
    rows: prices.lines.map((l) => ({
      lineItem: l.lineItem,
      amount: microsToDecimal(exactToMicros(l.amount)),
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: priceToDecimal(l.price),
    })),
  };
}
