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
// Schemas here are built on first use (z.lazy): commands that only read local history never need them, and
// building zod schemas is a measurable part of a CLI command's start-up (see "CLI start-up" in
// docs/contributing/performance.md).

/** The constant `object` tag: checked when present, tolerated when a server leaves it out. */
const tag = <T extends string>(value: T) => z.literal(value).optional();
const tokenCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Ids and labels are short; a longer one is not something Spendwatch should store or show. */
const label = (max: number) =>
  z
    .string()
    .max(max, `longer than ${max} characters`)
    .nullish()
    .transform((v) => v ?? null);

/**
 * Only what decides the money can make a row unusable: the amount, its currency, and the project id it is
 * added to. Everything else is lenient — an odd `object` tag, a project name or quantity Spendwatch cannot use
 * (ignored), a very long line item (shortened) — so a readable amount is never dropped for a label.
 */
export const costsResultSchema = z.lazy(() =>
  z.object({
    object: z.unknown().optional(),
    amount: z
      .object({
        // Numbers arrive as their exact source text (see JsonHttpClient's exactNumbers), strings as sent.
        value: z.union([z.number(), z.string().max(400)]).nullish(),
        // "USD", "usd ", "" (not said: dollars) are fine; anything else must be a 3-letter code to be kept apart.
        currency: z
          .string()
          .transform((c) => c.trim())
          .pipe(z.union([z.literal(''), z.string().regex(/^[A-Za-z]{3}$/, 'not a currency code')]))
          .nullish()
          .transform((c) => c || null),
      })
      .nullish(),
    line_item: z
      .string()
      .nullish()
      .transform((v) => (v && v.length > 500 ? `${v.slice(0, 499)}…` : (v ?? null))),
    project_id: label(200),
    project_name: z
      .string()
      .max(500)
      .nullish()
      .catch(null)
      .transform((v) => v ?? null),
    // Bounded: quantities are summed and divided by; a lying server's 1e308 must not reach Infinity.
    quantity: z
      .number()
      .finite()
      .min(-1e15)
      .max(1e15)
      .nullish()
      .catch(null)
      .transform((v) => v ?? null),
    quantity_unit: z
      .string()
      .max(40)
      .nullish()
      .catch(null)
      .transform((v) => v ?? null),
    // An id Spendwatch cannot use is not a reason to drop the money: the row then counts as unattributed.
    api_key_id: z
      .string()
      .max(200)
      .nullish()
      .catch(null)
      .transform((v) => v ?? null),
  }),
);

const completionsUsageResultSchema = z.lazy(() =>
  z.object({
    object: tag('organization.usage.completions.result'),
    input_tokens: tokenCount,
    output_tokens: tokenCount,
    input_cached_tokens: tokenCount.nullish().transform((v) => v ?? 0),
    num_model_requests: tokenCount,
    model: label(200),
    project_id: label(200),
    user_id: label(200),
    api_key_id: label(200),
    batch: z
      .boolean()
      .nullish()
      .catch(null)
      .transform((v) => v ?? null),
    service_tier: label(40),
  }),
);

/** Unix seconds Spendwatch can turn into a date: 1970 to 9999 (a lying server cannot break date handling). */
const unixSeconds = z.number().int().min(0).max(253_402_300_799);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Unix seconds from an ISO time; one without a zone is UTC (as the live API means it). */
function isoSeconds(iso: string | null | undefined): number | undefined {
  const match = iso ? ISO_TIME.exec(iso) : null;
  if (!match) return undefined;
  const zone = match[1] ?? 'Z';
  const normalised = /^[+-]\d{2}$/.test(zone) ? `${zone}:00` : zone;
  const ms = Date.parse(`${iso!.slice(0, iso!.length - (match[1]?.length ?? 0))}${normalised}`);
  const seconds = Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
  return seconds !== undefined && unixSeconds.safeParse(seconds).success ? seconds : undefined;
}

/**
 * The moment that names a bucket's UTC day: the middle of [start, end) when both are known, so a bucket whose
 * start is a second off midnight still lands on the day it covers; else its start.
 */
function bucketDayTime(bucket: {
  start_time?: number | null;
  start_time_iso?: string | null;
  end_time?: number | null;
  end_time_iso?: string | null;
}): number | undefined {
  const start = bucket.start_time ?? isoSeconds(bucket.start_time_iso);
  if (start === undefined) return undefined;
  const end = bucket.end_time ?? isoSeconds(bucket.end_time_iso);
  return end !== undefined && end > start ? Math.floor((start + end) / 2) : start;
}

const bucketSchema = <R extends z.ZodType>(result: R) =>
  z
    .object({
      object: tag('bucket'),
      start_time: unixSeconds.nullish(),
      end_time: unixSeconds.nullish().catch(null),
      start_time_iso: z.string().max(64).nullish(),
      end_time_iso: z.string().max(64).nullish().catch(null),
      results: z.array(result).max(100_000),
    })
    .transform((bucket, ctx) => {
      const dayTime = bucketDayTime(bucket);
      if (dayTime === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a bucket without a readable start time' });
        return z.NEVER;
      }
      return { dayTime, results: bucket.results as z.output<R>[] };
    });

const pageSchema = <B extends z.ZodType>(bucket: B) =>
  z.object({
    object: tag('page'),
    data: z.array(bucket).max(1_000),
    // Paging follows next_page alone; has_more (sometimes a string) is not needed.
    has_more: z.unknown().optional(),
    next_page: z
      .union([z.string().max(10_000), z.number().transform(String)])
      .nullish()
      .transform((v) => v || null),
  });

/**
 * Costs pages are read in three steps — page, then each bucket, then each result — so that one unusable bucket
 * or row becomes a warning that names it, while the rest of the page is kept.
 */
export const costsPageSchema = z.lazy(() => pageSchema(z.unknown()));
export const costsBucketSchema = z.lazy(() => bucketSchema(z.unknown()));
export const completionsUsagePageSchema = z.lazy(() => pageSchema(bucketSchema(completionsUsageResultSchema)));

export const projectListSchema = z.lazy(() =>
  z.object({
    object: tag('list'),
    data: z
      .array(
        z.object({
          id: z.string().max(200),
          object: tag('organization.project'),
          name: z.string().max(500).nullish(),
        }),
      )
      .max(1_000),
    has_more: z.boolean(),
    last_id: z.string().max(200).nullish(),
  }),
);

const unixTime = z.number().int().min(0).max(253_402_300_799);

/** A project's API keys (ProjectApiKeyListResponse): names, owners and last use for the ids Costs group by. */
export const projectApiKeyListSchema = z.lazy(() =>
  z.object({
    object: tag('list'),
    data: z
      .array(
        z.object({
          object: tag('organization.project.api_key'),
          id: z.string().max(200),
          name: z.string().max(500).nullish().catch(null),
          redacted_value: z.string().max(200).nullish().catch(null),
          created_at: unixTime.nullish().catch(null),
          last_used_at: unixTime.nullish().catch(null),
          owner: z
            .object({
              type: z.string().max(40).nullish(),
              user: z
                .object({
                  id: z.string().max(200).nullish(),
                  name: z.string().max(500).nullish(),
                  email: z.string().max(500).nullish(),
                })
                .nullish(),
              service_account: z
                .object({ id: z.string().max(200).nullish(), name: z.string().max(500).nullish() })
                .nullish(),
            })
            .nullish()
            .catch(null),
        }),
      )
      .max(1_000),
    has_more: z.boolean(),
    last_id: z.string().max(200).nullish(),
  }),
);

/** The organisation's people (UserListResponse): names and emails for the ids usage groups by. */
export const userListSchema = z.lazy(() =>
  z.object({
    object: tag('list'),
    data: z
      .array(
        z.object({
          object: tag('organization.user'),
          id: z.string().max(200),
          name: z.string().max(500).nullish().catch(null),
          email: z.string().max(500).nullish().catch(null),
        }),
      )
      .max(1_000),
    has_more: z.boolean(),
    last_id: z.string().max(200).nullish(),
  }),
);
