/**
 * Turns the buckets of one Costs fetch into cost rows per UTC day, as the live API needs:
 * - each bucket and each result is read on its own: an unusable one becomes a warning that names it (day,
 *   project, line item, why) and the rest is kept — never a failed sync;
 * - a bucket delivered twice (across pages while data shifts) is counted once: a later delivery's rows replace
 *   the earlier delivery's rows for the same project, line item and currency;
 * - a day whose bucket never arrived (or could not be read) is not in the result, so the stored day is kept;
 * - `project_name` in results names projects, so the Projects endpoint is called less.
 */
import { dayFromUnix, addDays, type UtcDay } from '../../../../shared/dates';
import { MoneyFormatError, parseExact } from '../../../../shared/money';
import type { CostRow } from '../../history/types';
import type { CostsResult, DayRange } from '../provider';
import { costsBucketSchema, costsResultSchema } from './schemas';

/** Warnings listed one by one before the rest are counted: a sentence a person can still read. */
const MAX_LISTED_WARNINGS = 3;

export class CostsCollector {
  /** Day → result key → the rows of the latest delivery of that day's bucket. */
  private readonly days = new Map<UtcDay, Map<string, CostRow[]>>();
  private readonly names = new Map<string, string>();
  /** A set: a bucket delivered twice must not report its bad row twice. */
  private readonly problems = new Set<string>();

  constructor(private readonly range: DayRange) {}

  get dayCount(): number {
    return this.days.size;
  }

  addBucket(raw: unknown): void {
    const bucket = costsBucketSchema.safeParse(raw);
    if (!bucket.success) {
      this.problems.add(`a cost bucket could not be read (${firstIssue(bucket.error)}); its day was left as it was`);
      return;
    }
    const day = dayFromUnix(bucket.data.start);
    if (day < this.range.from || day >= this.range.toExclusive) {
      this.problems.add(`costs for ${day} came back although ${this.range.from}…${addDays(this.range.toExclusive, -1)} was asked for; they were ignored`);
      return;
    }
    const delivered = new Map<string, CostRow[]>();
    for (const result of bucket.data.results) {
      const row = this.readResult(day, result);
      if (!row) continue;
      const key = JSON.stringify([row.projectId, row.lineItem, row.currency]);
      const rows = delivered.get(key);
      if (rows) rows.push(row);
      else delivered.set(key, [row]);
    }
    const dayRows = this.days.get(day) ?? new Map<string, CostRow[]>();
    for (const [key, rows] of delivered) dayRows.set(key, rows);
    this.days.set(day, dayRows);
  }

  private readResult(day: UtcDay, raw: unknown): CostRow | undefined {
    const parsed = costsResultSchema.safeParse(raw);
    if (!parsed.success) {
      this.problems.add(`skipped a cost row on ${day}${describeRaw(raw)}: ${firstIssue(parsed.error)}`);
      return undefined;
    }
    const result = parsed.data;
    const value = result.amount?.value;
    let amount = 0n; // a result without an amount counts as zero
    if (value !== null && value !== undefined) {
      try {
        amount = parseExact(value);
      } catch (error) {
        if (!(error instanceof MoneyFormatError)) throw error;
        this.problems.add(`skipped a cost row on ${day}${describeRaw(raw)}: ${error.message}`);
        return undefined;
      }
    }
    if (result.project_id && result.project_name) this.names.set(result.project_id, result.project_name);
    return {
      projectId: result.project_id,
      lineItem: result.line_item,
      amount,
      // Costs are reported in US dollars; a result that does not say is one.
      currency: (result.amount?.currency ?? 'usd').toLowerCase(),
      quantity: result.quantity,
    };
  }

  result(): CostsResult {
    const days = new Map<UtcDay, CostRow[]>();
    for (const [day, byKey] of [...this.days].sort(([a], [b]) => a.localeCompare(b))) days.set(day, [...byKey.values()].flat());
    return { currency: 'usd', days, projectNames: this.names, warnings: summariseProblems([...this.problems]) };
  }
}

function summariseProblems(problems: string[]): string[] {
  if (problems.length <= MAX_LISTED_WARNINGS) return problems.map((p) => `OpenAI's costs: ${p}.`);
  const listed = problems.slice(0, MAX_LISTED_WARNINGS).map((p) => `OpenAI's costs: ${p}.`);
  return [...listed, `OpenAI's costs: ${problems.length - MAX_LISTED_WARNINGS} more rows or buckets could not be read.`];
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const where = issue?.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : (issue?.message ?? 'unreadable');
}

/** " (project proj_x, line item "gpt-4o, input")", from whatever the row has, short and printable. */
function describeRaw(raw: unknown): string {
  if (!raw || typeof raw !== 'object') return '';
  const r = raw as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof r.project_id === 'string') parts.push(`project ${printable(r.project_id)}`);
  if (typeof r.line_item === 'string') parts.push(`line item "${printable(r.line_item)}"`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}
