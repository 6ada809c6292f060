/**
 * zod schemas for the parts of OpenAI's admin API responses we read (from the reference OpenAPI
 * excerpt: UsageResponse, UsageTimeBucket, CostsResult, UsageCompletionsResult, ProjectListResponse).
 * Unknown extra fields are allowed; missing or mistyped ones are a malformed response.
 */
import { z } from 'zod';

const nullableString = z.string().nullish().transform((v) => v ?? null);
/** The constant `object` tag: checked when present, tolerated when a server leaves it out. */
const tag = <T extends string>(value: T) => z.literal(value).optional();
const tokenCount = z.number().int().nonnegative();

export const costsResultSchema = z.object({
  object: tag('organization.costs.result'),
  amount: z.object({
    // The spec says number; some clients have seen strings. Both are parsed exactly.
    value: z.union([z.number(), z.string().regex(/^-?\d*\.?\d+(?:[eE][+-]?\d+)?$/, 'not a decimal amount')]),
    currency: z.string().min(1).transform((c) => c.toLowerCase()),
  }),
  line_item: nullableString,
  project_id: nullableString,
  quantity: z.number().nullish().transform((v) => v ?? null),
});

export const completionsUsageResultSchema = z.object({
  object: tag('organization.usage.completions.result'),
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  input_cached_tokens: tokenCount.nullish().transform((v) => v ?? 0),
  num_model_requests: tokenCount,
  model: nullableString,
});

const bucketSchema = <R extends z.ZodType>(result: R) =>
  z.object({
    object: tag('bucket'),
    start_time: z.number().int(),
    end_time: z.number().int(),
    results: z.array(result),
  });

const pageSchema = <R extends z.ZodType>(result: R) =>
  z.object({
    object: tag('page'),
    data: z.array(bucketSchema(result)),
    has_more: z.boolean().optional(),
    next_page: z.string().nullish().transform((v) => v ?? null),
  });

export const costsPageSchema = pageSchema(costsResultSchema);
export const completionsUsagePageSchema = pageSchema(completionsUsageResultSchema);

export const projectListSchema = z.object({
  object: tag('list'),
  data: z.array(
    z.object({
      id: z.string(),
      object: tag('organization.project'),
      name: z.string().nullish(),
    }),
  ),
  has_more: z.boolean(),
  last_id: z.string().nullish(),
});
