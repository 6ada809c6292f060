/**
 * One account's history in memory: cost and usage rows per UTC day, with per-day summaries cached
 * for fast aggregation and a record of which months changed since the last save.
 */
import { monthOf, type UtcDay } from '../../../shared/dates';
import type { ExactAmount } from '../../../shared/money';
import { modelFromLineItem } from '../aggregate/line-items';
import type { CostRow, UsageRow } from './types';

/** OpenAI bills in US dollars; rows in any other currency are summed apart and never added to these totals. */
export const ACCOUNT_CURRENCY = 'usd';

/** A day's exact sums (in ACCOUNT_CURRENCY); rounding happens once, where a figure leaves aggregation. */
export interface DaySummary {
  total: ExactAmount;
  byProject: Map<string, ExactAmount>;
  byLineItem: Map<string, ExactAmount>;
  byModel: Map<string, ExactAmount>;
  /** Other currencies' totals, kept apart. */
  otherCurrencies: Map<string, ExactAmount>;
}

export const UNASSIGNED_PROJECT = '(no project)';
export const UNNAMED_LINE_ITEM = '(other)';

export class AccountHistory {
  readonly costs = new Map<UtcDay, CostRow[]>();
  readonly usage = new Map<UtcDay, UsageRow[]>();
  private readonly summaries = new Map<UtcDay, DaySummary>();
  /** Whole-month sums of the day summaries: long ranges add 12 of these instead of 365 days. */
  private readonly monthSummaries = new Map<string, DaySummary>();
  private readonly dirty = new Set<string>();

  /** Replaces whole days of costs; returns the days whose rows actually changed. */
  replaceCosts(days: Map<UtcDay, CostRow[]>): UtcDay[] {
    return this.replace(this.costs, days, (day) => {
      this.summaries.delete(day);
      this.monthSummaries.delete(monthOf(day));
    });
  }

  replaceUsage(days: Map<UtcDay, UsageRow[]>): UtcDay[] {
    return this.replace(this.usage, days, () => undefined);
  }

  private replace<T extends object>(target: Map<UtcDay, T[]>, days: Map<UtcDay, T[]>, invalidate: (day: UtcDay) => void): UtcDay[] {
    const changed: UtcDay[] = [];
    for (const [day, rows] of days) {
      const before = target.get(day);
      if (before && sameRows(before, rows)) continue;
      target.set(day, rows);
      invalidate(day);
      this.dirty.add(monthOf(day));
      changed.push(day);
    }
    return changed;
  }

  /** Whether replacing a day's costs with these rows would change it. */
  costsDiffer(day: UtcDay, rows: CostRow[]): boolean {
    const before = this.costs.get(day);
    return !before || !sameRows(before, rows);
  }

  /** Loads stored rows without marking anything dirty. */
  loadMonth(costs: Map<UtcDay, CostRow[]>, usage: Map<UtcDay, UsageRow[]>): void {
    for (const [day, rows] of costs) {
      this.costs.set(day, rows);
      this.summaries.delete(day);
      this.monthSummaries.delete(monthOf(day));
    }
    for (const [day, rows] of usage) this.usage.set(day, rows);
  }

  takeDirtyMonths(): string[] {
    const months = [...this.dirty].sort();
    this.dirty.clear();
    return months;
  }

  markDirty(month: string): void {
    this.dirty.add(month);
  }

  monthContents(month: string): { costs: Map<UtcDay, CostRow[]>; usage: Map<UtcDay, UsageRow[]> } {
    const pick = <T>(map: Map<UtcDay, T[]>) => new Map([...map].filter(([day]) => day.startsWith(month)));
    return { costs: pick(this.costs), usage: pick(this.usage) };
  }

  earliestDay(): UtcDay | undefined {
    let earliest: UtcDay | undefined;
    for (const day of this.costs.keys()) if (!earliest || day < earliest) earliest = day;
    return earliest;
  }

  projectIds(): Set<string> {
    const ids = new Set<string>();
    for (const rows of this.costs.values()) for (const row of rows) if (row.projectId) ids.add(row.projectId);
    return ids;
  }

  /** Per-day totals by project, line item and model, computed once per day until that day changes. */
  summary(day: UtcDay): DaySummary | undefined {
    const rows = this.costs.get(day);
    if (!rows) return undefined;
    let summary = this.summaries.get(day);
    if (!summary) {
      summary = summarise(rows);
      this.summaries.set(day, summary);
    }
    return summary;
  }

  /** The exact sums of a whole UTC month (every stored day of it), cached until one of its days changes. */
  monthSummary(month: string): DaySummary {
    let summary = this.monthSummaries.get(month);
    if (!summary) {
      summary = emptySummary();
      for (const day of this.costs.keys()) {
        if (!day.startsWith(month)) continue;
        const daySummary = this.summary(day)!;
        summary.total += daySummary.total;
        for (const dimension of ['byProject', 'byLineItem', 'byModel', 'otherCurrencies'] as const) {
          for (const [key, amount] of daySummary[dimension]) add(summary[dimension], key, amount);
        }
      }
      this.monthSummaries.set(month, summary);
    }
    return summary;
  }
}

function emptySummary(): DaySummary {
  return { total: 0n, byProject: new Map(), byLineItem: new Map(), byModel: new Map(), otherCurrencies: new Map() };
}

/** Two map updates per row; the total and the models are then derived from the (few) line-item sums. */
function summarise(rows: CostRow[]): DaySummary {
  const summary = emptySummary();
  for (const row of rows) {
    if (row.currency !== ACCOUNT_CURRENCY) {
      add(summary.otherCurrencies, row.currency, row.amount);
      continue;
    }
    add(summary.byProject, row.projectId ?? UNASSIGNED_PROJECT, row.amount);
    add(summary.byLineItem, row.lineItem ?? UNNAMED_LINE_ITEM, row.amount);
  }
  for (const [lineItem, amount] of summary.byLineItem) {
    summary.total += amount;
    add(summary.byModel, modelFromLineItem(lineItem), amount);
  }
  return summary;
}

function add(map: Map<string, ExactAmount>, key: string, amount: ExactAmount): void {
  map.set(key, (map.get(key) ?? 0n) + amount);
}

/** Row lists compare field by field (amounts are bigints, which JSON cannot compare). */
function sameRows<T extends object>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, i) => sameFields(row, b[i]));
}

function sameFields(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}
