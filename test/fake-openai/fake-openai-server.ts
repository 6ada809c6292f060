/**
 * A loopback stand-in for OpenAI's admin API (costs, usage/completions, projects, project API keys, users, spend
 * limits and spend alerts — see spend-controls.ts), written from the
 * reference OpenAPI excerpt: UTC-day buckets from the exact start_time, `limit` buckets a page,
 * `next_page` cursors, empty days as `results: []`, `group_by` as the real API does it (fields not grouped by
 * come back null, results that then coincide are summed), and OpenAI's error shapes. Faults can be queued.
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
  /** The spec's `quantity_unit` (e.g. "tokens", or null for a count no supported unit fits). Default: "tokens" when quantity is set. */
  quantityUnit?: string | null;
  /**
   * The API key the spend went through; null for spend no key is named for. Undefined: a row of a test that does
   * not model keys, sent as a result of its own whenever line_item and project_id are grouped (such test data
   * may hold coinciding rows on purpose, e.g. to make a day large).
   */
  apiKeyId?: string | null;
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
  /** All input tokens, cached ones included (the spec's input_tokens). */
  inputTokens: number;
  outputTokens: number;
  /** The part of inputTokens read from the cache (input_cached_tokens); default 0. */
  cachedTokens?: number;
  requests: number;
  /** Who and what the usage went through; undefined is sent as null. userId is null for a service account's key. */
  projectId?: string | null;
  userId?: string | null;
  apiKeyId?: string | null;
  /** A Batch API job; default false. */
  batch?: boolean;
  /** e.g. "default", "flex", "priority"; default "default". */
  serviceTier?: string;
}

/** A project API key (GET /organization/projects/{project_id}/api_keys). */
export interface FakeApiKey {
  id: string;
  projectId: string;
  name: string;
  /** Sent as the spec's owner object ({type, user: {…}} or {type, service_account: {…}}); undefined: an empty owner. */
  owner?:
    { type: 'user'; id: string; name: string; email: string } | { type: 'service_account'; id: string; name: string };
  /** Unix seconds; default 1_700_000_000. */
  createdAt?: number;
  /** Unix seconds, null (the default) if never used. */
  lastUsedAt?: number | null;
  /** Default "sk-proj-…" with the id's last four characters. */
  redactedValue?: string;
  /** Whether the owner still has access to the project (default "active"); "inactive" keys are listed only for owner_project_access=inactive|any. */
  ownerProjectAccess?: 'active' | 'inactive';
}

/** An organisation member (GET /organization/users). */
export interface FakeUser {
  id: string;
  name: string;
  email: string;
  /** Default "reader". */
  role?: 'owner' | 'reader';
  /** Unix seconds; default 1_700_000_000. */
  addedAt?: number;
}

export interface FakeOrganisation {
  projects: { id: string; name: string; archived?: boolean }[];
  /** UTC day (YYYY-MM-DD) → cost results of that day. */
  costs: Record<string, FakeCost[]>;
  usage: Record<string, FakeUsage[]>;
  /** Project API keys of every project (each names its project). */
  apiKeys?: FakeApiKey[];
  users?: FakeUser[];
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
      throw new Error(
        `The fake OpenAI server saw requests or sent answers outside the published spec:\n${seen.join('\n')}`,
      );
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
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      key,
      userAgent: req.headers['user-agent'] ?? null,
      body: requestBody,
    });
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
      return send(
        res,
        403,
        errorBody(
          'You have insufficient permissions for this operation. Missing scopes: api.usage.read.',
          'invalid_request_error',
          null,
        ),
      );
    }

    const path = url.pathname.replace(/^\/v1/, '');
    const recorded = this.replays.get(path)?.shift();
    if (recorded !== undefined) {
      this.contractViolations.push(...responseViolations(path, JSON.parse(recorded)));
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(recorded);
    }
    const method = req.method ?? 'GET';
    const controls = handleSpendControls(
      behaviour,
      method,
      path,
      url.searchParams,
      requestBody,
      this.readOnlyKeys.has(key!),
    );
    if (controls) {
      Object.assign(this.requests.at(-1)!, { status: controls.status, response: controls.body });
      return send(res, controls.status, controls.body);
    }
    let body: unknown;
    if (method !== 'GET')
      return send(res, 405, errorBody(`${method} is not supported on ${url.pathname}`, 'invalid_request_error', null));
    const keysOf = /^\/organization\/projects\/([^/]+)\/api_keys$/.exec(path)?.[1];
    if (path === '/organization/costs') body = this.costs(behaviour, url.searchParams);
    else if (path === '/organization/usage/completions') body = this.usage(behaviour, url.searchParams);
    else if (path === '/organization/projects') body = this.projects(behaviour, url.searchParams);
    else if (path === '/organization/users') body = this.users(behaviour, url.searchParams);
    else if (keysOf !== undefined) {
      // As spend-controls.ts answers for a project that does not exist.
      if (!behaviour.projects.some((p) => p.id === keysOf))
        return send(res, 404, errorBody(`No project found with id '${keysOf}'.`, 'invalid_request_error', null));
      body = this.apiKeys(behaviour, keysOf, url.searchParams);
    } else return send(res, 404, errorBody(`Unknown path ${url.pathname}`, 'invalid_request_error', null));

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
    if (!(limit >= 1 && limit <= maxLimit))
      return errorBody(`limit must be between 1 and ${maxLimit}`, 'invalid_request_error', 'invalid_limit');
    if (params.has('bucket_width') && params.get('bucket_width') !== '1d')
      return errorBody('only 1d supported here', 'invalid_request_error', null);
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
      return {
        object: 'bucket',
        start_time: t,
        end_time: bucketEnd,
        ...this.isoTimes(t, bucketEnd),
        results: resultsFor(day),
      };
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

  /**
   * Rows are results at the finest grain (line item, project, API key). Grouped as the real API groups them:
   * fields not grouped by are null, rows that then coincide (same grouped fields and currency) are summed into
   * one result — exactly (see sumDecimals), quantities summed, quantity_unit kept when all agree. A result that
   * stands for one row sends that row as given (strings, RawNumbers, left-out fields): every row when grouped by
   * line_item + project_id + api_key_id, and every row without an apiKeyId when grouped by line_item + project_id.
   */
  private costs(org: FakeOrganisation, params: URLSearchParams): unknown {
    const groups = groupsOf(params);
    const byLine = groups.includes('line_item');
    const byProject = groups.includes('project_id');
    const byKey = groups.includes('api_key_id');
    const projectIds = listParam(params, 'project_ids');
    const keyIds = listParam(params, 'api_key_ids');
    return this.buckets(params, 180, 7, (day) => {
      const rows = (org.costs[day] ?? []).filter(
        (r) =>
          (!projectIds.length || projectIds.includes(r.projectId ?? '')) &&
          (!keyIds.length || keyIds.includes(r.apiKeyId ?? '')),
      );
      const verbatim = (r: FakeCost) => byLine && byProject && (byKey || r.apiKeyId === undefined);
      const merged = groupRows(rows, (r, index) =>
        verbatim(r)
          ? [index]
          : [
              byLine ? (r.lineItem ?? null) : null,
              byProject ? (r.projectId ?? null) : null,
              byKey ? (r.apiKeyId ?? null) : null,
              r.currency ?? 'usd',
            ],
      );
      return merged.map((group) => {
        const first = group[0];
        const values = group.map((r) => r.value).filter((v) => v !== undefined);
        const quantities = group.map((r) => r.quantity).filter((q): q is number => typeof q === 'number');
        const units = new Set(group.map(unitOf));
        // Grouped fields: left out when no row has them (as live results sometimes are), else the row's value.
        const grouped = (by: boolean, name: string, value: (r: FakeCost) => string | null | undefined) =>
          !by ? { [name]: null } : group.every((r) => value(r) === undefined) ? {} : { [name]: value(first) ?? null };
        const projectId = byProject ? (first.projectId ?? null) : null;
        return {
          object: 'organization.costs.result',
          ...(values.length
            ? {
                amount: {
                  value: group.length === 1 ? first.value : sumDecimals(values),
                  currency: first.currency ?? 'usd',
                },
              }
            : {}),
          ...grouped(byLine, 'line_item', (r) => r.lineItem),
          ...grouped(byProject, 'project_id', (r) => r.projectId),
          quantity:
            group.length === 1
              ? (first.quantity ?? null)
              : quantities.length
                ? quantities.reduce((a, b) => a + b, 0)
                : null,
          quantity_unit: units.size === 1 ? unitOf(first) : null,
          api_key_id: byKey ? (first.apiKeyId ?? null) : null,
          ...(this.live.extraFields
            ? {
                project_name:
                  projectId === null
                    ? null
                    : (first.projectName ?? org.projects.find((p) => p.id === projectId)?.name ?? null),
                organization_id: 'org-fake',
                organization_name: 'Fake Org',
                user_email: null,
              }
            : {}),
        };
      });
    });
  }

  /** Grouped like costs: fields not grouped by are null, coinciding rows summed (tokens and requests). */
  private usage(org: FakeOrganisation, params: URLSearchParams): unknown {
    const groups = groupsOf(params);
    const by = (field: string) => groups.includes(field);
    const filters: [string[], (u: FakeUsage) => string][] = [
      [listParam(params, 'project_ids'), (u) => u.projectId ?? ''],
      [listParam(params, 'user_ids'), (u) => u.userId ?? ''],
      [listParam(params, 'api_key_ids'), (u) => u.apiKeyId ?? ''],
      [listParam(params, 'models'), (u) => u.model],
    ];
    const batch = params.get('batch');
    return this.buckets(params, 31, 7, (day) => {
      const rows = (org.usage[day] ?? []).filter(
        (u) =>
          filters.every(([wanted, of]) => !wanted.length || wanted.includes(of(u))) &&
          (batch === null || String(u.batch ?? false) === batch),
      );
      const fields = (u: FakeUsage) => ({
        project_id: by('project_id') ? (u.projectId ?? null) : null,
        user_id: by('user_id') ? (u.userId ?? null) : null,
        api_key_id: by('api_key_id') ? (u.apiKeyId ?? null) : null,
        model: by('model') ? u.model : null,
        batch: by('batch') ? (u.batch ?? false) : null,
        service_tier: by('service_tier') ? (u.serviceTier ?? 'default') : null,
      });
      return groupRows(rows, (u) => Object.values(fields(u))).map((group) => {
        const sum = (of: (u: FakeUsage) => number | undefined) => group.reduce((total, u) => total + (of(u) ?? 0), 0);
        return {
          object: 'organization.usage.completions.result',
          input_tokens: sum((u) => u.inputTokens),
          output_tokens: sum((u) => u.outputTokens),
          input_cached_tokens: sum((u) => u.cachedTokens),
          input_audio_tokens: 0,
          output_audio_tokens: 0,
          num_model_requests: sum((u) => u.requests),
          ...fields(group[0]),
        };
      });
    });
  }

  private projects(org: FakeOrganisation, params: URLSearchParams): unknown {
    const includeArchived = params.get('include_archived') === 'true';
    return listPage(
      org.projects.filter((p) => includeArchived || !p.archived),
      params,
      (p) => ({
        id: p.id,
        object: 'organization.project',
        name: p.name,
        created_at: 1_700_000_000,
        archived_at: p.archived ? 1_710_000_000 : null,
        status: p.archived ? 'archived' : 'active',
      }),
    );
  }

  /**
   * A project's keys. Without owner_project_access the real endpoint applies membership rules "which may exclude
   * some enabled keys": here it lists only keys whose owner still has access, so a client must ask for `any`.
   */
  private apiKeys(org: FakeOrganisation, projectId: string, params: URLSearchParams): unknown {
    const access = params.get('owner_project_access') ?? 'active';
    const keys = (org.apiKeys ?? []).filter(
      (k) => k.projectId === projectId && (access === 'any' || (k.ownerProjectAccess ?? 'active') === access),
    );
    return listPage(keys, params, (k) => {
      const createdAt = k.createdAt ?? 1_700_000_000;
      const owner = k.owner;
      // The project role: the organisation's owners own their projects; everyone else is a member.
      const role =
        owner?.type === 'user' && org.users?.find((u) => u.id === owner.id)?.role === 'owner' ? 'owner' : 'member';
      return {
        object: 'organization.project.api_key',
        redacted_value: k.redactedValue ?? `sk-proj-****${k.id.slice(-4)}`,
        name: k.name,
        created_at: createdAt,
        last_used_at: k.lastUsedAt ?? null,
        id: k.id,
        owner_project_access: k.ownerProjectAccess ?? 'active',
        owner: !owner
          ? {}
          : owner.type === 'user'
            ? {
                type: 'user',
                user: { id: owner.id, email: owner.email, name: owner.name, created_at: createdAt, role },
              }
            : {
                type: 'service_account',
                service_account: { id: owner.id, name: owner.name, created_at: createdAt, role },
              },
      };
    });
  }

  private users(org: FakeOrganisation, params: URLSearchParams): unknown {
    const emails = listParam(params, 'emails');
    return listPage(
      (org.users ?? []).filter((u) => !emails.length || emails.includes(u.email)),
      params,
      (u) => ({
        object: 'organization.user',
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role ?? 'reader',
        added_at: u.addedAt ?? 1_700_000_000,
      }),
    );
  }
}

function groupsOf(params: URLSearchParams): string[] {
  return params.getAll('group_by[]').concat(params.getAll('group_by'));
}

/** An array query parameter, sent as `name[]=a&name[]=b` or `name=a&name=b`. */
function listParam(params: URLSearchParams, name: string): string[] {
  return params.getAll(`${name}[]`).concat(params.getAll(name));
}

/** Rows with equal keys together, in order of first appearance. */
function groupRows<T>(rows: T[], keyOf: (row: T, index: number) => unknown[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const [index, row] of rows.entries()) {
    const key = JSON.stringify(keyOf(row, index));
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

function unitOf(r: FakeCost): string | null {
  return r.quantityUnit !== undefined ? r.quantityUnit : r.quantity ? 'tokens' : null;
}

/** A cursor list (limit 1–100, default 20; `after` an id), as projects, project API keys and users are paged. */
function listPage<T extends { id: string }>(items: T[], params: URLSearchParams, shape: (item: T) => unknown): unknown {
  const limit = Number(params.get('limit') ?? 20);
  if (!(limit >= 1 && limit <= 100)) return errorBody('limit must be between 1 and 100', 'invalid_request_error', null);
  const after = params.get('after');
  const from = after ? items.findIndex((item) => item.id === after) + 1 : 0;
  const page = items.slice(from, from + limit);
  return {
    object: 'list',
    data: page.map(shape),
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: from + limit < items.length,
  };
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

const isRaw = (value: unknown): value is RawNumber =>
  typeof value === 'object' && value !== null && 'raw' in value && Object.keys(value).length === 1;

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

/** An exact decimal, digits × 10^-scale, from a value as the fake holds it (a number by its shortest digits). */
function toDecimal(input: number | string | RawNumber): { digits: bigint; scale: number } {
  const text = isRaw(input) ? input.raw : String(input);
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`The fake cannot sum the amount ${text}`);
  const [, sign, int, frac = '', exponent = '0'] = match;
  let digits = BigInt((int + frac).replace(/^0+(?=\d)/, '') || '0');
  // The decimal128 zero "0E-6176" is 0 at scale 0, not a 6,176-digit number.
  if (digits === 0n) return { digits: 0n, scale: 0 };
  let scale = frac.length - Number(exponent);
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale--;
  }
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === '-' ? -digits : digits, scale };
}

/**
 * The exact sum of amounts (the fake's own arithmetic, independent of the app's money code): a decimal string
 * when every value was a string (as live results are), else a JSON number written with exactly its digits.
 */
function sumDecimals(values: (number | string | RawNumber | undefined)[]): string | RawNumber {
  const decimals = values.filter((v) => v !== undefined).map(toDecimal);
  const scale = Math.max(0, ...decimals.map((d) => d.scale));
  const total = decimals.reduce((sum, d) => sum + d.digits * 10n ** BigInt(scale - d.scale), 0n);
  const negative = total < 0n;
  const padded = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = `${negative ? '-' : ''}${padded.slice(0, padded.length - scale)}${scale ? `.${padded.slice(padded.length - scale)}` : ''}`;
  return values.every((v) => typeof v === 'string') ? text : { raw: text };
}
