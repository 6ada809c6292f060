/**
 * The webhook outbox: one entry per alert and webhook, kept in alerts.json beside the fired keys, so raising an
 * alert and queueing its deliveries is one atomic write under the alerts lock — a crash can lose neither.
 * A sender claims entries under the lock (other processes skip a claimed entry until its claim runs out), posts
 * outside it, then settles the entry under the lock again: delivered (gone), retried later, or given up.
 */
import { z } from 'zod';
import { alertSchema, type Alert } from '../../../shared/domain';
import { webhookStatusSchema, type WebhookInfo } from '../../../shared/webhooks';

const outboxEntrySchema = z.object({
  /** Also the receiver's idempotency key (`Idempotency-Key`, and `deliveryId` in the JSON body). */
  id: z.string(),
  webhookId: z.string(),
  alert: alertSchema,
  createdAt: z.string(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string(),
  /** Another process is posting it until then; a claim that runs out (that process died) is taken over. */
  claimedUntil: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** Per webhook, what `webhooks list` and Settings show of its deliveries so far. */
const deliveryStatsSchema = webhookStatusSchema.pick({
  delivered: true,
  failed: true,
  lastDeliveredAt: true,
  lastError: true,
  lastErrorAt: true,
});
export type DeliveryStats = z.infer<typeof deliveryStatsSchema>;

export const outboxSchema = z.object({
  entries: z.array(outboxEntrySchema),
  stats: z.record(z.string(), deliveryStatsSchema),
});
export type Outbox = z.infer<typeof outboxSchema>;
export const emptyOutbox = (): Outbox => ({ entries: [], stats: {} });

/** Retries: 30 s, 1, 2, 4 … minutes, capped at an hour; given up after a day (the alert is old news by then). */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;
const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/**
 * Longer than a post may take (its timeout), so a live sender's claim never runs out under it.
 * @internal
 */
export const CLAIM_MS = 60_000;
/** A receiver down for days must not grow alerts.json without bound: the oldest waiting entries are dropped. */
const MAX_ENTRIES = 1_000;

/** A webhook's stats before its first delivery. */
export const noDeliveries = (): DeliveryStats => ({
  delivered: 0,
  failed: 0,
  lastDeliveredAt: null,
  lastError: null,
  lastErrorAt: null,
});

const stats = (outbox: Outbox, webhookId: string): DeliveryStats => (outbox.stats[webhookId] ??= noDeliveries());

/** Queues the alert for every webhook (ids come from the caller's random source). */
export function enqueue(outbox: Outbox, alert: Alert, webhooks: WebhookInfo[], now: Date, newId: () => string): void {
  for (const webhook of webhooks) {
    outbox.entries.push({
      id: newId(),
      webhookId: webhook.id,
      alert,
      createdAt: now.toISOString(),
      attempts: 0,
      nextAttemptAt: now.toISOString(),
      claimedUntil: null,
      lastError: null,
    });
  }
  const over = outbox.entries.length - MAX_ENTRIES;
  if (over > 0)
    for (const dropped of outbox.entries.splice(0, over))
      giveUp(outbox, dropped, 'dropped: too many alerts were waiting', now);
}

/**
 * Up to `max` entries due now that no live sender holds, for the webhooks this process can post to; they are
 * claimed (the caller writes the outbox before posting). A sender claims only what it posts at once: a claim must
 * never run out while its entry still waits behind others, or a second process would post it too.
 */
export function claimDue(
  outbox: Outbox,
  now: Date,
  webhooks: { known: ReadonlySet<string>; postable: ReadonlySet<string> },
  max: number,
  skip: ReadonlySet<string> = new Set(),
): OutboxEntry[] {
  const t = now.getTime();
  const due: OutboxEntry[] = [];
  for (const entry of [...outbox.entries]) {
    if (due.length >= max) break;
    // A webhook removed while its alerts waited: nothing to post them to.
    if (!webhooks.known.has(entry.webhookId)) {
      outbox.entries.splice(outbox.entries.indexOf(entry), 1);
      continue;
    }
    // Its URL is where this process cannot read it (a systemd credential of `serve`, or the keychain): left to one that can.
    if (!webhooks.postable.has(entry.webhookId) || skip.has(entry.id)) continue;
    const claimed = entry.claimedUntil ? Date.parse(entry.claimedUntil) : NaN;
    // Honoured even after the clock stepped back a little (up to a claim's length); one far ahead was made while
    // the clock ran fast, and must not park the entry for long.
    if (claimed > t && claimed - t <= 2 * CLAIM_MS) continue;
    const next = Date.parse(entry.nextAttemptAt);
    if (next > t && next - t <= MAX_RETRY_MS) continue;
    entry.claimedUntil = new Date(t + CLAIM_MS).toISOString();
    entry.attempts += 1;
    due.push(structuredClone(entry));
  }
  return due;
}

export type PostOutcome = { ok: true } | { ok: false; retry: boolean; error: string; retryAfterMs?: number };

/** Records what a post of a claimed entry did. An entry already settled by another process is left alone. */
export function settle(outbox: Outbox, entryId: string, outcome: PostOutcome, now: Date): void {
  const index = outbox.entries.findIndex((e) => e.id === entryId);
  if (index < 0) return;
  const entry = outbox.entries[index];
  if (outcome.ok) {
    outbox.entries.splice(index, 1);
    const s = stats(outbox, entry.webhookId);
    s.delivered += 1;
    s.lastDeliveredAt = now.toISOString();
    return;
  }
  const age = now.getTime() - Date.parse(entry.createdAt);
  if (!outcome.retry || !(age < GIVE_UP_AFTER_MS)) {
    outbox.entries.splice(index, 1);
    giveUp(outbox, entry, outcome.error, now);
    return;
  }
  const backoff = FIRST_RETRY_MS * 2 ** Math.max(0, entry.attempts - 1);
  entry.claimedUntil = null;
  entry.lastError = outcome.error;
  entry.nextAttemptAt = new Date(
    now.getTime() + Math.min(MAX_RETRY_MS, Math.max(backoff, outcome.retryAfterMs ?? 0)),
  ).toISOString();
  const s = stats(outbox, entry.webhookId);
  s.lastError = outcome.error;
  s.lastErrorAt = now.toISOString();
}

function giveUp(outbox: Outbox, entry: OutboxEntry, error: string, now: Date): void {
  const s = stats(outbox, entry.webhookId);
  s.failed += 1;
  s.lastError = `${entry.alert.title}: ${error}`;
  s.lastErrorAt = now.toISOString();
}

/** When the earliest entry this process may post is due (ms since the epoch), or null when none waits. */
export function nextDueAt(outbox: Outbox, postable: ReadonlySet<string>): number | null {
  let next: number | null = null;
  for (const entry of outbox.entries) {
    if (!postable.has(entry.webhookId)) continue;
    const at = Math.max(Date.parse(entry.nextAttemptAt), entry.claimedUntil ? Date.parse(entry.claimedUntil) : 0);
    if (Number.isFinite(at) && (next === null || at < next)) next = at;
  }
  return next;
}

export function forgetWebhook(outbox: Outbox, webhookId: string): void {
  outbox.entries = outbox.entries.filter((e) => e.webhookId !== webhookId);
  delete outbox.stats[webhookId];
}
