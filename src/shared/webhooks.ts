/**
 * Webhooks: where every alert is also posted (Slack's incoming webhooks, or any receiver of a documented JSON body).
 * The URL is a secret (a Slack URL is its own credential): it lives in the keychain; everything else sees `urlHint`.
 */
import { z } from 'zod';
import { secureUrlProblem } from './secure-url';

export const WEBHOOK_FORMATS = ['slack', 'json'] as const;
const webhookFormatSchema = z.enum(WEBHOOK_FORMATS);
export type WebhookFormat = z.infer<typeof webhookFormatSchema>;

export const MAX_WEBHOOKS = 20;
const MAX_URL_LENGTH = 2048;

const webhookNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(64, 'Use at most 64 characters.')
  // A channel's name is the natural one ("#ai-spend"); nothing that could pass for a path, a URL or markup.
  .regex(/^[\p{L}\p{N}#@][\p{L}\p{N} #@()_.-]*$/u, 'Use letters, digits, spaces and # @ ( ) . - _ only.');

/** Why a webhook URL cannot be used, or null: the same rule as an API base URL's (a webhook URL is a secret too). */
function webhookUrlProblem(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return `The URL is longer than ${MAX_URL_LENGTH} characters.`;
  return secureUrlProblem(raw, 'https://hooks.slack.com/services/…');
}

const webhookUrlSchema = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH, `The URL is longer than ${MAX_URL_LENGTH} characters.`)
  .superRefine((url, ctx) => {
    const problem = webhookUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Hosts known to carry no secret in their name: shown whole. */
const PLAIN_HOSTS = new Set(['hooks.slack.com']);

/**
 * The scheme, the host's last two labels (some services put the secret in a subdomain: <token>.m.pipedream.net),
 * then only the last 4 characters: enough to tell two webhooks apart, never enough to post.
 */
export function maskWebhookUrl(raw: string): string {
  const url = new URL(raw);
  const labels = url.hostname.split('.');
  const ip = url.hostname.startsWith('[') || /^[\d.]+$/.test(url.hostname);
  const host =
    ip || labels.length <= 2 || PLAIN_HOSTS.has(url.hostname)
      ? url.host
      : `…${labels.slice(-2).join('.')}${url.port ? `:${url.port}` : ''}`;
  const rest = `${url.pathname}${url.search}`;
  return `${url.protocol}//${host}/…${rest.length > 8 ? rest.slice(-4) : ''}`;
}

export const webhookInfoSchema = z.object({
  id: z.string().regex(/^wh_[0-9a-f]{8,32}$/),
  name: webhookNameSchema,
  format: webhookFormatSchema,
  urlHint: z.string().max(300),
  createdAt: z.string(),
  /** Where the URL is kept: the OS keychain, or (`spendwatch serve --credentials`) a systemd credential. */
  source: z.enum(['keychain', 'credentials']).default('keychain'),
});
export type WebhookInfo = z.infer<typeof webhookInfoSchema>;

export const webhookAddInputSchema = z.object({
  url: webhookUrlSchema,
  format: webhookFormatSchema.default('slack'),
  name: webhookNameSchema.optional(),
});
export type WebhookAddInput = z.input<typeof webhookAddInputSchema>;

/** How deliveries to one webhook are going: for `webhooks list` and Settings. */
export const webhookStatusSchema = webhookInfoSchema.extend({
  /** Alerts waiting to be posted (new, or retried after a failure). */
  pending: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  lastDeliveredAt: z.string().nullable(),
  /** The last delivery that failed, in words (status or network error), and when. */
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
});
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;

/** Whether the latest thing that happened to a webhook's deliveries was a failure (what the CLI and Settings say first). */
export const lastDeliveryFailed = (w: Pick<WebhookStatus, 'lastError' | 'lastErrorAt' | 'lastDeliveredAt'>): boolean =>
  Boolean(w.lastError) && (!w.lastDeliveredAt || (w.lastErrorAt ?? '') > w.lastDeliveredAt);

export const webhookTestResultSchema = z.object({
  ok: z.boolean(),
  status: z.number().int().nullable(),
  message: z.string(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;
