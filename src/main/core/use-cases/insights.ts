/**
 * Who and what spent it: breakdowns by any dimension, the unit prices actually billed, savings hints and the
 * week's top movers, from local history only (no network). The CLI's `breakdown`, `prices` and `savings` and the
 * dashboard's insights panel read the same figures.
 */
import { dayFromMs, monthOf } from '../../../shared/dates';
import { ALL_ACCOUNTS } from '../../../shared/domain';
import type { Dimension } from '../../../shared/dimensions';
import type { AccountViews, ResolvedAccount } from '../account-views';
import { AppError } from '../errors';
import { breakdownDocument, type BreakdownDocument } from '../insights/breakdown-report';
import { dayLinePrices, linePrices, pricesDocument, type LinePrice, type PriceRow } from '../insights/prices-report';
import { savingsHints, type SavingsHint } from '../insights/savings';
import { topMovers, type Mover } from '../insights/top-movers';
import type { Clock } from '../ports';
import type { SettingsRepository } from '../settings/settings';

/** Which accounts and month a question is about. `account`: a name or id; omitted: every account. */
export interface InsightQuery {
  account?: string;
  month?: string;
  /** Prices only: one UTC day instead of a month. */
  day?: string;
}

export class InsightsUseCase {
  constructor(private readonly deps: { settings: SettingsRepository; views: AccountViews; clock: Clock }) {}

  breakdown(by: Dimension, query: InsightQuery = {}): BreakdownDocument {
    const { selected, month, today, label } = this.resolve(query);
    return breakdownDocument(
      label,
      selected.map((s) => s.view),
      month,
      by,
      today,
    );
  }

  prices(query: InsightQuery = {}): { rows: PriceRow[] } {
    return pricesDocument(this.priceDetails(query));
  }

  /**
   * Prices with the previous period's (last month, or the day before for `day`) and the count of line items
   * billed without a quantity (human output, dashboard).
   */
  priceDetails(query: InsightQuery = {}): { period: string; lines: LinePrice[]; unpriced: number } {
    const { selected, month, today } = this.resolve(query);
    const views = selected.map((s) => s.view);
    if (query.day !== undefined) {
      if (query.month !== undefined) throw new AppError('invalid_input', 'Give --month or --day, not both.');
      if (query.day > today)
        throw new AppError('invalid_input', `${query.day} has not started yet (today is ${today}, UTC).`);
      return { period: query.day, ...dayLinePrices(views, query.day) };
    }
    return { period: month, ...linePrices(views, month, today) };
  }

  /** Hints per account (each account's prices are its own), largest saving first; named by account when several. */
  savings(query: InsightQuery = {}): { hints: SavingsHint[] } {
    const { selected, month, today } = this.resolve(query);
    const hints = selected.flatMap((s) =>
      savingsHints(s.view, month, today).map((h) =>
        selected.length > 1 ? { ...h, title: `${s.account.name}: ${h.title}` } : h,
      ),
    );
    hints.sort((a, b) => Number(b.estimatedMonthlySavings) - Number(a.estimatedMonthlySavings));
    return { hints };
  }

  movers(query: InsightQuery = {}): Mover[] {
    const { selected, today } = this.resolve(query);
    return topMovers(
      selected.map((s) => s.view),
      today,
    );
  }

  private resolve(query: InsightQuery): { selected: ResolvedAccount[]; month: string; today: string; label: string } {
    const settings = this.deps.settings.read();
    const today = dayFromMs(this.deps.clock.now().getTime());
    const month = query.month ?? monthOf(today);
    if (month > monthOf(today))
      throw new AppError('invalid_input', `${month} has not started yet (today is ${today}, UTC).`);
    const all = this.deps.views.resolveAll(settings);
    const selected = this.deps.views.select(all, query.account ?? ALL_ACCOUNTS);
    const label = selected.length === 1 ? selected[0].account.name : 'All accounts';
    return { selected, month, today, label };
  }
}
