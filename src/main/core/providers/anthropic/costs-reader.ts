/** Reads Anthropic cost report buckets and results: cents → dollars exactly, the default workspace named. */
import { MoneyFormatError, parseExactCents, ACCOUNT_CURRENCY } from '../../../../shared/money';
import { PROVIDERS } from '../../../../shared/providers';
import { firstIssue, type CostsReader } from '../costs-collector';
import { costBucketSchema, costResultSchema } from './schemas';

/**
 * The default workspace has no id in the cost report (`workspace_id: null`). It is stored under this id — no real
 * id looks like it (they are "wrkspc_…") — so it keeps its own name, "Default workspace", everywhere.
 */
export const DEFAULT_WORKSPACE_ID = PROVIDERS.anthropic.unassignedId;

/**
 * Line items read "<model>, <what>" like OpenAI's ("claude-sonnet-4, input tokens"), so the model breakdown works
 * the same for both providers; a description without a model (web search) is kept as it is.
 */
function lineItemOf(description: string | null, model: string | null, costType: string | null): string | null {
  if (model && description?.startsWith(model)) {
    const rest = description.slice(model.length).replace(/^[\s,:-]+/, '');
    return rest ? `${model}, ${rest}` : model;
  }
  if (model && description) return `${model}, ${description}`;
  return description ?? costType ?? model;
}

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
          lineItem: lineItemOf(result.description, result.model, result.cost_type),
          amount,
          currency: (result.currency ?? ACCOUNT_CURRENCY).toLowerCase(),
          quantity: null,
        },
        projectName: workspace === DEFAULT_WORKSPACE_ID ? PROVIDERS.anthropic.unassignedName : null,
      },
    };
  },
};
