/**
 * Turns the buckets of one cost fetch into cost rows per UTC day, for any provider, the way live APIs need:
 * - each bucket and each result is read on its own (by the provider's CostsReader): an unusable one becomes a
 *   warning that names it (day, project, line item, why) and the rest is kept — never a failed sync;
 * - a bucket delivered twice (across pages while data shifts) is counted once: a later delivery's rows replace
 *   the earlier delivery's rows for the same project, line item and currency;
 * - a day whose bucket never arrived (or could not be read) is not in the result, so the stored day is kept;
 * - project (workspace) names carried by results are collected, so the names endpoint is called less.
 */
import { addDays, dayFromUnix, type UtcDay } from '../../../shared/dates';
import type { CostRow } from '../history/types';
import type { CostsResult, DayRange } from './provider';

/** Warnings listed one by one before the rest are counted: a sentence a person can still read. */
const MAX_LISTED_WARNINGS = 3;

export type ReadOutcome<T> = { ok: true; value: T } | { ok: false; problem: string };

/** How one provider's buckets and results are read. */
export interface CostsReader {
  /** Who sent them, for warnings: "OpenAI's costs". */
  readonly source: string;
  bucket(raw: unknown): ReadOutcome<{ start: number; results: unknown[] }>;
  result(raw: unknown): ReadOutcome<{ row: CostRow; projectName?: string | null }>;
}

export class CostsCollector {
  /** Day → result key → the rows of the latest delivery of that day's bucket. */
  private readonly days = new Map<UtcDay, Map<string, CostRow[]>>();
  private readonly names = new Map<string, string>();
  /** A set: a bucket delivered twice must not report its bad row twice. */
  private readonly problems = new Set<string>();

  constructor(
    private readonly range: DayRange,
    private readonly reader: CostsReader,
  ) {}

  get dayCount(): number {
    return this.days.size;
  }

  addBucket(raw: unknown): void {
    const bucket = this.reader.bucket(raw);
    if (!bucket.ok) {
      this.problems.add(`a cost bucket could not be read (${bucket.problem}); its day was left as it was`);
      return;
    }
    const day = dayFromUnix(bucket.value.start);
    if (day < this.range.from || day >= this.range.toExclusive) {
      this.problems.add(`costs for ${day} came back although ${this.range.from}…${addDays(this.range.toExclusive, -1)} was asked for; they were ignored`);
      return;
    }
    const delivered = new Map<string, CostRow[]>();
    for (const rawResult of bucket.value.results) {
      const result = this.reader.result(rawResult);
      if (!result.ok) {
        this.problems.add(`skipped a cost row on ${day}${describeRaw(rawResult)}: ${result.problem}`);
        continue;
      }
      const { row, projectName } = result.value;
      if (row.projectId && projectName) this.names.set(row.projectId, projectName);
      const key = JSON.stringify([row.projectId, row.lineItem, row.currency]);
      const rows = delivered.get(key);
      if (rows) rows.push(row);
      else delivered.set(key, [row]);
    }
    const dayRows = this.days.get(day) ?? new Map<string, CostRow[]>();
    for (const [key, rows] of delivered) dayRows.set(key, rows);
    this.days.set(day, dayRows);
  }

  result(): CostsResult {
    const days = new Map<UtcDay, CostRow[]>();
    for (const [day, byKey] of [...this.days].sort(([a], [b]) => a.localeCompare(b))) days.set(day, [...byKey.values()].flat());
    return { currency: 'usd', days, projectNames: this.names, warnings: this.summariseProblems() };
  }

  private summariseProblems(): string[] {
    const listed = [...this.problems].slice(0, MAX_LISTED_WARNINGS).map((p) => `${this.reader.source}: ${p}.`);
    const rest = this.problems.size - listed.length;
    return rest > 0 ? [...listed, `${this.reader.source}: ${rest} more rows or buckets could not be read.`] : listed;
  }
}

/** The first zod issue, as "path: message". */
export function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const where = issue?.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : (issue?.message ?? 'unreadable');
}

/** " (project proj_x, line item "gpt-4o, input")", from whatever the row has, short and printable. */
function describeRaw(raw: unknown): string {
  if (!raw || typeof raw !== 'object') return '';
  const r = raw as Record<string, unknown>;
  const parts: string[] = [];
  const project = r.project_id ?? r.workspace_id;
  const line = r.line_item ?? r.description;
  if (typeof project === 'string') parts.push(`${'workspace_id' in r ? 'workspace' : 'project'} ${printable(project)}`);
  if (typeof line === 'string') parts.push(`line item "${printable(line)}"`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}
