/** One account's local billing history, keyed by UTC day. Amounts are exact, as the provider sent them. */
import type { ExactAmount } from '../../../shared/money';

export interface CostRow {
  projectId: string | null;
  lineItem: string | null;
  /** Exactly what the provider sent (see ExactAmount); never rounded. */
  amount: ExactAmount;
  /** Lowercase ISO code. Anything but the account's currency is kept apart, never added to it. */
  currency: string;
  quantity: number | null;
  /** The unit OpenAI names for `quantity` ("tokens", "1000_tokens", "images", …); null when none applies. */
  quantityUnit?: string | null;
  /** The API key the spend was billed to (OpenAI Costs grouped by `api_key_id`); null: none (unattributed). */
  apiKeyId?: string | null;
}

export interface UsageRow {
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  requests: number;
  /** Who and what used the tokens, when the usage report was grouped so (null: not known). */
  userId?: string | null;
  apiKeyId?: string | null;
  projectId?: string | null;
  /** OpenAI: whether the requests were Batch API jobs. */
  batch?: boolean | null;
  /** "default", "flex", "priority", "scale" (OpenAI), "standard", "batch" (Anthropic), as the provider names it. */
  serviceTier?: string | null;
}

/** What a problem with a stored file was, for the sync engine to refetch and the UI to report. */
export interface CorruptMonth {
  month: string;
  movedTo: string;
  reason: string;
}

/** The `month` of a repair mark for the whole history (a damaged database), not one month of it. */
export const WHOLE_HISTORY = 'all';

/** A cost row without its optional fields that are null: rows read back equal rows that never had them. */
export function compactCost(row: CostRow): CostRow {
  if (row.quantityUnit === null) delete row.quantityUnit;
  if (row.apiKeyId === null) delete row.apiKeyId;
  return row;
}

const USAGE_OPTIONAL = ['userId', 'apiKeyId', 'projectId', 'batch', 'serviceTier'] as const;

/** The same for usage rows. */
export function compactUsage(row: UsageRow): UsageRow {
  for (const key of USAGE_OPTIONAL) if (row[key] === null) delete row[key];
  return row;
}
