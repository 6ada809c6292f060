/**
 * One account's history in memory: cost and usage rows per UTC day, with per-day summaries cached
 * for fast aggregation and a record of which months changed since the last save.
 */
import { monthOf, type UtcDay } from '../../../shared/dates';
import type { Micros } from '../../../shared/money';
import { modelFromLineItem } from '../aggregate/line-items';
import type { CostRow, UsageRow } from './types';

export interface DaySummary {
  totalMicros: Micros;
  byProject: Map<string, Micros>;
  byLineItem: Map<string, Micros>;
  byModel: Map<string, Micros>;
}

export const UNASSIGNED_PROJECT = '(no project)';
export const UNNAMED_LINE_ITEM = '(other)';

export class AccountHistory {
  readonly costs = new Map<UtcDay, CostRow[]>();
  readonly usage = new Map<UtcDay, UsageRow[]>();
  private readonly summaries = new Map<UtcDay, DaySummary>();
  private readonly dirty = new Set<string>();

  /** Replaces whole days of costs; returns the days whose rows actually changed. */
  replaceCosts(days: Map<UtcDay, CostRow[]>): UtcDay[] {
    return this.replace(this.costs, days, (day) => this.summaries.delete(day));
  }

  replaceUsage(days: Map<UtcDay, UsageRow[]>): UtcDay[] {
    return this.replace(this.usage, days, () => undefined);
  }

  private replace<T>(target: Map<UtcDay, T[]>, days: Map<UtcDay, T[]>, invalidate: (day: UtcDay) => void): UtcDay[] {
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
    for (const [day, rows] of costs) this.costs.set(day, rows);
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
}

function summarise(rows: CostRow[]): DaySummary {
  const summary: DaySummary = { totalMicros: 0, byProject: new Map(), byLineItem: new Map(), byModel: new Map() };
  for (const row of rows) {
    summary.totalMicros += row.micros;
    add(summary.byProject, row.projectId ?? UNASSIGNED_PROJECT, row.micros);
    add(summary.byLineItem, row.lineItem ?? UNNAMED_LINE_ITEM, row.micros);
    add(summary.byModel, modelFromLineItem(row.lineItem), row.micros);
  }
  return summary;
}

function add(map: Map<string, Micros>, key: string, micros: Micros): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

function sameRows<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
