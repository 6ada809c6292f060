/**
 * The OpenAI spend provider: Costs for money (it reconciles with the invoice), Usage for tokens and
 * requests, Projects for names. Every response is validated before any of it is used.
 */
import type { z } from 'zod';
import { addDays, dayFromMs, dayFromUnix, daysBetween, unixFromDay, type UtcDay } from '../../../../shared/dates';
import { systemClock, type Clock } from '../../ports';
import { AppError } from '../../errors';
import type { UsageRow } from '../../history/types';
import type { JsonHttpClient } from '../http/json-http-client';
import { followCursor, parseAnswer } from '../http/paging';
import type { CostsResult, DayRange, SpendProvider } from '../provider';
import { CostsCollector } from '../costs-collector';
import { openAiCostsReader } from './costs-reader';
import { completionsUsagePageSchema, costsPageSchema, projectListSchema } from './schemas';
import { openAiHttpClient, type OpenAiClientOptions } from './openai-http';

export { OPENAI_DEFAULT_BASE_URL } from './openai-http';
const COSTS_PAGE_LIMIT = 180;
const USAGE_PAGE_LIMIT = 31;
const PROJECTS_PAGE_LIMIT = 100;

export type OpenAiProviderOptions = OpenAiClientOptions;

export class OpenAiProvider implements SpendProvider {
  private readonly http: JsonHttpClient;
  private readonly clock: Clock;

  constructor(options: OpenAiProviderOptions) {
    this.clock = options.clock ?? systemClock;
    this.http = openAiHttpClient({ ...options, clock: this.clock });
  }

  get requestCount(): number {
    return this.http.requestCount;
  }

  /** One cheap Costs call: proves the key is an admin key with usage read. */
  async testConnection(): Promise<void> {
    const today = dayFromMs(this.clock.now().getTime());
    const query = new URLSearchParams({ start_time: String(unixFromDay(today)), bucket_width: '1d', limit: '1' });
    parse(costsPageSchema, await this.http.getJson('/organization/costs', query), 'costs');
  }

  async fetchCosts(range: DayRange, onProgress?: (doneDays: number, totalDays: number) => void): Promise<CostsResult> {
    const totalDays = daysBetween(range.from, range.toExclusive);
    const collector = new CostsCollector(range, openAiCostsReader);
    for await (const page of this.pages(costsPageSchema, '/organization/costs', range, COSTS_PAGE_LIMIT, [
      ['group_by[]', 'line_item'],
      ['group_by[]', 'project_id'],
    ], (problem) => collector.addProblem(problem))) {
      for (const bucket of page.data) collector.addBucket(bucket);
      onProgress?.(Math.min(collector.dayCount, totalDays), totalDays);
    }
    return collector.result();
  }

  async fetchUsage(range: DayRange): Promise<Map<UtcDay, UsageRow[]>> {
    const days = emptyDays<UsageRow>(range);
    for await (const page of this.pages(completionsUsagePageSchema, '/organization/usage/completions', range, USAGE_PAGE_LIMIT, [
      ['group_by[]', 'model'],
    ])) {
      for (const bucket of page.data) {
        const rows = this.bucketRows(days, bucket.dayTime, range);
        for (const r of bucket.results) {
          rows.push({
            model: r.model,
            inputTokens: r.input_tokens,
            outputTokens: r.output_tokens,
            cachedTokens: r.input_cached_tokens,
            requests: r.num_model_requests,
          });
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

  private pages<S extends z.ZodType>(
    schema: S,
    path: string,
    range: DayRange,
    limit: number,
    extra: [string, string][],
    note?: (problem: string) => void,
  ): AsyncGenerator<z.output<S>> {
    return followCursor({
      provider: 'OpenAI',
      path,
      note,
      nextCursor: (page: z.output<S>) => (page as { next_page: string | null }).next_page,
      fetchPage: async (cursor) => {
        const query = new URLSearchParams([
          ['start_time', String(unixFromDay(range.from))],
          ['end_time', String(unixFromDay(range.toExclusive))],
          ['bucket_width', '1d'],
          ...extra,
          ['limit', String(limit)],
        ]);
        if (cursor) query.set('page', cursor);
        // Exact numbers: a JSON number's own digits are kept (as text) rather than rounded to a double.
        return parse(schema, await this.http.getJson(path, query, { exactNumbers: true }), path);
      },
    });
  }

  private bucketRows<T>(days: Map<UtcDay, T[]>, startTime: number, range: DayRange): T[] {
    const day = dayFromUnix(startTime);
    const rows = days.get(day);
    if (!rows) {
      throw new AppError('malformed_response', `OpenAI returned a bucket for ${day}, outside the requested ${range.from}…${addDays(range.toExclusive, -1)}.`);
    }
    return rows;
  }
}

function emptyDays<T>(range: DayRange): Map<UtcDay, T[]> {
  const days = new Map<UtcDay, T[]>();
  for (let d = range.from; d < range.toExclusive; d = addDays(d, 1)) days.set(d, []);
  return days;
}

const parse = <S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> => parseAnswer(schema, data, 'OpenAI', what);
