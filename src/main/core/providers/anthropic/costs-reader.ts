/** Reads Anthropic cost report buckets and results: cents → dollars exactly, the default workspace named. */
import { MoneyFormatError, parseExactCents } from '../../../../shared/money';
import { PROVIDERS } from '../../../../shared/providers';
import { firstIssue, type CostsReader } from '../costs-collector';
import { costBucketSchema, costResultSchema } from './schemas';

/**
 * The default workspace has no id in the cost report (`workspace_id: null`). It is stored under this id — no real
 * id looks like it (they are "wrkspc_…") — so it keeps its own name, "Default workspace", everywhere.
 */
export const DEFAULT_WORKSPACE_ID = 'default';

export const anthropicCostsReader: CostsReader = {
  source: "Anthropic's cost report",
  bucket(raw) {
    const parsed = costBucketSchema.safeParse(raw);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: firstIssue(parsed.error) };
  },
  result(raw) {
    const parsed = costResultSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, problem: firstIssue(parsed.error) };
    const result = parsed.data;
    let amount = 0n;
    if (result.amount !== null && result.amount !== undefined) {
      try {
        amount = parseExactCents(result.amount);
      } catch (error) {
        if (error instanceof MoneyFormatError) return { ok: false, problem: error.message };
        throw error;
      }
    }
    const workspace = result.workspace_id ?? DEFAULT_WORKSPACE_ID;
    return {
      ok: true,
      value: {
        row: {
          projectId: workspace,
          lineItem: result.description ?? result.cost_type ?? result.model,
          amount,
          currency: (result.currency ?? 'usd').toLowerCase(),
          quantity: null,
        },
        projectName: workspace === DEFAULT_WORKSPACE_ID ? PROVIDERS.anthropic.unassignedName : null,
      },
    };
  },
};
