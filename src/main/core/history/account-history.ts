/**
 * One account's history: cost and usage rows per UTC day, and each day's exact sums.
 *
 * Backed by the account's database (HistoryDatabase), it keeps in memory only what was asked for: the list of
 * stored days with their totals, then the sums and usage of the months a view reads, loaded a month at a time.
 * Rows are read from disk only for the day that needs them (a sync comparing a refetched day, an export).
 * Changed days are staged in the database as they come (their rows leave memory; their sums stay) and become
 * history when the store saves, in one transaction. Without a database (the demo, tests, an account's very first
 * changes) every row lives in memory until saved.
 */
import { monthOf, type UtcDay } from '../../../shared/dates';
import { ACCOUNT_CURRENCY, exactToDecimal, type ExactAmount } from '../../../shared/money';
import { modelFromLineItem } from '../aggregate/line-items';
import { UNATTRIBUTED_KEY } from '../../../shared/dimensions';
import type { DayWrite, ExportRow, HistoryDatabase } from './history-database';
import type { CostRow, UsageRow } from './types';

/** A day's exact sums (in ACCOUNT_CURRENCY); rounding happens once, where a figure leaves aggregation. */
export interface DaySummary {
  total: ExactAmount;
  byProject: Map<string, ExactAmount>;
  byLineItem: Map<string, ExactAmount>;
  byModel: Map<string, ExactAmount>;
  /** Billed per API key (OpenAI); spend without a key under UNATTRIBUTED_KEY. */
  byApiKey: Map<string, ExactAmount>;
  /** Other currencies' totals, kept apart. */
  otherCurrencies: Map<string, ExactAmount>;
  /**
   * Each line item's summed quantity in its unit, for effective unit prices. `unit` null: no single unit applies
   * (rows without a quantity, or in different units), so no unit price is computed for it.
   */
  lineQuantities: Map<string, LineQuantity>;
}

export interface LineQuantity {
  quantity: number;
  unit: string | null;
}

/** The exact sums a summary keeps by key (each a day_sum dimension in the database). */
export type SumDimension = 'byProject' | 'byLineItem' | 'byModel' | 'byApiKey' | 'otherCurrencies';
const SUM_DIMENSIONS: SumDimension[] = ['byProject', 'byLineItem', 'byModel', 'byApiKey', 'otherCurrencies'];

export const UNASSIGNED_PROJECT = '(no project)';
export const UNNAMED_LINE_ITEM = '(other)';

/** What a save writes: the days replaced since the last one (held in memory, or staged in the database). */
export interface PendingChanges {
  costs: Map<UtcDay, DayWrite>;
  usage: Map<UtcDay, UsageRow[]>;
  staged: Set<UtcDay>;
}

export class AccountHistory {
  /** Rows held in memory: every row without a database; with one, only the days changed and not yet saved. */
  private readonly costs = new Map<UtcDay, CostRow[]>();
  private readonly usage = new Map<UtcDay, UsageRow[]>();
  private readonly pendingCosts = new Set<UtcDay>();
  /** Days changed and staged in the database, not yet saved. */
  private readonly staged = new Set<UtcDay>();
  private readonly pendingUsage = new Set<UtcDay>();
  /** Every stored cost day and its total: read once from the database, kept current by changes. */
  private totals: Map<UtcDay, ExactAmount> | undefined;
  private readonly summaries = new Map<UtcDay, DaySummary>();
  /** Months whose sums (and usage) were read from the database. */
  private readonly summaryMonths = new Set<string>();
  private readonly usageMonths = new Set<string>();
  /** Whole-month sums of the day summaries: long ranges add 12 of these instead of 365 days. */
  private readonly monthSummaries = new Map<string, DaySummary>();

  constructor(private db?: HistoryDatabase) {}

  /**
   * After history held in memory was first saved: its rows are read from the database from now on (and leave
   * memory), while whoever holds this object keeps using it.
   */
  adopt(db: HistoryDatabase): void {
    this.db = db;
    this.costs.clear();
  }

  /** Whether rows live on disk (false: every row is in memory, and a save does not free them). */
  get hasDatabase(): boolean {
    return this.db !== undefined;
  }

  private dayTotals(): Map<UtcDay, ExactAmount> {
    if (!this.totals) {
      this.totals = this.db ? this.db.dayTotals() : new Map();
      for (const day of this.costs.keys()) this.totals.set(day, this.summary(day)!.total);
    }
    return this.totals;
  }

  /** Whether costs are stored for the day (a day with no rows counts: the provider reported nothing). */
  hasDay(day: UtcDay): boolean {
    return this.dayTotals().has(day);
  }

  /** A day's exact total (in ACCOUNT_CURRENCY), or undefined when the day is not stored; no month of sums is read. */
  dayTotal(day: UtcDay): ExactAmount | undefined {
    return this.dayTotals().get(day);
  }

  /** Every day with costs stored, in no particular order. */
  days(): IterableIterator<UtcDay> {
    return this.dayTotals().keys();
  }

  get dayCount(): number {
    return this.dayTotals().size;
  }

  /** The first day whose rows add up to something (a day summing to zero is not the start of spend). */
  firstSpendDay(): UtcDay | undefined {
    let first: UtcDay | undefined;
    for (const [day, total] of this.dayTotals()) if (total !== 0n && (!first || day < first)) first = day;
    return first;
  }

  /** One day's rows as stored (or as changed and not yet saved). */
  costRows(day: UtcDay): CostRow[] | undefined {
    if (this.costs.has(day) || !this.db || !this.hasDay(day)) return this.costs.get(day);
    return this.db.costRows(day, this.staged.has(day) ? 'staged' : 'history');
  }

  /** One day's rows of a project and/or API key (the dashboard's filter), read from disk already filtered. */
  filteredRows(day: UtcDay, filter: { projectId?: string; apiKeyId?: string }): CostRow[] | undefined {
    if (!this.hasDay(day)) return undefined;
    if (this.db && !this.costs.has(day) && !this.staged.has(day))
      return this.db.filteredRows(day, { ...filter, unassignedProject: UNASSIGNED_PROJECT });
    return (this.costRows(day) ?? []).filter(
      (row) =>
        (filter.projectId === undefined || (row.projectId ?? UNASSIGNED_PROJECT) === filter.projectId) &&
        (filter.apiKeyId === undefined || row.apiKeyId === filter.apiKeyId),
    );
  }

  /** Day sums without their rows (a filtered view holds only these), and usage. */
  loadSummaries(summaries: Map<UtcDay, DaySummary>, usage: Map<UtcDay, UsageRow[]>): void {
    this.totals ??= new Map();
    for (const [day, summary] of summaries) {
      this.totals.set(day, summary.total);
      this.summaries.set(day, summary);
      this.monthSummaries.delete(monthOf(day));
    }
    for (const [day, rows] of usage) this.usage.set(day, rows);
  }

  /**
   * One day's rows for an export, by project then line item (ordered as SQLite's default does: by code point, a
   * missing one first), in slices; amounts as exact decimal text (read as stored, for a stream of a whole year).
   */
  exportRows(day: UtcDay): Iterable<ExportRow[]> {
    if (this.db && this.hasDay(day) && !this.costs.has(day) && !this.staged.has(day)) return this.db.exportRows(day);
    const rows = (this.costRows(day) ?? []).map((r) => ({
      projectId: r.projectId,
      apiKeyId: r.apiKeyId ?? null,
      lineItem: r.lineItem,
      amount: exactToDecimal(r.amount),
      quantity: r.quantity,
      quantityUnit: r.quantityUnit ?? null,
      currency: r.currency,
    }));
    return [
      rows.sort(
        (a, b) =>
          byCodePoint(a.projectId, b.projectId) ||
          byCodePoint(a.lineItem, b.lineItem) ||
          byCodePoint(a.apiKeyId, b.apiKeyId),
      ),
    ];
  }

  usageRows(day: UtcDay): UsageRow[] | undefined {
    if (this.usage.has(day) || !this.db) return this.usage.get(day);
    const month = monthOf(day);
    if (!this.usageMonths.has(month)) {
      this.usageMonths.add(month);
      for (const [d, rows] of this.db.monthUsage(month)) if (!this.usage.has(d)) this.usage.set(d, rows);
    }
    return this.usage.get(day);
  }

  /** Replaces whole days of costs; returns the days whose rows actually changed. */
  replaceCosts(days: Map<UtcDay, CostRow[]>): UtcDay[] {
    const changed: UtcDay[] = [];
    const toStage = new Map<UtcDay, DayWrite>();
    for (const [day, rows] of days) {
      if (!this.costsDiffer(day, rows)) continue;
      const summary = summarise(rows);
      if (this.db) {
        toStage.set(day, { rows, summary });
        this.staged.add(day);
      } else {
        this.costs.set(day, rows);
        this.pendingCosts.add(day);
      }
      this.dayTotals().set(day, summary.total);
      this.summaries.set(day, summary);
      this.monthSummaries.delete(monthOf(day));
      changed.push(day);
    }
    if (toStage.size) this.db!.stage(toStage);
    return changed;
  }

  replaceUsage(days: Map<UtcDay, UsageRow[]>): UtcDay[] {
    const changed: UtcDay[] = [];
    for (const [day, rows] of days) {
      const before = this.usageRows(day);
      if (before && sameRows(before, rows, USAGE_FIELDS)) continue;
      this.usage.set(day, rows);
      this.pendingUsage.add(day);
      changed.push(day);
    }
    return changed;
  }

  /** Whether replacing a day's costs with these rows would change it. */
  costsDiffer(day: UtcDay, rows: CostRow[]): boolean {
    const before = this.costRows(day);
    return !before || !sameRows(before, rows, COST_FIELDS);
  }

  /** Loads rows into memory without marking anything to save (the demo, tests). */
  loadMonth(costs: Map<UtcDay, CostRow[]>, usage: Map<UtcDay, UsageRow[]>): void {
    for (const [day, rows] of costs) {
      const summary = summarise(rows);
      this.costs.set(day, rows);
      this.totals?.set(day, summary.total);
      this.summaries.set(day, summary);
      this.monthSummaries.delete(monthOf(day));
    }
    for (const [day, rows] of usage) this.usage.set(day, rows);
  }

  /** The changes to save: rows held in memory with their sums, usage, and which days are staged. */
  takePending(): PendingChanges {
    const costs = new Map<UtcDay, DayWrite>();
    for (const day of [...this.pendingCosts].sort())
      costs.set(day, { rows: this.costs.get(day)!, summary: this.summary(day)! });
    const usage = new Map(
      [...this.pendingUsage].sort().map((day): [UtcDay, UsageRow[]] => [day, this.usage.get(day)!]),
    );
    const pending = { costs, usage, staged: new Set(this.staged) };
    this.pendingCosts.clear();
    this.pendingUsage.clear();
    this.staged.clear();
    return pending;
  }

  /** Puts changes back after a save failed (a full disk): the next save tries them again. */
  restorePending(changes: PendingChanges): void {
    for (const [day, { rows }] of changes.costs) {
      if (this.pendingCosts.has(day)) continue;
      this.costs.set(day, rows);
      this.pendingCosts.add(day);
    }
    for (const day of changes.staged) this.staged.add(day);
    for (const day of changes.usage.keys()) this.pendingUsage.add(day);
  }

  /** Per-day totals by project, line item and model. */
  summary(day: UtcDay): DaySummary | undefined {
    const cached = this.summaries.get(day);
    if (cached) return cached;
    const rows = this.costs.get(day);
    if (rows) {
      const summary = summarise(rows);
      this.summaries.set(day, summary);
      return summary;
    }
    if (!this.db || !this.hasDay(day)) return undefined;
    const month = monthOf(day);
    if (!this.summaryMonths.has(month)) {
      this.summaryMonths.add(month);
      for (const [d, summary] of this.db.monthSummaries(month, this.dayTotals()))
        if (!this.summaries.has(d)) this.summaries.set(d, summary);
    }
    return this.summaries.get(day);
  }

  /** The exact sums of a whole UTC month (every stored day of it), cached until one of its days changes. */
  monthSummary(month: string): DaySummary {
    let summary = this.monthSummaries.get(month);
    if (!summary) {
      summary = emptySummary();
      for (const day of this.days()) {
        if (!day.startsWith(month)) continue;
        const daySummary = this.summary(day)!;
        summary.total += daySummary.total;
        for (const dimension of SUM_DIMENSIONS) {
          for (const [key, amount] of daySummary[dimension]) add(summary[dimension], key, amount);
        }
        for (const [lineItem, quantity] of daySummary.lineQuantities)
          addQuantity(summary.lineQuantities, lineItem, quantity);
      }
      this.monthSummaries.set(month, summary);
    }
    return summary;
  }
}

/** SQLite's BINARY order for text (UTF-8 bytes, i.e. code points), with null first, as ORDER BY sorts them. */
function byCodePoint(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i].codePointAt(0)! - y[i].codePointAt(0)!;
  }
  return x.length - y.length;
}

export function emptySummary(): DaySummary {
  return {
    total: 0n,
    byProject: new Map(),
    byLineItem: new Map(),
    byModel: new Map(),
    byApiKey: new Map(),
    otherCurrencies: new Map(),
    lineQuantities: new Map(),
  };
}

/** Quantities add up only in one unit; a second unit (or a row without one) leaves no unit price to compute. */
function addQuantity(map: Map<string, LineQuantity>, lineItem: string, next: LineQuantity): void {
  const before = map.get(lineItem);
  const sum = before ? before.quantity + next.quantity : next.quantity;
  // A sum that leaves the finite numbers (a lying server) keeps no unit: no unit price is computed from it.
  if (!Number.isFinite(sum)) map.set(lineItem, { quantity: 0, unit: null });
  else if (!before) map.set(lineItem, { ...next });
  else
    map.set(lineItem, { quantity: sum, unit: before.unit !== null && before.unit === next.unit ? before.unit : null });
}

/** Two map updates per row; the total and the models are then derived from the (few) line-item sums. */
export function summarise(rows: CostRow[]): DaySummary {
  const summary = emptySummary();
  for (const row of rows) {
    if (row.currency !== ACCOUNT_CURRENCY) {
      add(summary.otherCurrencies, row.currency, row.amount);
      continue;
    }
    const lineItem = row.lineItem ?? UNNAMED_LINE_ITEM;
    add(summary.byProject, row.projectId ?? UNASSIGNED_PROJECT, row.amount);
    add(summary.byLineItem, lineItem, row.amount);
    add(summary.byApiKey, row.apiKeyId ?? UNATTRIBUTED_KEY, row.amount);
    const counted = row.quantity !== null && Number.isFinite(row.quantity);
    // A row of no cost with no quantity (a zero line) does not spoil its line item's unit.
    if (counted || row.amount !== 0n)
      addQuantity(summary.lineQuantities, lineItem, {
        quantity: counted ? row.quantity! : 0,
        unit: counted ? (row.quantityUnit ?? null) : null,
      });
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

/** Every field a row has; an optional one left out compares as null (rows from older files have none). */
const COST_FIELDS: Record<keyof CostRow, true> = {
  projectId: true,
  lineItem: true,
  amount: true,
  currency: true,
  quantity: true,
  quantityUnit: true,
  apiKeyId: true,
};
const USAGE_FIELDS: Record<keyof UsageRow, true> = {
  model: true,
  inputTokens: true,
  outputTokens: true,
  cachedTokens: true,
  requests: true,
  userId: true,
  apiKeyId: true,
  projectId: true,
  batch: true,
  serviceTier: true,
};

/** Row lists compare field by field (amounts are bigints, which JSON cannot compare). */
function sameRows<T extends object>(a: T[], b: T[], fields: Record<keyof T, true>): boolean {
  if (a.length !== b.length) return false;
  const keys = Object.keys(fields) as (keyof T)[];
  return a.every((row, i) => keys.every((k) => (row[k] ?? null) === (b[i][k] ?? null)));
}
