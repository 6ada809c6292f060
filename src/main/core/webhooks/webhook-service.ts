/**
 * Webhooks: kept in settings (name, format, masked URL) and the keychain (the URL), and the sender that empties the
 * outbox. Whichever process raised an alert, any process may post it: the outbox's claims make each delivery
 * happen once, and an unanswered one is retried (from the outbox, so across restarts) until a day has passed.
 */
import { AppError, toErrorInfo } from '../errors';
import { randomHex } from '../random-id';
import type { Clock, Logger, SecretVault } from '../ports';
import type { AlertEngine } from '../alerts/alert-engine';
import type { SettingsRepository } from '../settings/settings';
import type { Timers } from '../sync/scheduler';
import { timerDelay } from '../../../shared/elapsed';
import {
  maskWebhookUrl,
  MAX_WEBHOOKS,
  webhookAddInputSchema,
  type WebhookAddInput,
  type WebhookInfo,
  type WebhookStatus,
  type WebhookTestResult,
} from '../../../shared/webhooks';
import { claimDue, forgetWebhook, nextDueAt, noDeliveries, settle, type OutboxEntry } from './outbox';
import { testAlert, webhookBody } from './payloads';
import type { WebhookPost } from './webhook-sender';

export const webhookKeyRef = (webhookId: string): string => `webhook:${webhookId}`;

/** Posts running at once: a few slow receivers must not hold up the rest, nor open hundreds of sockets. */
const PARALLEL_POSTS = 4;
/** How long one flush goes on claiming more (a batch under way still ends, within a post's timeout). */
const DEFAULT_FLUSH_BUDGET_MS = 60_000;
/** For a process about to exit (a CLI command, a server stopping): what is left waits in the outbox. */
export const EXITING_FLUSH_BUDGET_MS = 5_000;

export interface FlushResult {
  delivered: number;
  retrying: number;
  failed: number;
}

export class WebhookService {
  private running: Promise<FlushResult> | undefined;
  /** When the flush under way stops claiming more (performance.now() time). */
  private deadline = 0;
  private again = false;
  private retryTimer: unknown;
  private retrying = false;

  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      vault: SecretVault;
      alerts: AlertEngine;
      clock: Clock;
      logger: Logger;
      post: WebhookPost;
      timers: Timers;
      /** Where this process can read webhook URLs: the keychain (app, CLI, serve), or systemd credentials (serve --credentials). */
      sources?: readonly WebhookInfo['source'][];
    },
  ) {}

  list(): WebhookStatus[] {
    const webhooks = this.deps.settings.read().webhooks;
    const { entries, stats } = this.deps.alerts.readOutbox();
    return webhooks.map((w) => ({
      ...w,
      ...(stats[w.id] ?? noDeliveries()),
      pending: entries.filter((e) => e.webhookId === w.id).length,
    }));
  }

  /** One webhook by id, or by name (case-insensitive). */
  find(nameOrId: string): WebhookInfo {
    const wanted = nameOrId.trim().toLowerCase();
    const webhooks = this.deps.settings.read().webhooks;
    const found = webhooks.find((w) => w.id === nameOrId) ?? webhooks.find((w) => w.name.toLowerCase() === wanted);
    if (!found)
      throw new AppError(
        'not_found',
        webhooks.length
          ? `No webhook "${nameOrId}". Known: ${webhooks.map((w) => w.name).join(', ')}.`
          : 'No webhooks yet. Add one with "spendwatch webhooks add --url <url>".',
      );
    return found;
  }

  /** Stores the URL in the keychain first: a webhook never exists in settings without its URL. */
  async add(input: WebhookAddInput, source: WebhookInfo['source'] = 'keychain'): Promise<WebhookInfo> {
    const parsed = webhookAddInputSchema.safeParse(input);
    if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'Invalid webhook.');
    const { url, format } = parsed.data;
    const existing = this.deps.settings.read().webhooks;
    if (existing.length >= MAX_WEBHOOKS)
      throw new AppError('invalid_input', `At most ${MAX_WEBHOOKS} webhooks; remove one first.`);
    const name = parsed.data.name ?? uniqueName(defaultName(url), existing);
    // Checked before the keychain is written, and again under the settings lock (another process may have added it).
    const refuseTaken = (list: WebhookInfo[]) => {
      if (list.some((w) => w.name.toLowerCase() === name.toLowerCase()))
        throw new AppError('conflict', `A webhook named "${name}" exists already; choose another --name.`);
    };
    refuseTaken(existing);
    const info: WebhookInfo = {
      id: `wh_${randomHex(8)}`,
      name,
      format,
      urlHint: maskWebhookUrl(url),
      createdAt: this.deps.clock.now().toISOString(),
      source,
    };
    if (source === 'keychain') await this.deps.vault.set(webhookKeyRef(info.id), url);
    try {
      this.deps.settings.update((s) => {
        refuseTaken(s.webhooks);
        s.webhooks.push(info);
      });
    } catch (error) {
      if (source === 'keychain') await this.deps.vault.delete(webhookKeyRef(info.id)).catch(() => undefined);
      throw error;
    }
    return info;
  }

  async remove(nameOrId: string): Promise<WebhookInfo> {
    const webhook = this.find(nameOrId);
    this.deps.settings.update((s) => {
      s.webhooks = s.webhooks.filter((w) => w.id !== webhook.id);
    });
    this.deps.alerts.changeOutbox((outbox) => {
      forgetWebhook(outbox, webhook.id);
      return { result: undefined, write: true };
    });
    if (webhook.source === 'keychain') await this.deps.vault.delete(webhookKeyRef(webhook.id));
    return webhook;
  }

  /** Posts a test message now, outside the outbox (nothing is retried), and says what the receiver answered. */
  async test(nameOrId: string): Promise<WebhookTestResult> {
    const webhook = this.find(nameOrId);
    if (!this.sources.includes(webhook.source)) {
      return {
        ok: false,
        status: null,
        message: `The URL of "${webhook.name}" is a systemd credential of spendwatch serve; it can be tested only there.`,
      };
    }
    const url = await this.deps.vault.get(webhookKeyRef(webhook.id));
    if (!url)
      return {
        ok: false,
        status: null,
        message: `The URL of "${webhook.name}" is missing from the keychain. Remove the webhook and add it again.`,
      };
    const deliveryId = `dl_test_${randomHex(8)}`;
    const outcome = await this.deps.post(
      url,
      webhookBody(webhook.format, testAlert(webhook.name, this.deps.clock.now()), deliveryId, true),
      deliveryId,
    );
    if (outcome.ok)
      return { ok: true, status: outcome.status, message: `Delivered to "${webhook.name}" (HTTP ${outcome.status}).` };
    return { ok: false, status: outcome.status, message: `Not delivered to "${webhook.name}": ${outcome.error}.` };
  }

  /**
   * Posts every delivery that is due. Never throws (it runs after every alert, unawaited in the app); a call while
   * one runs joins it, and it goes round once more for what was queued meanwhile.
   */
  flush(budgetMs = DEFAULT_FLUSH_BUDGET_MS): Promise<FlushResult> {
    // Monotonic, not the injected clock: a budget is about how long this process waits, whatever the date says.
    const deadline = performance.now() + budgetMs;
    if (this.running) {
      // Joining a flush under way: a process about to exit shortens it, never lengthens it.
      this.deadline = Math.min(this.deadline, deadline);
      this.again = true;
      return this.running;
    }
    this.deadline = deadline;
    this.running = this.flushRounds().finally(() => {
      this.running = undefined;
      if (this.retrying) this.scheduleRetry();
    });
    return this.running;
  }

  /** Long-running hosts (the app, `serve`) retry waiting deliveries when they fall due. */
  startRetries(): void {
    this.retrying = true;
    void this.flush();
  }

  stopRetries(): void {
    this.retrying = false;
    if (this.retryTimer !== undefined) this.deps.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async flushRounds(): Promise<FlushResult> {
    const total: FlushResult = { delivered: 0, retrying: 0, failed: 0 };
    // Each delivery is tried at most once a flush: a receiver that hangs costs one timeout per delivery, not a loop.
    const tried = new Set<string>();
    do {
      this.again = false;
      try {
        await this.flushOnce(tried, total);
      } catch (error) {
        // A busy or unwritable alerts file: the deliveries stay queued for the next round.
        this.deps.logger.warn(`Webhook deliveries were not sent: ${toErrorInfo(error).message}`);
        return total;
      }
    } while (this.again && performance.now() < this.deadline);
    return total;
  }

  /** One round over what is due, counted into `result`. */
  private async flushOnce(tried: Set<string>, result: FlushResult): Promise<void> {
    const list = this.deps.settings.read().webhooks;
    // No webhooks: nothing to post, and no reason to take the alerts lock (every `status` ends here).
    if (!list.length) return;
    const webhooks = new Map(list.map((w) => [w.id, w]));
    const scope = this.scope(list);
    // A few at a time, each claimed just before it is posted: what is claimed is always being posted. Past the
    // deadline (a CLI command about to exit, a server stopping) the rest waits in the outbox for the next flush.
    while (performance.now() < this.deadline) {
      const due = this.deps.alerts.changeOutbox((outbox) => {
        const before = outbox.entries.length;
        const claimed = claimDue(outbox, this.deps.clock.now(), scope, PARALLEL_POSTS, tried);
        return { result: claimed, write: claimed.length > 0 || outbox.entries.length !== before };
      });
      if (!due.length) return;
      for (const entry of due) tried.add(entry.id);
      await Promise.all(
        due.map(async (entry) => {
          const webhook = webhooks.get(entry.webhookId)!;
          const outcome = await this.postOne(entry, webhook);
          this.deps.alerts.changeOutbox((outbox) => {
            settle(outbox, entry.id, outcome, this.deps.clock.now());
            return { result: undefined, write: true };
          });
          if (outcome.ok) result.delivered++;
          else if (outcome.retry) result.retrying++;
          else result.failed++;
          if (!outcome.ok)
            this.deps.logger.warn(
              `Webhook "${webhook.name}": alert "${entry.alert.title}" not delivered (attempt ${entry.attempts}): ${outcome.error}`,
            );
        }),
      );
    }
  }

  private get sources(): readonly WebhookInfo['source'][] {
    return this.deps.sources ?? ['keychain'];
  }

  /** The webhooks there are, and those whose URL this process can read (the only ones it posts, or waits for). */
  private scope(webhooks: WebhookInfo[]): { known: Set<string>; postable: Set<string> } {
    const sources = this.sources;
    return {
      known: new Set(webhooks.map((w) => w.id)),
      postable: new Set(webhooks.filter((w) => sources.includes(w.source)).map((w) => w.id)),
    };
  }

  private async postOne(entry: OutboxEntry, webhook: WebhookInfo) {
    let url: string | null;
    try {
      url = await this.deps.vault.get(webhookKeyRef(webhook.id));
    } catch (error) {
      return { ok: false as const, retry: true, error: toErrorInfo(error).message };
    }
    if (!url)
      return {
        ok: false as const,
        retry: false,
        error: 'its URL is missing from the keychain; remove the webhook and add it again',
      };
    return this.deps.post(url, webhookBody(webhook.format, entry.alert, entry.id), entry.id);
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) this.deps.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    let next: number | null;
    try {
      next = nextDueAt(this.deps.alerts.readOutbox(), this.scope(this.deps.settings.read().webhooks).postable);
    } catch {
      next = this.deps.clock.now().getTime() + 60_000;
    }
    if (next === null) return;
    // At least a second apart (a clock that jumps must not spin this); capped, as the scheduler's delays are.
    const delay = Math.max(1_000, timerDelay(next - this.deps.clock.now().getTime()));
    this.retryTimer = this.deps.timers.setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, delay);
  }
}

/** Never from the host: some services put the secret there (https://<token>.m.pipedream.net). */
function defaultName(url: string): string {
  return new URL(url).hostname === 'hooks.slack.com' ? 'Slack' : 'Webhook';
}

function uniqueName(base: string, existing: WebhookInfo[]): string {
  const taken = new Set(existing.map((w) => w.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}
