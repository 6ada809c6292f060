/**
 * A loopback stand-in for Anthropic's Admin API (cost report, workspaces, messages usage report, API keys), written from
 * ../shared/reference/anthropic-admin-api.md: `x-api-key` + `anthropic-version` headers, RFC 3339 `starting_at`
 * snapped to the UTC day, daily buckets (≤ 31 a page), `has_more` + `next_page`, amounts as decimal strings in
 * CENTS, `workspace_id: null` for the default workspace, Anthropic's error shape. Requests and answers outside
 * that description are recorded as contract violations, and stop() fails on them.
 * Test-only: this fakes Anthropic's servers, never Spendwatch's own code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnthropicCost {
  workspaceId: string | null;
  description: string;
  /** Cents, as Anthropic sends them: a decimal string ("123.45" = $1.2345). */
  cents: string;
  currency?: string;
}

export interface FakeAnthropicUsage {
  model: string;
  uncachedInput: number;
  cacheRead: number;
  output: number;
  /** The key the usage went through; null (the default) for usage no key is named for (e.g. the Console). */
  apiKeyId?: string | null;
  /** null (the default): the default workspace. */
  workspaceId?: string | null;
  /** Default "standard". */
  serviceTier?: string;
}

/** An API key (GET /v1/organizations/api_keys). */
export interface FakeAnthropicApiKey {
  id: string;
  name: string;
  /** RFC 3339; default 2025-01-01T00:00:00Z. */
  createdAt?: string;
  /** Who created it; default a user "user_01Admin". */
  createdBy?: { id: string; type: string };
  /** Default "sk-ant-api03-" and the id's last four characters. */
  partialKeyHint?: string;
  /** Default "active". */
  status?: 'active' | 'inactive' | 'archived' | 'expired';
  /** null (the default): the default workspace. */
  workspaceId?: string | null;
}

export interface FakeAnthropicOrganisation {
  workspaces: { id: string; name: string; archived?: boolean }[];
  costs: Record<string, FakeAnthropicCost[]>;
  usage: Record<string, FakeAnthropicUsage[]>;
  apiKeys?: FakeAnthropicApiKey[];
}

export type AnthropicKeyBehaviour = FakeAnthropicOrganisation | 'revoked' | 'no-permission';

export interface RecordedAnthropicRequest {
  path: string;
  query: URLSearchParams;
  key: string | null;
  version: string | null;
}

const DAY = 86_400_000;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export class FakeAnthropicServer {
  readonly requests: RecordedAnthropicRequest[] = [];
  readonly contractViolations: string[] = [];
  private readonly faults: { status: number; retryAfter?: number; times: number }[] = [];
  private server: Server | undefined;
  baseUrl = '';

  constructor(public keys: Record<string, AnthropicKeyBehaviour>) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    if (this.contractViolations.length) {
      const seen = [...new Set(this.contractViolations)].slice(0, 10);
      this.contractViolations.length = 0;
      throw new Error(
        `The fake Anthropic server saw requests outside the Admin API's description:\n${seen.join('\n')}`,
      );
    }
  }

  /** The next `times` requests get this HTTP status (e.g. 529 overloaded, 429 with retry-after). */
  addFault(status: number, options: { retryAfter?: number; times?: number } = {}): void {
    this.faults.push({ status, retryAfter: options.retryAfter, times: options.times ?? 1 });
  }

  requestsTo(path: string): RecordedAnthropicRequest[] {
    return this.requests.filter((r) => r.path.endsWith(path));
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const key = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : null;
    const version = typeof req.headers['anthropic-version'] === 'string' ? req.headers['anthropic-version'] : null;
    this.requests.push({ path: url.pathname, query: url.searchParams, key, version });
    if (version !== '2023-06-01')
      this.contractViolations.push(`request ${url.pathname}: anthropic-version header is ${version}`);
    if (req.headers.authorization)
      this.contractViolations.push(`request ${url.pathname}: sent an Authorization header (Anthropic takes x-api-key)`);

    const fault = this.faults[0];
    if (fault) {
      if (--fault.times <= 0) this.faults.shift();
      return send(
        res,
        fault.status,
        errorBody(
          fault.status === 529 ? 'overloaded_error' : fault.status === 429 ? 'rate_limit_error' : 'api_error',
          'Fault injected',
        ),
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
      );
    }
    const behaviour = key ? this.keys[key] : undefined;
    if (!behaviour || behaviour === 'revoked')
      return send(res, 401, errorBody('authentication_error', 'invalid x-api-key'));
    if (behaviour === 'no-permission')
      return send(res, 403, errorBody('permission_error', 'This key is not an Admin API key.'));

    const path = url.pathname.replace(/^\/v1/, '');
    const q = url.searchParams;
    if (path === '/organizations/cost_report')
      return this.report(res, q, 'cost_report', (day, groups) => this.costResults(behaviour, day, groups));
    if (path === '/organizations/usage_report/messages')
      return this.report(res, q, 'usage_report', (day, groups) => this.usageResults(behaviour, day, groups));
    if (path === '/organizations/workspaces') return this.workspaces(res, behaviour, q);
    if (path === '/organizations/api_keys') return this.apiKeys(res, behaviour, q);
    send(res, 404, errorBody('not_found_error', `Unknown path ${url.pathname}`));
  }

  private report(
    res: ServerResponse,
    q: URLSearchParams,
    what: string,
    resultsFor: (day: string, groups: string[]) => unknown[],
  ): void {
    const allowedGroups =
      what === 'cost_report'
        ? ['workspace_id', 'description']
        : ['api_key_id', 'workspace_id', 'model', 'service_tier', 'context_window'];
    const known = ['starting_at', 'ending_at', 'bucket_width', 'group_by[]', 'limit', 'page'];
    for (const name of new Set(q.keys()))
      if (!known.includes(name)) this.contractViolations.push(`request ${what}: unknown parameter ${name}`);
    const startText = q.get('starting_at') ?? '';
    if (!RFC3339.test(startText)) {
      this.contractViolations.push(`request ${what}: starting_at ${startText || '(missing)'} is not RFC 3339`);
      return send(res, 400, errorBody('invalid_request_error', 'starting_at is required'));
    }
    const endText = q.get('ending_at');
    if (endText !== null && !RFC3339.test(endText))
      this.contractViolations.push(`request ${what}: ending_at ${endText} is not RFC 3339`);
    if ((q.get('bucket_width') ?? '1d') !== '1d')
      this.contractViolations.push(`request ${what}: bucket_width ${q.get('bucket_width')} (this fake serves 1d)`);
    const groups = q.getAll('group_by[]');
    for (const g of groups)
      if (!allowedGroups.includes(g)) this.contractViolations.push(`request ${what}: group_by[] ${g} is not allowed`);
    const limit = q.has('limit') ? Number(q.get('limit')) : 7;
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 31)) {
      this.contractViolations.push(`request ${what}: limit ${q.get('limit')} outside 1..31`);
      return send(res, 400, errorBody('invalid_request_error', 'limit must be between 1 and 31'));
    }
    // Buckets are snapped to the start of the UTC day.
    const start = Math.floor(Date.parse(startText) / DAY) * DAY;
    const end = endText ? Date.parse(endText) : start + limit * DAY;
    const offset = q.get('page')
      ? Number(Buffer.from(q.get('page')!, 'base64url').toString('utf8').replace('cursor_', ''))
      : 0;
    const starts: number[] = [];
    for (let t = start; t < end; t += DAY) starts.push(t);
    const slice = starts.slice(offset, offset + limit);
    const more = offset + limit < starts.length;
    send(res, 200, {
      data: slice.map((t) => ({
        starting_at: new Date(t).toISOString().replace('.000Z', 'Z'),
        ending_at: new Date(t + DAY).toISOString().replace('.000Z', 'Z'),
        results: resultsFor(new Date(t).toISOString().slice(0, 10), groups),
      })),
      has_more: more,
      next_page: more ? Buffer.from(`cursor_${offset + limit}`).toString('base64url') : null,
    });
  }

  private costResults(org: FakeAnthropicOrganisation, day: string, groups: string[]): unknown[] {
    const byWorkspace = groups.includes('workspace_id');
    const byDescription = groups.includes('description');
    const rows = org.costs[day] ?? [];
    if (byWorkspace && byDescription) {
      return rows.map((r) => {
        const tokens = /tokens$/.test(r.description);
        return {
          currency: r.currency ?? 'USD',
          amount: r.cents,
          workspace_id: r.workspaceId,
          description: r.description,
          cost_type: tokens ? 'tokens' : r.description.replace(/\s+/g, '_'),
          context_window: tokens ? '0-200k' : null,
          // Token costs name their model; tool costs (web search) do not.
          model: tokens ? r.description.split(' ')[0] : null,
          service_tier: 'standard',
          token_type: tokens ? r.description.split(' ').slice(1).join('_') : null,
          inference_geo: null,
        };
      });
    }
    // Ungrouped: one result per day, summed exactly in thousandths of a cent (the fake's own arithmetic).
    const total = rows.reduce((sum, r) => sum + BigInt(Math.round(Number(r.cents) * 1000)), 0n);
    return rows.length
      ? [
          {
            currency: 'USD',
            amount: (Number(total) / 1000).toString(),
            workspace_id: null,
            description: null,
            cost_type: null,
          },
        ]
      : [];
  }

  /** Fields not grouped by are null; rows that then coincide are summed into one result. */
  private usageResults(org: FakeAnthropicOrganisation, day: string, groups: string[]): unknown[] {
    const by = (field: string) => groups.includes(field);
    const fields = (u: FakeAnthropicUsage) => ({
      api_key_id: by('api_key_id') ? (u.apiKeyId ?? null) : null,
      workspace_id: by('workspace_id') ? (u.workspaceId ?? null) : null,
      model: by('model') ? u.model : null,
      service_tier: by('service_tier') ? (u.serviceTier ?? 'standard') : null,
      context_window: by('context_window') ? '0-200k' : null,
    });
    const merged = new Map<string, FakeAnthropicUsage[]>();
    for (const u of org.usage[day] ?? []) {
      const key = JSON.stringify(Object.values(fields(u)));
      merged.set(key, [...(merged.get(key) ?? []), u]);
    }
    return [...merged.values()].map((rows) => {
      const sum = (of: (u: FakeAnthropicUsage) => number) => rows.reduce((total, u) => total + of(u), 0);
      return {
        uncached_input_tokens: sum((u) => u.uncachedInput),
        cache_read_input_tokens: sum((u) => u.cacheRead),
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: sum((u) => u.output),
        server_tool_use: { web_search_requests: 0 },
        ...fields(rows[0]),
      };
    });
  }

  private apiKeys(res: ServerResponse, org: FakeAnthropicOrganisation, q: URLSearchParams): void {
    const known = ['limit', 'after_id', 'before_id', 'status', 'workspace_id', 'created_by_user_id'];
    for (const name of new Set(q.keys()))
      if (!known.includes(name)) this.contractViolations.push(`request api_keys: unknown parameter ${name}`);
    const status = q.get('status');
    if (status !== null && !['active', 'archived', 'expired', 'inactive'].includes(status))
      this.contractViolations.push(`request api_keys: status ${status} is not allowed`);
    const limit = q.has('limit') ? Number(q.get('limit')) : 20;
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) {
      this.contractViolations.push(`request api_keys: limit ${q.get('limit')} outside 1..1000`);
      return send(res, 400, errorBody('invalid_request_error', 'limit must be between 1 and 1000'));
    }
    const visible = (org.apiKeys ?? []).filter(
      (k) =>
        (status === null || (k.status ?? 'active') === status) &&
        (!q.has('workspace_id') || (k.workspaceId ?? null) === q.get('workspace_id')) &&
        (!q.has('created_by_user_id') || (k.createdBy?.id ?? 'user_01Admin') === q.get('created_by_user_id')),
    );
    // after_id: the page after that key; before_id: the page that ends just before it.
    const after = q.get('after_id');
    const before = q.get('before_id');
    const end = before
      ? Math.max(
          0,
          visible.findIndex((k) => k.id === before),
        )
      : visible.length;
    const from = after ? visible.findIndex((k) => k.id === after) + 1 : before ? Math.max(0, end - limit) : 0;
    const page = visible.slice(from, Math.min(end, from + limit));
    send(res, 200, {
      data: page.map((k) => ({
        type: 'api_key',
        id: k.id,
        name: k.name,
        created_at: k.createdAt ?? '2025-01-01T00:00:00Z',
        created_by: k.createdBy ?? { id: 'user_01Admin', type: 'user' },
        partial_key_hint: k.partialKeyHint ?? `sk-ant-api03-...${k.id.slice(-4)}`,
        status: k.status ?? 'active',
        workspace_id: k.workspaceId ?? null,
      })),
      has_more: before ? from > 0 : from + limit < end,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
    });
  }

  private workspaces(res: ServerResponse, org: FakeAnthropicOrganisation, q: URLSearchParams): void {
    const limit = q.has('limit') ? Number(q.get('limit')) : 20;
    if (!(limit >= 1 && limit <= 1000)) {
      this.contractViolations.push(`request workspaces: limit ${q.get('limit')} outside 1..1000`);
      return send(res, 400, errorBody('invalid_request_error', 'limit must be between 1 and 1000'));
    }
    const visible = org.workspaces.filter((w) => q.get('include_archived') === 'true' || !w.archived);
    const after = q.get('after_id');
    const from = after ? visible.findIndex((w) => w.id === after) + 1 : 0;
    const page = visible.slice(from, from + limit);
    send(res, 200, {
      data: page.map((w) => ({
        type: 'workspace',
        id: w.id,
        name: w.name,
        created_at: '2025-01-01T00:00:00Z',
        archived_at: w.archived ? '2025-06-01T00:00:00Z' : null,
        display_color: '#6C5BB9',
      })),
      has_more: from + limit < visible.length,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
    });
  }
}

function errorBody(type: string, message: string) {
  return { type: 'error', error: { type, message } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
