/** Reads OpenAI Costs buckets and results (see schemas.ts for what the live API sends and why it is accepted). */
import { MoneyFormatError, parseExact, ACCOUNT_CURRENCY } from '../../../../shared/money';
import { firstIssue, type CostsReader } from '../costs-collector';
import { compactCost } from '../../history/types';
import { costsBucketSchema, costsResultSchema } from './schemas';

export const openAiCostsReader: CostsReader = {
  source: "OpenAI's costs",
  bucket(raw) {
    const parsed = costsBucketSchema.safeParse(raw);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: firstIssue(parsed.error) };
  },
  result(raw) {
    const parsed = costsResultSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, problem: firstIssue(parsed.error) };
    const result = parsed.data;
    const value = result.amount?.value;
    let amount = 0n; // a result without an amount counts as zero
    if (value !== null && value !== undefined) {
      try {
        amount = parseExact(value);
      } catch (error) {
        if (error instanceof MoneyFormatError) return { ok: false, problem: error.message };
        throw error;
      }
    }
    return {
      ok: true,
      value: {
        row: compactCost({
          projectId: result.project_id,
          lineItem: result.line_item,
          amount,
          // Costs are reported in US dollars; a result that does not say is one.
          currency: (result.amount?.currency ?? ACCOUNT_CURRENCY).toLowerCase(),
          quantity: result.quantity,
          quantityUnit: result.quantity_unit,
          apiKeyId: result.api_key_id,
        }),
        projectName: result.project_name,
      },
    };
  },
};
