/**
 * OpenAI's spend controls over the Admin API: the hard spend limit (`/organization/spend_limit`) and email
 * spend alerts (`/organization/spend_alerts`), with their per-project twins under
 * `/organization/projects/{project_id}/…`. Bodies follow the reference OpenAPI exactly: integer cents,
 * currency "USD", interval "month". Every answer is validated before it is used.
 */
import { z } from 'zod';
// Schemas here are built on first use (z.lazy), like the providers' (see "CLI start-up" in
// docs/contributing/performance.md).
import type { SpendEmailAlert, SpendLimit } from '../../../shared/spend-controls';
import { AppError } from '../errors';
import type { JsonHttpClient } from '../providers/http/json-http-client';
import { openAiHttpClient, type OpenAiClientOptions } from '../providers/openai/openai-http';

/** What core needs from OpenAI's spend controls; projectId null means the organisation. */
export interface SpendControlsApi {
  getLimit(projectId: string | null): Promise<SpendLimit | null>;
  setLimit(projectId: string | null, cents: number): Promise<SpendLimit>;
  removeLimit(projectId: string | null): Promise<void>;
  listEmailAlerts(projectId: string | null): Promise<SpendEmailAlert[]>;
  createEmailAlert(projectId: string | null, cents: number, recipients: string[]): Promise<SpendEmailAlert>;
  updateEmailAlert(
    projectId: string | null,
    alertId: string,
    cents: number,
    recipients: string[],
  ): Promise<SpendEmailAlert>;
  deleteEmailAlert(projectId: string | null, alertId: string): Promise<void>;
}

const tag = (...values: [string, ...string[]]) => z.enum(values).optional();

const limitResourceSchema = z.lazy(() =>
  z.object({
    object: tag('organization.spend_limit', 'project.spend_limit'),
    // A server without a limit may answer with a null amount instead of 404: both mean "no limit".
    threshold_amount: z.number().int().nonnegative().nullable(),
    currency: z.string().nullish(),
    interval: z.string().nullish(),
    enforcement: z.object({ status: z.string() }).nullish(),
  }),
);

const alertResourceSchema = z.lazy(() =>
  z.object({
    id: z.string().min(1).max(200),
    object: tag('organization.spend_alert', 'project.spend_alert'),
    threshold_amount: z.number().int().nonnegative(),
    currency: z.string().optional(),
    interval: z.string().optional(),
    notification_channel: z.object({ type: z.string(), recipients: z.array(z.string()) }),
  }),
);

const alertListSchema = z.lazy(() =>
  z.object({
    object: tag('list'),
    data: z.array(alertResourceSchema),
    has_more: z.boolean(),
    last_id: z.string().nullish(),
  }),
);

const deletedSchema = z.lazy(() => z.object({ deleted: z.boolean() }));

const MAX_ALERT_PAGES = 20;

export type OpenAiSpendControlsOptions = OpenAiClientOptions;

export class OpenAiSpendControls implements SpendControlsApi {
  private readonly http: JsonHttpClient;

  constructor(options: OpenAiSpendControlsOptions) {
    this.http = openAiHttpClient(options);
  }

  get requestCount(): number {
    return this.http.requestCount;
  }

  async getLimit(projectId: string | null): Promise<SpendLimit | null> {
    try {
      return toLimit(parse(limitResourceSchema, await this.read('GET', limitPath(projectId)), 'spend limit'));
    } catch (error) {
      // OpenAI answers 404 when no hard limit is set.
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    }
  }

  async setLimit(projectId: string | null, cents: number): Promise<SpendLimit> {
    checkCents(cents, 1);
    // Create-or-replace is idempotent, so a lost answer may be retried.
    const body = { threshold_amount: cents, currency: 'USD', interval: 'month' };
    const limit = toLimit(
      parse(limitResourceSchema, await this.write('POST', limitPath(projectId), body, true), 'spend limit'),
    );
    if (!limit)
      throw new AppError('malformed_response', 'OpenAI accepted the hard spend limit but answered without its amount.');
    return limit;
  }

  async removeLimit(projectId: string | null): Promise<void> {
    parse(deletedSchema, await this.write('DELETE', limitPath(projectId), undefined, true), 'spend limit deletion');
  }

  async listEmailAlerts(projectId: string | null): Promise<SpendEmailAlert[]> {
    const alerts: SpendEmailAlert[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_ALERT_PAGES; page++) {
      const query = new URLSearchParams({ limit: '100' });
      if (after) query.set('after', after);
      const list = parse(alertListSchema, await this.read('GET', alertsPath(projectId), query), 'spend alerts');
      alerts.push(...list.data.map(toAlert));
      const next = list.last_id ?? list.data.at(-1)?.id;
      if (!list.has_more || !next || next === after) return alerts;
      after = next;
    }
    throw new AppError('malformed_response', 'OpenAI kept paging the spend alerts without end.');
  }

  async createEmailAlert(projectId: string | null, cents: number, recipients: string[]): Promise<SpendEmailAlert> {
    checkCents(cents, 0);
    // Not idempotent: a retry after a lost answer could create the alert twice.
    const answer = await this.write('POST', alertsPath(projectId), alertBody(cents, recipients), false);
    return toAlert(parse(alertResourceSchema, answer, 'spend alert'));
  }

  async updateEmailAlert(
    projectId: string | null,
    alertId: string,
    cents: number,
    recipients: string[],
  ): Promise<SpendEmailAlert> {
    checkCents(cents, 0);
    const answer = await this.write(
      'POST',
      `${alertsPath(projectId)}/${encodeId(alertId)}`,
      alertBody(cents, recipients),
      true,
    );
    return toAlert(parse(alertResourceSchema, answer, 'spend alert'));
  }

  async deleteEmailAlert(projectId: string | null, alertId: string): Promise<void> {
    parse(
      deletedSchema,
      await this.write('DELETE', `${alertsPath(projectId)}/${encodeId(alertId)}`, undefined, true),
      'spend alert deletion',
    );
  }

  private async read(method: 'GET', path: string, query?: URLSearchParams): Promise<unknown> {
    try {
      return await this.http.requestJson(method, path, { query });
    } catch (error) {
      throw permissionError(error, 'read');
    }
  }

  private async write(method: 'POST' | 'DELETE', path: string, body: unknown, retry: boolean): Promise<unknown> {
    try {
      return await this.http.requestJson(method, path, { body, retry });
    } catch (error) {
      throw permissionError(error, 'write');
    }
  }
}

function limitPath(projectId: string | null): string {
  return projectId ? `/organization/projects/${encodeId(projectId)}/spend_limit` : '/organization/spend_limit';
}

function alertsPath(projectId: string | null): string {
  return projectId ? `/organization/projects/${encodeId(projectId)}/spend_alerts` : '/organization/spend_alerts';
}

function encodeId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(id))
    throw new AppError('invalid_input', `"${id.slice(0, 40)}" is not a valid OpenAI id.`);
  return id;
}

function alertBody(cents: number, recipients: string[]) {
  return {
    threshold_amount: cents,
    currency: 'USD',
    interval: 'month',
    notification_channel: { type: 'email', recipients },
  };
}

function checkCents(cents: number, min: number): void {
  if (!Number.isSafeInteger(cents) || cents < min)
    throw new AppError(
      'invalid_input',
      'Spend limits and alerts are whole cents; Spendwatch refuses any other amount.',
    );
}

function toLimit(resource: z.output<typeof limitResourceSchema>): SpendLimit | null {
  if (!resource.threshold_amount) return null;
  if (resource.currency && resource.currency.toUpperCase() !== 'USD') {
    throw new AppError(
      'malformed_response',
      `OpenAI reported a spend limit in ${resource.currency}; Spendwatch only understands USD.`,
    );
  }
  return { cents: resource.threshold_amount, enforcing: resource.enforcement?.status === 'enforcing' };
}

function toAlert(resource: z.output<typeof alertResourceSchema>): SpendEmailAlert {
  return { id: resource.id, cents: resource.threshold_amount, recipients: resource.notification_channel.recipients };
}

/** A 403 names the permission the key lacks (OpenAI's message lists the missing scope when it knows it). */
function permissionError(error: unknown, access: 'read' | 'write'): unknown {
  if (!(error instanceof AppError) || error.code !== 'missing_scope') return error;
  const scope = /missing scopes?:\s*([A-Za-z0-9_.:,\s-]+?)\.?(?:"|$)/i.exec(error.message)?.[1]?.trim();
  const permission = scope ? `the ${scope} permission` : `${access} permission for spend limits and alerts`;
  return access === 'write'
    ? new AppError(
        'forbidden',
        `This admin key can read but not change OpenAI's spend limits and alerts: it needs ${permission}. Nothing was changed. Create an admin key with that permission at OpenAI and update this account.`,
      )
    : new AppError(
        'missing_scope',
        `This admin key cannot read OpenAI's spend limits and alerts: it needs ${permission}. Cost syncing is not affected.`,
      );
}

function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError(
      'malformed_response',
      `OpenAI's ${what} response was not in the expected shape (${issue?.path.join('.') || '(root)'}: ${issue?.message}).`,
    );
  }
  return result.data;
}
