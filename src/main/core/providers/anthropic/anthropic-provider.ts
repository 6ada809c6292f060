/**
 * The Anthropic spend provider (Admin API): the cost report for money (amounts in cents, converted exactly),
 * workspaces for names, the messages usage report for tokens. Same contract as OpenAI's: every response is
 * validated before any of it is used, and one unusable cost row is a warning, not a failed sync.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { dayFromMs, daysBetween, msFromDay, type UtcDay } from '../../../../shared/dates';
import { compactUsage, type UsageRow } from '../../history/types';
import { systemClock, type Clock } from '../../ports';
import { CostsCollector } from '../costs-collector';
import { JsonHttpClient } from '../http/json-http-client';
import { followCursor, parseAnswer } from '../http/paging';
import type { RetryPolicy } from '../http/retry-policy';
import type { ApiKeyInfo, CostsResult, DayRange, DaysSink, SpendProvider } from '../provider';
import { redactSecrets } from '../../../../shared/redact';
import { anthropicCostsReader, DEFAULT_WORKSPACE_ID } from './costs-reader';
import { outsideId } from '../outside-text';
import { classifyAnthropicError } from './errors';
import { apiKeyListSchema, costPageSchema, usagePageSchema, workspaceListSchema } from './schemas';

const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com/v1';
const ANTHROPIC_VERSION = '2023-06-01';
/** The cost report's maximum page size for daily buckets. */
const COST_PAGE_LIMIT = 31;
const WORKSPACES_PAGE_LIMIT = 1000;

export interface AnthropicProviderOptions {
  apiKey: string;
  baseUrl?: string;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
}

/** RFC 3339 for the start of a UTC day, as the Admin API takes it. */
const rfc3339 = (day: UtcDay) => new Date(msFromDay(day)).toISOString().replace('.000Z', 'Z');

export class AnthropicProvider implements SpendProvider {
  private readonly http: JsonHttpClient;
  private readonly clock: Clock;

  constructor(options: AnthropicProviderOptions) {
    this.clock = options.clock ?? systemClock;
    this.http = new JsonHttpClient({
      baseUrl: options.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL,
      headers: { 'x-api-key': options.apiKey, 'anthropic-version': ANTHROPIC_VERSION },
      classify: classifyAnthropicError,
      serviceName: 'Anthropic',
      dispatcher: options.dispatcher,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      sleep: options.sleep,
    });
  }

  get requestCount(): number {
    return this.http.requestCount;
  }

  /** One cheap cost report call (today, one bucket): proves the key is an organization admin key. */
  async testConnection(): Promise<void> {
    const today = dayFromMs(this.clock.now().getTime());
    const query = new URLSearchParams({ starting_at: rfc3339(today), bucket_width: '1d', limit: '1' });
    parse(costPageSchema, await this.http.getJson('/organizations/cost_report', query), 'cost report');
  }

  async fetchCosts(
    range: DayRange,
    onProgress?: (doneDays: number, totalDays: number) => void,
    onDays?: DaysSink,
  ): Promise<CostsResult> {
    const totalDays = daysBetween(range.from, range.toExclusive);
    const collector = new CostsCollector(range, anthropicCostsReader, onDays);
    for await (const page of this.pages(
      costPageSchema,
      '/organizations/cost_report',
      range,
      [
        ['group_by[]', 'workspace_id'],
        ['group_by[]', 'description'],
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
    const days = new Map<UtcDay, UsageRow[]>();
    for await (const page of this.pages(usagePageSchema, '/organizations/usage_report/messages', range, [
      ['group_by[]', 'model'],
      // Per key: the cost report cannot be grouped by key, so per-key figures are usage × unit prices (estimated).
      ['group_by[]', 'api_key_id'],
      ['group_by[]', 'workspace_id'],
      ['group_by[]', 'service_tier'],
    ])) {
      for (const bucket of page.data) {
        const day = dayFromMs(bucket.dayTime * 1000);
        if (day < range.from || day >= range.toExclusive) continue;
        const rows = days.get(day) ?? [];
        for (const r of bucket.results) {
          const created =
            (r.cache_creation?.ephemeral_5m_input_tokens ?? 0) + (r.cache_creation?.ephemeral_1h_input_tokens ?? 0);
          rows.push(
            compactUsage({
              model: r.model === null || r.model === undefined ? r.model : redactSecrets(r.model).toWellFormed(),
              inputTokens: r.uncached_input_tokens + r.cache_read_input_tokens + created,
              outputTokens: r.output_tokens,
              cachedTokens: r.cache_read_input_tokens,
              requests: 0, // the usage report does not count requests
              userId: null, // the usage report is not grouped by person
              apiKeyId: outsideId(r.api_key_id),
              projectId: outsideId(r.workspace_id) ?? DEFAULT_WORKSPACE_ID,
              batch: null,
              serviceTier: r.service_tier === null ? null : redactSecrets(r.service_tier).toWellFormed(),
            }),
          );
        }
        days.set(day, rows);
      }
    }
    return days;
  }

  /** Workspace id → name, archived ones included (the default workspace is named by the cost reader). */
  async listProjects(): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for await (const list of followCursor({
      provider: 'Anthropic',
      path: '/organizations/workspaces',
      fetchPage: async (after) => {
        const query = new URLSearchParams({ limit: String(WORKSPACES_PAGE_LIMIT), include_archived: 'true' });
        if (after) query.set('after_id', after);
        return parse(workspaceListSchema, await this.http.getJson('/organizations/workspaces', query), 'workspaces');
      },
      nextCursor: (list) => (list.has_more ? (list.last_id ?? list.data.at(-1)?.id ?? null) : null),
      note: () => undefined, // an id that repeats ends the list, keeping the names that came
    })) {
      for (const w of list.data) names.set(w.id, w.name || w.id);
    }
    return names;
  }

  /** Every API key of the organisation (its list is organisation-wide: the workspaces asked for are not needed). */
  async listApiKeys(): Promise<Map<string, ApiKeyInfo>> {
    const keys = new Map<string, ApiKeyInfo>();
    for await (const list of followCursor({
      provider: 'Anthropic',
      path: '/organizations/api_keys',
      fetchPage: async (after) => {
        const query = new URLSearchParams({ limit: String(WORKSPACES_PAGE_LIMIT) });
        if (after) query.set('after_id', after);
        return parse(apiKeyListSchema, await this.http.getJson('/organizations/api_keys', query), 'API keys');
      },
      nextCursor: (list) => (list.has_more ? (list.last_id ?? list.data.at(-1)?.id ?? null) : null),
      note: () => undefined,
    })) {
      for (const key of list.data) {
        // The fact sheet gives the creator's id only, not a name.
        keys.set(key.id, {
          name: key.name || key.partial_key_hint || key.id,
          owner: key.created_by?.id ?? null,
          projectId: key.workspace_id ?? DEFAULT_WORKSPACE_ID,
          lastUsedAt: null,
        });
      }
    }
    return keys;
  }

  private pages<S extends z.ZodType>(
    schema: S,
    path: string,
    range: DayRange,
    extra: [string, string][],
    note?: (problem: string) => void,
  ): AsyncGenerator<z.output<S>> {
    return followCursor({
      provider: 'Anthropic',
      path,
      note,
      // has_more: false ends the walk even if a cursor is present.
      nextCursor: (page: z.output<S>) => {
        const { has_more: hasMore, next_page: next } = page as { has_more?: boolean | null; next_page: string | null };
        return hasMore === false ? null : next;
      },
      fetchPage: async (cursor) => {
        const query = new URLSearchParams([
          ['starting_at', rfc3339(range.from)],
          ['ending_at', rfc3339(range.toExclusive)],
          ['bucket_width', '1d'],
          ...extra,
          ['limit', String(COST_PAGE_LIMIT)],
        ]);
        if (cursor) query.set('page', cursor);
        return parse(schema, await this.http.getJson(path, query), path);
      },
    });
  }
}

const parse = <S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> =>
  parseAnswer(schema, data, 'Anthropic', what);
