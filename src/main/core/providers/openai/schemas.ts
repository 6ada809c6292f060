/**
 * zod schemas for the parts of OpenAI's admin API responses we read (from the reference OpenAPI excerpt:
 * UsageResponse, UsageTimeBucket, CostsResult, UsageCompletionsResult, ProjectListResponse).
 *
 * The published spec is a floor, not the truth. What the live API has been seen to send, and is accepted here:
 * - `amount.value` as a JSON number or a string; strings with ~40 fraction digits, exponent notation
 *   ("4.5E-7", 1e-07) and the decimal128 zero "0E-6176". Parsed exactly by shared/money.
 * - every field but `object` is optional in the spec: a result without `amount` counts as zero, one without
 *   `currency` is in US dollars (the only currency Costs reports), `line_item`/`project_id` may be null or absent.
 * - extra fields (`project_name`, `organization_id`, `organization_name`, `user_email`, `start_time_iso`, …);
 *   `project_name` is used to name projects without a Projects call.
 * - buckets with `start_time_iso` (sometimes without a time zone, meaning UTC) beside or instead of `start_time`.
 * Page structure (a `data` list of buckets with `results` lists) is required: without it nothing can be read.
 * Each cost result is validated on its own, so one unusable row becomes a warning naming it, never a failed sync.
 */
import { z } from 'zod';

const nullableString = z.string().nullish().transform((v) => v ?? null);
/** The constant `object` tag: checked when present, tolerated when a server leaves it out. */
const tag = <T extends string>(value: T) => z.literal(value).optional();
const tokenCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Ids and labels are short; a longer one is not something Spendwatch should store or show. */
const label = (max: number) => z.string().max(max, `longer than ${max} characters`).nullish().transform((v) => v ?? null);

export const costsResultSchema = z.object({
  object: tag('organization.costs.result'),
  amount: z
    .object({
      // Numbers arrive as their exact source text (see JsonHttpClient's exactNumbers), strings as sent.
      value: z.union([z.number(), z.string().max(400)]).nullish(),
      currency: z.string().regex(/^[A-Za-z]{3}$/, 'not a currency code').nullish(),
    })
    .nullish(),
  line_item: label(500),
  project_id: label(200),
  project_name: label(500),
  quantity: z.number().finite().nullish().transform((v) => v ?? null),
});
export type CostsResultInput = z.output<typeof costsResultSchema>;

export const completionsUsageResultSchema = z.object({
  object: tag('organization.usage.completions.result'),
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  input_cached_tokens: tokenCount.nullish().transform((v) => v ?? 0),
  num_model_requests: tokenCount,
  model: nullableString,
});

/** A bucket's start as unix seconds: `start_time`, or `start_time_iso` read as UTC when it has no zone. */
function bucketStart(bucket: { start_time?: number | null; start_time_iso?: string | null }): number | undefined {
  if (typeof bucket.start_time === 'number') return bucket.start_time;
  const iso = bucket.start_time_iso;
  if (!iso) return undefined;
  const ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

const bucketSchema = <R extends z.ZodType>(result: R) =>
  z
    .object({
      object: tag('bucket'),
      start_time: z.number().int().nullish(),
      start_time_iso: z.string().max(64).nullish(),
      results: z.array(result).max(100_000),
    })
    .transform((bucket, ctx) => {
      const start = bucketStart(bucket);
      if (start === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a bucket without a readable start time' });
        return z.NEVER;
      }
      return { start, results: bucket.results as z.output<R>[] };
    });

const pageSchema = <B extends z.ZodType>(bucket: B) =>
  z.object({
    object: tag('page'),
    data: z.array(bucket).max(1_000),
    has_more: z.boolean().nullish(),
    next_page: z.string().max(2_000).nullish().transform((v) => v ?? null),
  });

/**
 * Costs pages are read in three steps — page, then each bucket, then each result — so that one unusable bucket
 * or row becomes a warning that names it, while the rest of the page is kept.
 */
export const costsPageSchema = pageSchema(z.unknown());
export const costsBucketSchema = bucketSchema(z.unknown());
export const completionsUsagePageSchema = pageSchema(bucketSchema(completionsUsageResultSchema));

export const projectListSchema = z.object({
  object: tag('list'),
  data: z.array(
    z.object({
      id: z.string().max(200),
      object: tag('organization.project'),
      name: z.string().max(500).nullish(),
    }),
  ).max(1_000),
  has_more: z.boolean(),
  last_id: z.string().max(200).nullish(),
});
