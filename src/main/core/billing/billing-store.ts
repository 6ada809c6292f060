/**
 * billing.json in the data dir: the invoices the user recorded and the support case log per account and
 * month. Kept apart from config.json because it is a growing record, not settings. Validated on every read;
 * a damaged file is an error (not silently emptied), since these records exist nowhere else.
 */
import { z } from 'zod';
import { invoiceSchema, supportCaseSchema } from '../../../shared/billing';
import { AppError } from '../errors';
import type { DocumentStore } from '../ports';

/** 20 years × a few accounts: far more than anyone records, small enough to read on every call. */
const MAX_INVOICES = 2_000;

const billingDocSchema = z.object({
  version: z.literal(1),
  invoices: z.array(invoiceSchema).max(MAX_INVOICES),
  cases: z.array(supportCaseSchema).max(MAX_INVOICES),
});
export type BillingDoc = z.infer<typeof billingDocSchema>;

const EMPTY: BillingDoc = { version: 1, invoices: [], cases: [] };

export class BillingStore {
  constructor(private readonly store: DocumentStore<unknown>) {}

  read(): BillingDoc {
    let raw: unknown;
    try {
      raw = this.store.read();
    } catch (error) {
      throw new AppError('internal', `The invoice file (billing.json) cannot be read: ${(error as Error).message}`);
    }
    if (raw === undefined) return structuredClone(EMPTY);
    const parsed = billingDocSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError(
        'internal',
        `The invoice file (billing.json) is damaged: ${(parsed.error.issues[0]?.message ?? 'invalid').replace(/\.$/, '')}. Fix or move it aside.`,
      );
    return parsed.data;
  }

  update<T>(change: (doc: BillingDoc) => T): T {
    const doc = this.read();
    const result = change(doc);
    const next = billingDocSchema.safeParse(doc);
    if (!next.success) throw new AppError('invalid_input', next.error.issues[0]?.message ?? 'Too many records');
    this.store.write(next.data);
    return result;
  }
}
