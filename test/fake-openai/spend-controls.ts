/**
 * The fake's spend controls, from the reference OpenAPI: `/organization/spend_limit` and
 * `/organization/spend_alerts` (+ `/{alert_id}`), and their `/organization/projects/{project_id}/…` twins.
 * Request bodies are checked as OpenAI documents them (integer cents, "USD", "month"); a read-only key
 * gets 403 on any change; a limit can be put in the enforcing state. Test-only.
 */
import type { FakeOrganisation } from './fake-openai-server';

export interface FakeSpendLimit {
  cents: number;
  /** OpenAI reports the limit as enforcing: it is rejecting API requests. */
  enforcing?: boolean;
}

export interface FakeSpendAlert {
  id: string;
  cents: number;
  recipients: string[];
  subjectPrefix?: string | null;
}

export interface FakeSpendControls {
  /** Scope ("org" or a project id) → hard limit. */
  limits: Record<string, FakeSpendLimit>;
  /** Scope ("org" or a project id) → email alerts, oldest first. */
  alerts: Record<string, FakeSpendAlert[]>;
}

export const READ_ONLY_MESSAGE =
  'You have insufficient permissions for this operation. Missing scopes: api.organization.spend_limits.write.';

type Answer = { status: number; body: unknown };

let nextAlertNumber = 1;

/** Answers a spend-control request, or returns undefined for any other path. */
export function handleSpendControls(
  org: FakeOrganisation,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
  readOnly: boolean,
): Answer | undefined {
  const match = /^\/organization(?:\/projects\/([^/]+))?\/(spend_limit|spend_alerts)(?:\/([^/]+))?$/.exec(path);
  if (!match) return undefined;
  const [, projectId, resource, alertId] = match;
  if (projectId && !org.projects.some((p) => p.id === projectId))
    return error(404, `No project found with id '${projectId}'.`, 'invalid_request_error', null);
  if (method !== 'GET' && readOnly) return error(403, READ_ONLY_MESSAGE, 'invalid_request_error', null);
  const controls = (org.spendControls ??= { limits: {}, alerts: {} });
  const scope = projectId ?? 'org';
  const prefix = projectId ? 'project' : 'organization';
  if (resource === 'spend_limit') {
    if (alertId) return undefined;
    return limit(controls, scope, prefix, method, body);
  }
  return alerts(controls, scope, prefix, method, alertId, query, body);
}

function limit(controls: FakeSpendControls, scope: string, prefix: string, method: string, body: unknown): Answer {
  const resourceOf = (l: FakeSpendLimit) => ({
    object: `${prefix}.spend_limit`,
    threshold_amount: l.cents,
    currency: 'USD',
    interval: 'month',
    enforcement: { status: l.enforcing ? 'enforcing' : 'inactive' },
  });
  if (method === 'GET') {
    const current = controls.limits[scope];
    return current
      ? ok(resourceOf(current))
      : error(404, 'No hard spend limit is set.', 'invalid_request_error', 'spend_limit_not_found');
  }
  if (method === 'POST') {
    const problem = checkBody(body, ['threshold_amount', 'currency', 'interval'], 1);
    if (problem) return problem;
    const cents = (body as { threshold_amount: number }).threshold_amount;
    // A limit at or above what is spent stops enforcing; tests set `enforcing` directly for the other case.
    controls.limits[scope] = { cents, enforcing: false };
    return ok(resourceOf(controls.limits[scope]));
  }
  if (method === 'DELETE') {
    if (!controls.limits[scope])
      return error(404, 'No hard spend limit is set.', 'invalid_request_error', 'spend_limit_not_found');
    delete controls.limits[scope];
    return ok({ object: `${prefix}.spend_limit.deleted`, deleted: true });
  }
  return error(405, `${method} is not supported here.`, 'invalid_request_error', null);
}

function alerts(
  controls: FakeSpendControls,
  scope: string,
  prefix: string,
  method: string,
  alertId: string | undefined,
  query: URLSearchParams,
  body: unknown,
): Answer {
  const list = (controls.alerts[scope] ??= []);
  const resourceOf = (a: FakeSpendAlert) => ({
    id: a.id,
    object: `${prefix}.spend_alert`,
    threshold_amount: a.cents,
    currency: 'USD',
    interval: 'month',
    notification_channel: { type: 'email', recipients: a.recipients, subject_prefix: a.subjectPrefix ?? null },
  });
  if (!alertId) {
    if (method === 'GET') {
      const limitParam = query.has('limit') ? Number(query.get('limit')) : 20;
      if (!Number.isInteger(limitParam) || limitParam < 0 || limitParam > 100)
        return error(400, 'limit must be between 0 and 100', 'invalid_request_error', 'invalid_limit');
      const after = query.get('after');
      const from = after ? list.findIndex((a) => a.id === after) + 1 : 0;
      const page = list.slice(from, from + limitParam);
      return ok({
        object: 'list',
        data: page.map(resourceOf),
        first_id: page[0]?.id ?? null,
        last_id: page.at(-1)?.id ?? null,
        has_more: from + limitParam < list.length,
      });
    }
    if (method === 'POST') {
      const problem = checkBody(body, ['threshold_amount', 'currency', 'interval', 'notification_channel'], 0);
      if (problem) return problem;
      const b = body as {
        threshold_amount: number;
        notification_channel: { recipients: string[]; subject_prefix?: string | null };
      };
      const alert = {
        id: `spend_alert_${String(nextAlertNumber++).padStart(4, '0')}`,
        cents: b.threshold_amount,
        recipients: b.notification_channel.recipients,
        subjectPrefix: b.notification_channel.subject_prefix ?? null,
      };
      list.push(alert);
      return ok(resourceOf(alert));
    }
    return error(405, `${method} is not supported here.`, 'invalid_request_error', null);
  }
  const index = list.findIndex((a) => a.id === alertId);
  if (index < 0) return error(404, `No spend alert found with id '${alertId}'.`, 'invalid_request_error', null);
  if (method === 'GET') return ok(resourceOf(list[index]));
  if (method === 'POST') {
    const problem = checkBody(body, ['threshold_amount', 'currency', 'interval', 'notification_channel'], 0);
    if (problem) return problem;
    const b = body as { threshold_amount: number; notification_channel: { recipients: string[] } };
    list[index] = { ...list[index], cents: b.threshold_amount, recipients: b.notification_channel.recipients };
    return ok(resourceOf(list[index]));
  }
  if (method === 'DELETE') {
    list.splice(index, 1);
    return ok({ id: alertId, object: `${prefix}.spend_alert.deleted`, deleted: true });
  }
  return error(405, `${method} is not supported here.`, 'invalid_request_error', null);
}

/** The body checks OpenAI documents (CreateSpendAlertBody, Update…SpendLimitBody): 400 with the param at fault. */
function checkBody(body: unknown, required: string[], minCents: number): Answer | undefined {
  if (!body || typeof body !== 'object')
    return error(400, 'Expected a JSON object body.', 'invalid_request_error', null);
  const b = body as Record<string, unknown>;
  for (const field of required)
    if (!(field in b))
      return error(
        400,
        `Missing required parameter: '${field}'.`,
        'invalid_request_error',
        'missing_required_parameter',
        field,
      );
  if (!Number.isInteger(b.threshold_amount) || (b.threshold_amount as number) < minCents) {
    return error(
      400,
      `Invalid 'threshold_amount': expected an integer number of cents ≥ ${minCents}.`,
      'invalid_request_error',
      'invalid_value',
      'threshold_amount',
    );
  }
  if (b.currency !== 'USD')
    return error(
      400,
      "Invalid 'currency': only 'USD' is supported.",
      'invalid_request_error',
      'invalid_value',
      'currency',
    );
  if (b.interval !== 'month')
    return error(
      400,
      "Invalid 'interval': only 'month' is supported.",
      'invalid_request_error',
      'invalid_value',
      'interval',
    );
  if ('notification_channel' in b) {
    const channel = b.notification_channel as { type?: unknown; recipients?: unknown } | null;
    if (
      !channel ||
      channel.type !== 'email' ||
      !Array.isArray(channel.recipients) ||
      channel.recipients.some((r) => typeof r !== 'string')
    ) {
      return error(
        400,
        "Invalid 'notification_channel': expected type 'email' and a list of recipients.",
        'invalid_request_error',
        'invalid_value',
        'notification_channel',
      );
    }
  }
  return undefined;
}

const ok = (body: unknown): Answer => ({ status: 200, body });

function error(
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): Answer {
  return { status, body: { error: { message, type, param, code } } };
}
