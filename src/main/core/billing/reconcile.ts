/**
 * Reconciles one recorded invoice against the exact costs in local history, as a pure function of the
 * invoice, the histories and today. expected = costs over the invoice's period + tax − credits applied;
 * difference = invoice total − expected; |difference| ≤ $0.01 is matched. Every explanation carries its figures.
 */
import {
  MATCH_TOLERANCE_MICROS,
  SETTLE_DAYS,
  type Explanation,
  type Invoice,
  type Reconciliation,
  type ReconciliationStatus,
} from '../../../shared/billing';
import { addDays, addMonths, dayFromMs, dayRange, type UtcDay, type UtcMonth } from '../../../shared/dates';
import { type Micros } from '../../../shared/money';
import { moneyText } from '../../../shared/money-text';
import { totalBetween, type HistoryView } from '../aggregate/aggregations';

export interface ReconcileInput {
  /** `provider`: its display name ("OpenAI", "Anthropic"), for the messages. */
  account: { id: string; name: string; provider: string };
  view: HistoryView;
  lastSyncedAt: string | null;
  /** The user's other accounts, to notice an invoice that belongs to another organisation. */
  others: { name: string; view: HistoryView }[];
  month: UtcMonth;
  invoice: Invoice | null;
  today: UtcDay;
}

/** The invoice's billing period: from its start day in `month` to the day before that day a month later. */
export function billingPeriod(month: UtcMonth, startDay = 1): { from: UtcDay; to: UtcDay } {
  const day = String(startDay).padStart(2, '0');
  return { from: `${month}-${day}`, to: addDays(`${addMonths(month, 1)}-${day}`, -1) };
}

/**
 * The first UTC day on which a period's costs are final: SETTLE_DAYS after its last day have passed.
 * @internal
 */
export const finalFrom = (periodEnd: UtcDay): UtcDay => addDays(periodEnd, SETTLE_DAYS + 1);

/** Days of a range that local history has never fetched (a fetched day without costs is stored empty). */
function missingDays(view: HistoryView, from: UtcDay, to: UtcDay): UtcDay[] {
  return dayRange(from, to).filter((d) => !view.history.hasDay(d));
}

/**
 * Half-even to the cent (10,000 micros), on integers.
 * @internal
 */
export function roundToCent(micros: Micros): Micros {
  const abs = Math.abs(micros);
  let cents = Math.floor(abs / 10_000);
  const rest = abs % 10_000;
  if (rest > 5_000 || (rest === 5_000 && cents % 2 === 1)) cents++;
  const rounded = cents * 10_000;
  return micros < 0 && rounded !== 0 ? -rounded : rounded;
}

const within = (a: Micros, b: Micros) => Math.abs(a - b) <= MATCH_TOLERANCE_MICROS;
const moreOrLess = (micros: Micros) => `${moneyText(Math.abs(micros))} ${micros >= 0 ? 'more' : 'less'}`;

export function reconcile(input: ReconcileInput): Reconciliation {
  const { invoice, month, view } = input;
  const period = billingPeriod(month, invoice?.periodStartDay ?? 1);
  const final = finalFrom(period.to);
  const costs = totalBetween([view], period.from, period.to);
  const expected = invoice ? costs + invoice.taxMicros - invoice.creditsMicros : costs;
  // Invoices bill whole cents while costs are exact micro-dollars: the difference is rounded once, to the cent.
  // Without an invoice there is nothing to differ from: the difference is zero by definition.
  const difference = invoice ? roundToCent(invoice.totalMicros - expected) : 0;
  const lastSyncDay = input.lastSyncedAt ? dayFromMs(Date.parse(input.lastSyncedAt)) : null;
  const settled = input.today >= final && lastSyncDay !== null && lastSyncDay >= final;

  let status: ReconciliationStatus;
  if (!settled) status = 'not-final';
  else if (!invoice) status = 'no-invoice';
  else status = within(difference, 0) ? 'matched' : 'discrepancy';

  const explanations: Explanation[] = [];
  if (!settled) explanations.push(notFinal(period, final, input.today, lastSyncDay, input.account.provider));
  if (!invoice) {
    if (settled)
      explanations.push({
        kind: 'no-invoice',
        amountMicros: null,
        message: `No invoice is recorded for ${input.account.name}, ${month}. Costs over ${period.from} to ${period.to} were ${moneyText(costs)}.`,
      });
  } else {
    // What matters first: the difference and what explains it (or that nothing does); then what the invoice
    // itself adds (tax and credits, already counted in "expected").
    const found =
      status === 'discrepancy' ? discrepancyExplanations(input, invoice, period, final, costs, difference) : [];
    const leads = (e: Explanation) =>
      e.kind === 'unexplained' || e.kind === 'billing-period' || e.kind === 'other-account';
    explanations.push(...found.filter(leads), ...invoiceExplanations(input, invoice, period, costs));
    explanations.push(...found.filter((e) => !leads(e)));
  }
  const missing = missingDays(view, period.from, period.to);
  if (missing.length) {
    explanations.push({
      kind: 'missing-days',
      amountMicros: null,
      message: `${missing.length} of ${dayRange(period.from, period.to).length} days of the period have no costs in local history (${dayRanges(missing)}): Spendwatch keeps 12 months and only what it has synced.`,
    });
  }

  return {
    accountId: input.account.id,
    accountName: input.account.name,
    month,
    status,
    period,
    finalFrom: final,
    invoice,
    costsMicros: costs,
    expectedMicros: expected,
    differenceMicros: difference,
    explanations,
  };
}

function notFinal(
  period: { from: UtcDay; to: UtcDay },
  final: UtcDay,
  today: UtcDay,
  lastSyncDay: UtcDay | null,
  provider: string,
): Explanation {
  const why = `${provider} revises a day's costs for up to ${SETTLE_DAYS} days, so Spendwatch waits ${SETTLE_DAYS} full days after the period ends`;
  const message =
    today < final
      ? `Costs for ${period.from} to ${period.to} are not final until ${final}: ${why}.`
      : `Costs for ${period.from} to ${period.to} settled on ${final}, but the last sync was ${lastSyncDay ? `on ${lastSyncDay}` : 'never'}: sync first (${why}).`;
  return { kind: 'not-final', amountMicros: null, message };
}

/** What the invoice itself says that the Costs API does not: tax, credits, a non-calendar period, refunds. */
function invoiceExplanations(
  input: ReconcileInput,
  invoice: Invoice,
  period: { from: UtcDay; to: UtcDay },
  costs: Micros,
): Explanation[] {
  const out: Explanation[] = [];
  if (invoice.taxMicros > 0) {
    out.push({
      kind: 'tax',
      amountMicros: invoice.taxMicros,
      message: `Tax of ${moneyText(invoice.taxMicros)} is on the invoice and already in the expected total; the Costs API reports costs before tax.`,
    });
  }
  if (invoice.creditsMicros > 0) {
    out.push({
      kind: 'credits',
      amountMicros: -invoice.creditsMicros,
      message: `Credits of ${moneyText(invoice.creditsMicros)} were applied to the invoice and are already in the expected total; the Costs API reports costs before credits.`,
    });
  }
  if (invoice.periodStartDay !== 1) {
    const month = billingPeriod(input.month, 1);
    const calendar = totalBetween([input.view], month.from, month.to);
    out.push({
      kind: 'billing-period',
      amountMicros: costs - calendar,
      message: `The invoice's billing period is ${period.from} to ${period.to}, not the UTC calendar month: its costs are ${moneyText(costs)}, ${moreOrLess(costs - calendar)} than the calendar month ${input.month} (${moneyText(calendar)}).`,
    });
  }
  if (invoice.status === 'refunded') {
    out.push({
      kind: 'refund',
      amountMicros: -invoice.totalMicros,
      message: `The invoice is marked refunded: ${moneyText(invoice.totalMicros)} came back to you, while the costs stay in the Costs API.`,
    });
  }
  if (invoice.status === 'failed') {
    out.push({
      kind: 'payment-failed',
      amountMicros: invoice.totalMicros,
      message: `The payment of ${moneyText(invoice.totalMicros)} failed; the provider will retry or ask for another payment method.`,
    });
  }
  const settledSince = costs - invoice.costsAtRecordMicros;
  if (settledSince !== 0) {
    out.push({
      kind: 'late-settling',
      amountMicros: settledSince,
      message: `Costs for the period changed by ${moneyText(settledSince)} since the invoice was recorded on ${invoice.recordedAt.slice(0, 10)} (${moneyText(invoice.costsAtRecordMicros)} then, ${moneyText(costs)} now): costs settle late.`,
    });
  }
  return out;
}

/** For a real discrepancy: look for what would explain it — a shifted period, another organisation — or say nothing does. */
function discrepancyExplanations(
  input: ReconcileInput,
  invoice: Invoice,
  period: { from: UtcDay; to: UtcDay },
  final: UtcDay,
  costs: Micros,
  difference: Micros,
): Explanation[] {
  const out: Explanation[] = [];
  // Costs that moved since the invoice was recorded account for the difference if the invoice matched them then.
  const settledSince = costs - invoice.costsAtRecordMicros;
  const accounted = settledSince !== 0 && within(difference, roundToCent(-settledSince));
  const adjust = invoice.taxMicros - invoice.creditsMicros;
  // A period off by a few days (time zones, a start day the user did not know) that matches exactly.
  for (const shift of [-1, 1, -2, 2, -3, 3]) {
    const from = addDays(period.from, shift);
    const to = addDays(period.to, shift);
    if (missingDays(input.view, from, to).length) continue;
    const shifted = totalBetween([input.view], from, to);
    if (within(invoice.totalMicros, shifted + adjust)) {
      out.push({
        kind: 'billing-period',
        amountMicros: shifted - costs,
        message: `The invoice matches the costs from ${from} to ${to} (${moneyText(shifted)}): its billing period looks shifted by ${shift > 0 ? '+' : ''}${shift} day${Math.abs(shift) === 1 ? '' : 's'} from ${period.from} to ${period.to}.`,
      });
      break;
    }
  }
  for (const other of input.others) {
    const theirs = totalBetween([other.view], period.from, period.to);
    if (theirs > 0 && within(invoice.totalMicros, theirs + adjust)) {
      out.push({
        kind: 'other-account',
        amountMicros: theirs,
        message: `The invoice matches ${other.name}'s costs for the period (${moneyText(theirs)}): it may belong to that organisation.`,
      });
    }
  }
  if (input.others.length) {
    const all = costs + input.others.reduce((sum, o) => sum + totalBetween([o.view], period.from, period.to), 0);
    if (within(invoice.totalMicros, all + adjust)) {
      out.push({
        kind: 'other-account',
        amountMicros: all - costs,
        message: `The invoice matches the costs of all your accounts together (${moneyText(all)}): it may cover several organisations.`,
      });
    }
  }
  // Context, not a verdict: an invoice issued before the costs settled was computed on figures that could still move.
  if (invoice.date && invoice.date < final) {
    const tail = totalBetween([input.view], addDays(period.to, -(SETTLE_DAYS - 1)), period.to);
    out.push({
      kind: 'late-settling',
      amountMicros: tail,
      message: `The invoice is dated ${invoice.date}, before the period's costs settled (${final}): the last ${SETTLE_DAYS} days' costs (${moneyText(tail)} now) may have changed after it was issued.`,
    });
  }
  const explained = accounted || out.some((e) => e.kind === 'billing-period' || e.kind === 'other-account');
  if (!explained && missingDays(input.view, period.from, period.to).length === 0) {
    // The one thing a reader needs first: how much nothing explains.
    out.unshift({
      kind: 'unexplained',
      amountMicros: difference,
      message: `${moneyText(Math.abs(difference))} unexplained: the invoice total ${moneyText(invoice.totalMicros)} is ${moreOrLess(difference)} than expected (costs ${moneyText(costs)} + tax ${moneyText(invoice.taxMicros)} − credits ${moneyText(invoice.creditsMicros)} = ${moneyText(costs + adjust)}), and nothing Spendwatch knows explains it. Contact the provider's support with the report.`,
    });
  }
  return out;
}

/** "2026-10-01 to 2026-10-03, 2026-10-09": consecutive days folded into ranges. */
function dayRanges(days: UtcDay[]): string {
  const parts: string[] = [];
  let start = days[0];
  let prev = days[0];
  for (const day of [...days.slice(1), '']) {
    if (day && day === addDays(prev, 1)) {
      prev = day;
      continue;
    }
    parts.push(start === prev ? start : `${start} to ${prev}`);
    start = prev = day;
  }
  return parts.join(', ');
}
