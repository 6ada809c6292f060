/**
 * zod schemas for the parts of Anthropic's Admin API we read (../shared/reference/anthropic-admin-api.md):
 * the cost report, workspaces and the messages usage report. Like OpenAI's, unknown extra fields are allowed,
 * the page structure is required, and each cost result is checked on its own (one bad row is a warning).
 */
import { z } from 'zod';

const label = (max: number) =>
  z
    .string()
    .max(max, `longer than ${max} characters`)
    .nullish()
    .transform((v) => v ?? null);
const tokenCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** `amount` is a decimal STRING in cents ("123.45" = $1.2345); a number is accepted too, read the same way. */
export const costResultSchema = z.object({
  amount: z.union([z.string().max(400), z.number()]).nullish(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'not a currency code')
    .nullish(),
  workspace_id: label(200),
  description: label(500),
  cost_type: label(100),
  model: label(200),
  token_type: label(100),
});

/** A bucket: `starting_at` is RFC 3339 (a UTC midnight for 1d buckets). */
export const costBucketSchema = z
  .object({
    starting_at: z.string().max(64),
    ending_at: z.string().max(64).nullish(),
    results: z.array(z.unknown()).max(100_000),
  })
  .transform((bucket, ctx) => {
    const ms = Date.parse(bucket.starting_at);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'starting_at is not a date' });
      return z.NEVER;
    }
    return { dayTime: Math.floor(ms / 1000), results: bucket.results };
  });

const pageSchema = <B extends z.ZodType>(bucket: B) =>
  z.object({
    data: z.array(bucket).max(1_000),
    has_more: z.boolean().nullish(),
    next_page: z
      .string()
      .max(2_000)
      .nullish()
      .transform((v) => v ?? null),
  });

export const costPageSchema = pageSchema(z.unknown());

export const workspaceListSchema = z.object({
  data: z
    .array(
      z.object({ id: z.string().max(200), name: z.string().max(500).nullish(), archived_at: z.string().nullish() }),
    )
    .max(1_000),
  has_more: z.boolean(),
  last_id: z.string().max(200).nullish(),
});

const usageResultSchema = z.object({
  model: label(200),
  uncached_input_tokens: tokenCount.nullish().transform((v) => v ?? 0),
  cache_read_input_tokens: tokenCount.nullish().transform((v) => v ?? 0),
  cache_creation: z
    .object({ ephemeral_5m_input_tokens: tokenCount.nullish(), ephemeral_1h_input_tokens: tokenCount.nullish() })
    .nullish(),
  output_tokens: tokenCount.nullish().transform((v) => v ?? 0),
  api_key_id: label(200),
  workspace_id: label(200),
  service_tier: label(40),
});

export const usagePageSchema = pageSchema(
  costBucketSchema.pipe(z.object({ dayTime: z.number(), results: z.array(usageResultSchema) })),
);

/** API keys (names and owners for the ids the usage report groups by). */
export const apiKeyListSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string().max(200),
        name: z.string().max(500).nullish().catch(null),
        workspace_id: z.string().max(200).nullish().catch(null),
        partial_key_hint: z.string().max(200).nullish().catch(null),
        created_by: z
          .object({ id: z.string().max(200).nullish(), type: z.string().max(40).nullish() })
          .nullish()
          .catch(null),
      }),
    )
    .max(1_000),
  has_more: z.boolean(),
  last_id: z.string().max(200).nullish(),
});
