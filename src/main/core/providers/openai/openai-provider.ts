/**
 * The OpenAI spend provider: Costs for money (it reconciles with the invoice), Usage for tokens and
 * requests, Projects for names. Every response is validated before any of it is used.
 */
import type { z } from 'zod';
import { addDays, dayFromMs, dayFromUnix, daysBetween, unixFromDay, type UtcDay } from '../../../../shared/dates';
import { systemClock, type Clock } from '../../ports';
import { AppError } from '../../errors';
import { redactSecrets } from '../../../../shared/redact';
import { compactUsage, type UsageRow } from '../../history/types';
import { isoFromUnix } from './people';
import { outsideId } from '../outside-text';
import { AnswerTooLarge, formatBytes, type JsonHttpClient } from '../http/json-http-client';
import { followCursor, parseAnswer } from '../http/paging';
import type { ApiKeyInfo, CostsResult, DayRange, DaysSink, PersonInfo, SpendProvider } from '../provider';
import { CostsCollector } from '../costs-collector';
import { openAiCostsReader } from './costs-reader';
import {
  completionsUsagePageSchema,
  costsPageSchema,
  projectApiKeyListSchema,
  projectListSchema,
  userListSchema,
} from './schemas';
import { openAiHttpClient, type OpenAiClientOptions } from './openai-http';

const COSTS_PAGE_LIMIT = 180;
/**
 * Costs pages are sized by bytes, not days: a range of up to a month (every incremental poll) is asked for in one
 * page; a longer one (a backfill) starts with a 2-day page, and each next page asks for as many days as fit in
 * about TARGET_ANSWER_BYTES at the bytes a day took so far (up to 180). A large organisation's year then arrives in
 * pieces a process can hold — a single 180-day answer of the mid-size organisation is ~60 MB of text, several
 * times that once parsed — while a small one's still takes 3 requests.
 */
const ONE_PAGE_DAYS = 31;
const PROBE_DAYS = 2;
const TARGET_ANSWER_BYTES = 4 * 1024 * 1024;
/**
 * A Costs page is read up to this size, not the client's 64 MB: spend can start (or jump) inside a page sized from
 * quieter days, and such a page is then cut off early and asked for again with fewer days, as a too-large one is.
 */
const MAX_COSTS_ANSWER_BYTES = 16 * 1024 * 1024;
const USAGE_PAGE_LIMIT = 31;
const PROJECTS_PAGE_LIMIT = 100;
const LIST_PAGE_LIMIT = 100;
/** Usage is grouped by everything a breakdown or a savings hint reads, in the one request a range needs. */
const USAGE_GROUPS = ['model', 'project_id', 'user_id', 'api_key_id', 'batch', 'service_tier'];

export type OpenAiProviderOptions = OpenAiClientOptions & {
  /** How much of a Costs page is read before it is asked again with fewer days (default 16 MB; tests shrink it). */
  costsPageBytes?: number;
};

/** The Costs page limit (buckets) that fitted in one answer, per base URL and key, for the life of the process. */
const FITTING_LIMIT = new Map<string, number>();

/** A page size that may shrink: `smaller` is told each new size, to remember it; `answered` sizes the next page. */
interface PageLimit {
  value: number;
  maxBytes?: number;
  smaller?: (value: number) => void;
  answered?: (bytes: number, buckets: number) => void;
}

export class OpenAiProvider implements SpendProvider {
  private readonly http: JsonHttpClient;
  private readonly clock: Clock;
  private readonly fitKey: string;
  private readonly costsPageBytes: number;

  constructor(options: OpenAiProviderOptions) {
    this.clock = options.clock ?? systemClock;
    // The key's last characters tell accounts apart in this process's memory; the key itself is not kept again.
    this.fitKey = `${options.baseUrl ?? ''}|${options.apiKey.slice(-12)}`;
    this.http = openAiHttpClient({ ...options, clock: this.clock });
    this.costsPageBytes = options.costsPageBytes ?? MAX_COSTS_ANSWER_BYTES;
  }

  readonly apiKeysByProject = true;

  get requestCount(): number {
    return this.http.requestCount;
  }

  /** One cheap Costs call: proves the key is an admin key with usage read. */
  async testConnection(): Promise<void> {
    const today = dayFromMs(this.clock.now().getTime());
    const query = new URLSearchParams({ start_time: String(unixFromDay(today)), bucket_width: '1d', limit: '1' });
    parse(costsPageSchema, await this.http.getJson('/organization/costs', query), 'costs');
  }

  /**
   * Costs for the range, following next_page. An answer too large to take in one piece (a large organisation's
   * 180-day page) is asked for again, same cursor, with half the `limit` (buckets a page), down to one day; the
   * limit that fits is kept for this base URL and key, so later syncs of the account start from it.
   */
  async fetchCosts(
    range: DayRange,
    onProgress?: (doneDays: number, totalDays: number) => void,
    onDays?: DaysSink,
  ): Promise<CostsResult> {
    const totalDays = daysBetween(range.from, range.toExclusive);
    const collector = new CostsCollector(range, openAiCostsReader, onDays);
    const fitting = FITTING_LIMIT.get(this.fitKey) ?? COSTS_PAGE_LIMIT;
    const limit: PageLimit = {
      maxBytes: this.costsPageBytes,
      value: Math.max(1, Math.min(fitting, totalDays <= ONE_PAGE_DAYS ? totalDays : PROBE_DAYS)),
      smaller: (value) => FITTING_LIMIT.set(this.fitKey, value),
      answered: (bytes, buckets) => {
        const perDay = bytes / Math.max(1, buckets);
        limit.value = Math.max(
          1,
          Math.min(FITTING_LIMIT.get(this.fitKey) ?? COSTS_PAGE_LIMIT, Math.floor(TARGET_ANSWER_BYTES / perDay)),
        );
      },
    };
    for await (const page of this.pages(
      costsPageSchema,
      '/organization/costs',
      range,
      limit,
      [
        ['group_by[]', 'line_item'],
        ['group_by[]', 'project_id'],
        // In the same request: per-key figures are the bill's own, and a poll still costs one Costs request.
        ['group_by[]', 'api_key_id'],
      ],
      (problem) => collector.addProblem(problem),
    )) {
      for (const bucket of page.data) collector.addBucket(bucket);
      collector.pageDone();
      onProgress?.(Math.min(collector.dayCount, totalDays), totalDays);
    }
    return collector.result();
  }

  async fetchUsage(range: DayRange): Promise<Map<UtcDay, UsageRow[]>> {
    const days = emptyDays<UsageRow>(range);
    // Grouped by user and key, a large organisation's month of usage is large too: pages are sized by bytes as
    // Costs pages are (a month at most, shrinking when an answer is too large to read in one piece).
    const limit: PageLimit = {
      maxBytes: this.costsPageBytes,
      value: Math.max(1, Math.min(USAGE_PAGE_LIMIT, daysBetween(range.from, range.toExclusive))),
      smaller: () => undefined,
      answered: (bytes, buckets) => {
        limit.value = Math.max(
          1,
          Math.min(USAGE_PAGE_LIMIT, Math.floor(TARGET_ANSWER_BYTES / (bytes / Math.max(1, buckets)))),
        );
      },
    };
    for await (const page of this.pages(
      completionsUsagePageSchema,
      '/organization/usage/completions',
      range,
      limit,
      USAGE_GROUPS.map((g): [string, string] => ['group_by[]', g]),
    )) {
      for (const bucket of page.data) {
        const rows = this.bucketRows(days, bucket.dayTime, range);
        for (const r of bucket.results) {
          rows.push(
            compactUsage({
              // Well-formed text, as costs' labels are (see CostsCollector).
              model: r.model === null || r.model === undefined ? r.model : redactSecrets(r.model).toWellFormed(),
              inputTokens: r.input_tokens,
              outputTokens: r.output_tokens,
              cachedTokens: r.input_cached_tokens,
              requests: r.num_model_requests,
              userId: outsideId(r.user_id),
              apiKeyId: outsideId(r.api_key_id),
              projectId: outsideId(r.project_id),
              batch: r.batch,
              serviceTier: r.service_tier === null ? null : redactSecrets(r.service_tier).toWellFormed(),
            }),
          );
        }
      }
    }
    return days;
  }

  async listProjects(): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for await (const list of followCursor({
      provider: 'OpenAI',
      path: '/organization/projects',
      fetchPage: async (after) => {
        const query = new URLSearchParams({ limit: String(PROJECTS_PAGE_LIMIT), include_archived: 'true' });
        if (after) query.set('after', after);
        return parse(projectListSchema, await this.http.getJson('/organization/projects', query), 'projects');
      },
      nextCursor: (list) => (list.has_more ? (list.last_id ?? list.data.at(-1)?.id ?? null) : null),
      note: () => undefined, // an id that repeats ends the list, keeping the names that came
    })) {
      for (const project of list.data) names.set(project.id, project.name || project.id);
    }
    return names;
  }

  /** Each project's keys, one paged list per project (only called when a key id appears that has no name yet). */
  async listApiKeys(projectIds: readonly string[]): Promise<Map<string, ApiKeyInfo>> {
    const keys = new Map<string, ApiKeyInfo>();
    for (const projectId of projectIds) {
      const path = `/organization/projects/${encodeURIComponent(projectId)}/api_keys`;
      for await (const list of this.list(projectApiKeyListSchema, path, 'API keys', { owner_project_access: 'any' })) {
        for (const key of list.data) {
          const owner = key.owner?.user?.name ?? key.owner?.user?.email ?? key.owner?.service_account?.name ?? null;
          keys.set(key.id, {
            name: key.name || key.redacted_value || key.id,
            owner,
            projectId,
            lastUsedAt: isoFromUnix(key.last_used_at),
          });
        }
      }
    }
    return keys;
  }

  async listUsers(): Promise<Map<string, PersonInfo>> {
    const people = new Map<string, PersonInfo>();
    for await (const list of this.list(userListSchema, '/organization/users', 'users', {})) {
      for (const user of list.data)
        people.set(user.id, { name: user.name || user.email || user.id, email: user.email ?? null });
    }
    return people;
  }

  private list<S extends z.ZodType<{ data: { id: string }[]; has_more: boolean; last_id?: string | null }>>(
    schema: S,
    path: string,
    what: string,
    params: Record<string, string>,
  ) {
    return followCursor({
      provider: 'OpenAI',
      path,
      fetchPage: async (after) => {
        const query = new URLSearchParams({ limit: String(LIST_PAGE_LIMIT), ...params });
        if (after) query.set('after', after);
        return parse(schema, await this.http.getJson(path, query), what) as z.output<S>;
      },
      nextCursor: (list: z.output<S>) => (list.has_more ? (list.last_id ?? list.data.at(-1)?.id ?? null) : null),
      note: () => undefined, // an id that repeats ends the list, keeping the names that came
    });
  }

  private pages<S extends z.ZodType>(
    schema: S,
    path: string,
    range: DayRange,
    limit: number | PageLimit,
    extra: [string, string][],
    note?: (problem: string) => void,
  ): AsyncGenerator<z.output<S>> {
    const size: PageLimit = typeof limit === 'number' ? { value: limit } : limit;
    return followCursor({
      provider: 'OpenAI',
      path,
      note,
      // Every page holds at least a day: a very large organisation's year may take a page a day, never more.
      maxPages: Math.max(200, daysBetween(range.from, range.toExclusive) + 1),
      nextCursor: (page: z.output<S>) => (page as { next_page: string | null }).next_page,
      fetchPage: async (cursor) => {
        for (;;) {
          const query = new URLSearchParams([
            ['start_time', String(unixFromDay(range.from))],
            ['end_time', String(unixFromDay(range.toExclusive))],
            ['bucket_width', '1d'],
            ...extra,
            ['limit', String(size.value)],
          ]);
          if (cursor) query.set('page', cursor);
          try {
            // Exact numbers: a JSON number's own digits are kept (as text) rather than rounded to a double.
            const page = parse(
              schema,
              await this.http.getJson(path, query, { exactNumbers: true, maxBytes: size.maxBytes }),
              path,
            );
            size.answered?.(this.http.lastAnswerBytes, (page as { data: unknown[] }).data.length);
            return page;
          } catch (error) {
            // Too large for one answer: the size was ours to choose, so ask for fewer days, down to one.
            if (!(error instanceof AnswerTooLarge) || !size.smaller) throw error;
            if (size.value === 1 && size.maxBytes !== undefined && size.maxBytes < this.http.maxAnswerBytes) {
              // One day larger than a page is read up to: it is read up to the client's own cap instead.
              size.maxBytes = undefined;
              continue;
            }
            if (size.value === 1) {
              throw new AppError(
                'malformed_response',
                `OpenAI's ${path === '/organization/costs' ? 'costs' : 'usage'} for a single day are larger than the ${formatBytes(error.maxBytes)} Spendwatch reads in one answer. Nothing was changed.`,
              );
            }
            size.value = Math.ceil(size.value / 2);
            size.smaller(size.value);
          }
        }
      },
    });
  }

  private bucketRows<T>(days: Map<UtcDay, T[]>, startTime: number, range: DayRange): T[] {
    const day = dayFromUnix(startTime);
    const rows = days.get(day);
    if (!rows) {
      throw new AppError(
        'malformed_response',
        `OpenAI returned a bucket for ${day}, outside the requested ${range.from}…${addDays(range.toExclusive, -1)}.`,
      );
    }
    return rows;
  }
}

function emptyDays<T>(range: DayRange): Map<UtcDay, T[]> {
  const days = new Map<UtcDay, T[]>();
  for (let d = range.from; d < range.toExclusive; d = addDays(d, 1)) days.set(d, []);
  return days;
}

const parse = <S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> =>
  parseAnswer(schema, data, 'OpenAI', what);
