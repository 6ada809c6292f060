/**
 * Turns the buckets of one cost fetch into cost rows per UTC day, for any provider, the way live APIs need:
 * - each bucket and each result is read on its own (by the provider's CostsReader): an unusable one becomes a
 *   warning that names it (day, project, line item, why) and the rest is kept — never a failed sync;
 * - a bucket delivered twice (across pages while data shifts) is counted once: the later delivery is the newer
 *   truth and replaces the earlier one whole (so costs moved between projects are not counted twice);
 * - a day whose bucket never arrived (or could not be read) is not in the result, so the stored day is kept;
 * - a day some of whose rows could not be read is marked partial: the sync keeps the stored rows that the
 *   readable ones do not replace, so one bad row never wipes good history;
 * - project (workspace) names carried by results are collected, so the names endpoint is called less.
 */
import { addDays, dayFromUnix, type UtcDay } from '../../../shared/dates';
import { compactCost, type CostRow } from '../history/types';
import { outsideId, outsideText } from './outside-text';
import type { CostsResult, DayRange, DaysSink } from './provider';
import { ACCOUNT_CURRENCY } from '../../../shared/money';

/** Warnings listed one by one before the rest are counted: a sentence a person can still read. */
const MAX_LISTED_WARNINGS = 3;

type ReadOutcome<T> = { ok: true; value: T } | { ok: false; problem: string };

/** How one provider's buckets and results are read. */
export interface CostsReader {
  /** Who sent them, for warnings: "OpenAI's costs". */
  readonly source: string;
  /** `dayTime`: a moment inside the UTC day the bucket covers (unix seconds). */
  bucket(raw: unknown): ReadOutcome<{ dayTime: number; results: unknown[] }>;
  result(raw: unknown): ReadOutcome<{ row: CostRow; projectName?: string | null }>;
}

export class CostsCollector {
  /** Day → the rows of the latest delivery of that day's bucket (until handed to the sink). */
  private days = new Map<UtcDay, CostRow[]>();
  /** Every day delivered so far (for progress), handed over or not. */
  private readonly seen = new Set<UtcDay>();
  /** Days whose latest delivery had rows that could not be read. */
  private readonly partial = new Set<UtcDay>();
  private readonly names = new Map<string, string>();
  /** A set: a bucket delivered twice must not report its bad row twice. */
  private readonly problems = new Set<string>();

  constructor(
    private readonly range: DayRange,
    private readonly reader: CostsReader,
    private readonly sink?: DaysSink,
  ) {}

  get dayCount(): number {
    return this.seen.size;
  }

  /** After each page: the days read so far go to the sink (if there is one) and leave memory. */
  pageDone(): void {
    if (!this.sink || this.days.size === 0) return;
    const days = this.days;
    this.days = new Map();
    this.sink(days, new Set([...days.keys()].filter((day) => this.partial.has(day))));
  }

  addBucket(raw: unknown): void {
    const bucket = this.reader.bucket(raw);
    if (!bucket.ok) {
      this.problems.add(`a cost bucket could not be read (${bucket.problem}); its day was left as it was`);
      return;
    }
    const day = dayFromUnix(bucket.value.dayTime);
    if (day < this.range.from || day >= this.range.toExclusive) {
      this.problems.add(
        `costs for ${day} came back although ${this.range.from}…${addDays(this.range.toExclusive, -1)} was asked for; they were ignored`,
      );
      return;
    }
    const rows: CostRow[] = [];
    let skipped = false;
    for (const rawResult of bucket.value.results) {
      const result = this.reader.result(rawResult);
      if (!result.ok) {
        this.problems.add(`skipped a cost row on ${day}${describeRaw(rawResult)}: ${result.problem}`);
        skipped = true;
        continue;
      }
      const { row, projectName } = result.value;
      // Names come from whoever in the organisation typed them: key-shaped text never reaches history. And text
      // is made well-formed (a lone surrogate, e.g. from a label cut mid-emoji, becomes U+FFFD) before anything
      // compares or stores it: SQLite would store it so, and the day would then differ from itself every poll.
      if (row.projectId && projectName) this.names.set(row.projectId, outsideText(projectName));
      rows.push(
        compactCost({
          ...row,
          projectId: row.projectId?.toWellFormed() ?? row.projectId,
          lineItem: row.lineItem ? outsideText(row.lineItem) : row.lineItem,
          // Ids and units are outside text too: a key-shaped id is never stored, printed or exported.
          apiKeyId: outsideId(row.apiKeyId),
          quantityUnit: outsideId(row.quantityUnit),
        }),
      );
    }
    this.days.set(day, rows);
    this.seen.add(day);
    if (skipped) this.partial.add(day);
    else this.partial.delete(day);
  }

  /** A problem outside any bucket (e.g. paging that stopped early), reported with the rest. */
  addProblem(problem: string): void {
    this.problems.add(problem);
  }

  result(): CostsResult {
    const days = new Map([...this.days].sort(([a], [b]) => a.localeCompare(b)));
    return {
      currency: ACCOUNT_CURRENCY,
      days,
      partialDays: new Set(this.partial),
      projectNames: this.names,
      warnings: this.summariseProblems(),
    };
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
