/**
 * A loopback stand-in for OpenAI's admin API (costs, usage/completions, projects, spend limits and spend
 * alerts — see spend-controls.ts), written from the
 * reference OpenAPI excerpt: UTC-day buckets from the exact start_time, `limit` buckets a page,
 * `next_page` cursors, empty days as `results: []`, and OpenAI's error shapes. Faults can be queued.
 * Test-only: this fakes OpenAI's servers, never Spendwatch's own code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestViolations, responseViolations } from '../contracts/openai-contract';
import { handleSpendControls, type FakeSpendControls } from './spend-controls';

export type { FakeSpendControls } from './spend-controls';

/** A JSON number written with exactly these digits (e.g. more than a double holds). */
export interface RawNumber {
  raw: string;
}

export interface FakeCost {
  /** undefined: the field is left out, as the spec allows. */
  projectId: string | null | undefined;
  lineItem: string | null | undefined;
  /**
   * As OpenAI sends it: a number, a decimal string (live responses: ~40 fraction digits, "4.5E-7", "0E-6176"),
   * a number with exact digits, or undefined for a result without `amount` (every field but `object` is optional).
   */
  value: number | string | RawNumber | undefined;
  quantity?: number | null;
  /** Default "usd". */
  currency?: string;
  /** Live results carry the project's name. */
  projectName?: string;
}

/** Shapes the live API has been seen to send, beyond the published spec. */
export interface LiveShapes {
  /** project_name, organization_id, organization_name, user_email on results. */
  extraFields?: boolean;
  /** start_time_iso/end_time_iso on buckets, with or without a time zone. */
  isoTimes?: 'zone' | 'no-zone';
  /** Each page after the first starts again with the previous page's last bucket (data shifting between pages). */
  repeatBoundaryBucket?: boolean;
}

export interface FakeUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
  requests: number;
}

export interface FakeOrganisation {
  projects: { id: string; name: string; archived?: boolean }[];
  /** UTC day (YYYY-MM-DD) → cost results of that day. */
  costs: Record<string, FakeCost[]>;
  usage: Record<string, FakeUsage[]>;
  /** OpenAI's hard limits and email alerts; created on first use. */
  spendControls?: FakeSpendControls;
}

export type KeyBehaviour = FakeOrganisation | 'revoked' | 'no-scope';

export interface Fault {
  /** Applies to requests whose path contains this text; any path if omitted. */
  path?: string;
  kind: 'status' | 'truncated' | 'delay' | 'bad-shape';
  status?: number;
  body?: unknown;
  retryAfter?: number;
  delayMs?: number;
  /** How many requests it applies to (default 1). */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  key: string | null;
  userAgent: string | null;
  /** The parsed JSON body, for POSTs. */
  body?: unknown;
  /** The answer, recorded for spend-control requests (so tests can check it against the spec). */
  status?: number;
  response?: unknown;
}

const DAY = 86_400;

export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  /** Requests and answers that do not fit the published spec: tests assert there are none. */
  readonly contractViolations: string[] = [];
  live: LiveShapes = {};
  /** Recorded response bodies, served verbatim (in order) for a path such as "/organization/costs". */
  readonly replays = new Map<string, string[]>();
  private readonly faults: Fault[] = [];
  /** Keys that may read the spend controls but get 403 on any change (as a restricted admin key does). */
  readonly readOnlyKeys = new Set<string>();
  private server: Server | undefined;
  baseUrl = '';

  constructor(public keys: Record<string, KeyBehaviour>) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this.baseUrl;
  }

  /** Stops the server; fails if any request or answer was outside the published spec (see contractViolations). */
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    if (this.contractViolations.length) {
      const seen = [...new Set(this.contractViolations)].slice(0, 10);
      this.contractViolations.length = 0;
      throw new Error(`The fake OpenAI server saw requests or sent answers outside the published spec:\n${seen.join('\n')}`);
    }
  }

  addFault(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(path));
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  private takeFault(path: string): Fault | undefined {
    const index = this.faults.findIndex((f) => !f.path || path.includes(f.path));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const text = await readBody(req);
    let requestBody: unknown;
    try {
      requestBody = text ? JSON.parse(text) : undefined;
    } catch {
      requestBody = text;
    }
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, key, userAgent: req.headers['user-agent'] ?? null, body: requestBody });
    const specPath = url.pathname.replace(/^\/v1/, '');
    if (req.method === 'GET') this.contractViolations.push(...requestViolations(specPath, url.searchParams));

    const fault = this.takeFault(url.pathname);
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      return send(res, fault.status ?? 500, fault.body ?? errorBody('Fault injected', 'server_error', null), headers);
    }

    const behaviour = key ? this.keys[key] : undefined;
    if (!behaviour || behaviour === 'revoked') {
      return send(res, 401, errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    if (behaviour === 'no-scope') {
      return send(res, 403, errorBody('You have insufficient permissions for this operation. Missing scopes: api.usage.read.', 'invalid_request_error', null));
    }

    const path = url.pathname.replace(/^\/v1/, '');
    const recorded = this.replays.get(path)?.shift();
    if (recorded !== undefined) {
      this.contractViolations.push(...responseViolations(path, JSON.parse(recorded)));
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(recorded);
    }
    const method = req.method ?? 'GET';
    const controls = handleSpendControls(behaviour, method, path, url.searchParams, requestBody, this.readOnlyKeys.has(key!));
    if (controls) {
      Object.assign(this.requests.at(-1)!, { status: controls.status, response: controls.body });
      return send(res, controls.status, controls.body);
    }
    let body: unknown;
    if (method !== 'GET') return send(res, 405, errorBody(`${method} is not supported on ${url.pathname}`, 'invalid_request_error', null));
    if (path === '/organization/costs') body = this.costs(behaviour, url.searchParams);
    else if (path === '/organization/usage/completions') body = this.usage(behaviour, url.searchParams);
    else if (path === '/organization/projects') body = this.projects(behaviour, url.searchParams);
    else return send(res, 404, errorBody(`Unknown path ${url.pathname}`, 'invalid_request_error', null));

    if (typeof body === 'object' && body && 'error' in body) return send(res, 400, body);
    if (fault?.kind === 'bad-shape') return send(res, 200, { object: 'page', data: 'not-a-list' });
    if (fault?.kind === 'truncated') {
      const text = JSON.stringify(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(text.slice(0, Math.floor(text.length / 2)));
    }
    // Checked as it goes on the wire (raw-digit numbers included), not as the fake holds it.
    this.contractViolations.push(...responseViolations(path, JSON.parse(toJson(body))));
    send(res, 200, body);
  }

  private buckets(
    params: URLSearchParams,
    maxLimit: number,
    defaultLimit: number,
    resultsFor: (day: string) => unknown[],
  ): unknown {
    const start = Number(params.get('start_time'));
    if (!Number.isInteger(start)) return errorBody('start_time is required', 'invalid_request_error', null);
    const end = params.has('end_time') ? Number(params.get('end_time')) : start + defaultLimit * DAY;
    // A reversed or empty range is a client bug the real API answers with 400, never "no data".
    if (!(end > start)) return errorBody('end_time must be after start_time', 'invalid_request_error', null);
    const limit = params.has('limit') ? Number(params.get('limit')) : defaultLimit;
    if (!(limit >= 1 && limit <= maxLimit)) return errorBody(`limit must be between 1 and ${maxLimit}`, 'invalid_request_error', 'invalid_limit');
    if (params.has('bucket_width') && params.get('bucket_width') !== '1d') return errorBody('only 1d supported here', 'invalid_request_error', null);
    const page = params.get('page');
    const offset = page ? Number(Buffer.from(page, 'base64url').toString('utf8').replace('page_', '')) : 0;
    // Buckets: the first starts at the exact start_time; the others at UTC midnights.
    const starts: number[] = [];
    for (let t = start; t < end; t = (Math.floor(t / DAY) + 1) * DAY) starts.push(t);
    // Live: a page may start again with the bucket that ended the previous page.
    const from = this.live.repeatBoundaryBucket && offset > 0 ? offset - 1 : offset;
    const slice = starts.slice(from, offset + limit);
    const data = slice.map((t) => {
      const bucketEnd = Math.min(end, (Math.floor(t / DAY) + 1) * DAY);
      const day = new Date(t * 1000).toISOString().slice(0, 10);
      return { object: 'bucket', start_time: t, end_time: bucketEnd, ...this.isoTimes(t, bucketEnd), results: resultsFor(day) };
    });
    const more = offset + limit < starts.length;
    return {
      object: 'page',
      data,
      has_more: more,
      next_page: more ? Buffer.from(`page_${offset + limit}`).toString('base64url') : null,
    };
  }

  private isoTimes(start: number, end: number): Record<string, string> {
    if (!this.live.isoTimes) return {};
    const zone = this.live.isoTimes === 'no-zone' ? '' : '+00:00';
    const iso = (t: number) => new Date(t * 1000).toISOString().replace(/\.000Z$/, zone);
    return { start_time_iso: iso(start), end_time_iso: iso(end) };
  }

  private costs(org: FakeOrganisation, params: URLSearchParams): unknown {
    const groups = params.getAll('group_by[]').concat(params.getAll('group_by'));
    const byLine = groups.includes('line_item');
    const byProject = groups.includes('project_id');
    return this.buckets(params, 180, 7, (day) => {
      const rows = org.costs[day] ?? [];
      if (byLine && byProject) {
        return rows.map((r) => ({
          object: 'organization.costs.result',
          ...(r.value === undefined ? {} : { amount: { value: r.value, currency: r.currency ?? 'usd' } }),
          ...(r.lineItem === undefined ? {} : { line_item: r.lineItem }),
          ...(r.projectId === undefined ? {} : { project_id: r.projectId }),
          quantity: r.quantity ?? null,
          quantity_unit: r.quantity ? 'tokens' : null,
          api_key_id: null,
          ...(this.live.extraFields
            ? { project_name: r.projectName ?? org.projects.find((p) => p.id === r.projectId)?.name ?? null, organization_id: 'org-fake', organization_name: 'Fake Org', user_email: null }
            : {}),
        }));
      }
      // Ungrouped (or partly grouped): the fake sums exactly in integer nano-dollars.
      const sums = new Map<string, bigint>();
      for (const r of rows) {
        const key = JSON.stringify([byLine ? (r.lineItem ?? null) : null, byProject ? (r.projectId ?? null) : null]);
        sums.set(key, (sums.get(key) ?? 0n) + toNanos(r.value));
      }
      return [...sums].map(([key, nanos]) => {
        const [lineItem, projectId] = JSON.parse(key) as [string | null, string | null];
        return { object: 'organization.costs.result', amount: { value: Number(nanos) / 1e9, currency: 'usd' }, line_item: lineItem, project_id: projectId };
      });
    });
  }

  private usage(org: FakeOrganisation, params: URLSearchParams): unknown {
    const byModel = params.getAll('group_by[]').concat(params.getAll('group_by')).includes('model');
    return this.buckets(params, 31, 7, (day) =>
      (org.usage[day] ?? []).map((u) => ({
        object: 'organization.usage.completions.result',
        input_tokens: u.inputTokens,
        output_tokens: u.outputTokens,
        input_cached_tokens: u.cachedTokens ?? 0,
        input_audio_tokens: 0,
        output_audio_tokens: 0,
        num_model_requests: u.requests,
        project_id: null,
        user_id: null,
        api_key_id: null,
        model: byModel ? u.model : null,
        batch: null,
      })),
    );
  }

  private projects(org: FakeOrganisation, params: URLSearchParams): unknown {
    const limit = Number(params.get('limit') ?? 20);
    if (!(limit >= 1 && limit <= 100)) return errorBody('limit must be between 1 and 100', 'invalid_request_error', null);
    const includeArchived = params.get('include_archived') === 'true';
    const visible = org.projects.filter((p) => includeArchived || !p.archived);
    const after = params.get('after');
    const from = after ? visible.findIndex((p) => p.id === after) + 1 : 0;
    const page = visible.slice(from, from + limit);
    return {
      object: 'list',
      data: page.map((p) => ({
        id: p.id,
        object: 'organization.project',
        name: p.name,
        created_at: 1_700_000_000,
        archived_at: p.archived ? 1_710_000_000 : null,
        status: p.archived ? 'archived' : 'active',
      })),
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
      has_more: from + limit < visible.length,
    };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export function errorBody(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(toJson(body));
}

const isRaw = (value: unknown): value is RawNumber => typeof value === 'object' && value !== null && 'raw' in value && Object.keys(value).length === 1;

/** JSON text in which RawNumber values are written as bare numbers with exactly their digits. */
export function toJson(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (!isRaw(value)) return value;
    raws.push(value.raw);
    return `\u0000raw${raws.length - 1}\u0000`;
  });
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]);
}

/** Exact decimal → integer nano-units, for the fake's own sums (independent of the app's money code). */
function toNanos(input: number | string | RawNumber | undefined): bigint {
  if (input === undefined) return 0n;
  const value = isRaw(input) ? input.raw : input;
  const text = typeof value === 'number' || /e/i.test(value) ? Number(value).toFixed(9) : value;
  const [int, frac = ''] = text.split('.');
  const negative = int.startsWith('-');
  const nanos = BigInt(int.replace('-', '') || '0') * 1_000_000_000n + BigInt((frac + '000000000').slice(0, 9));
  return negative ? -nanos : nanos;
}
