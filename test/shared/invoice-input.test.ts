/** An invoice whose four amounts are all given must add up; the refusal says by how much. */
import { describe, expect, it } from 'vitest';
import { invoiceInputSchema } from '../../src/shared/billing';

const base = { accountId: 'acc_1', month: '2026-11', taxMicros: 10_000_000, creditsMicros: 5_000_000 };

describe('invoiceInputSchema', () => {
  it('refuses four amounts that disagree, saying by how much and which way', () => {
    const parsed = invoiceInputSchema.safeParse({ ...base, subtotalMicros: 100_000_000, totalMicros: 205_000_000 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['totalMicros'],
      message:
        'Subtotal + tax − credits is $105.00, $100.00 less than the total of $205.00. Correct the one that is wrong.',
    });
  });

  it('accepts four amounts that add up within a cent, and a total without a subtotal', () => {
    expect(
      invoiceInputSchema.safeParse({ ...base, subtotalMicros: 100_000_000, totalMicros: 105_005_000 }).success,
    ).toBe(true);
    expect(invoiceInputSchema.safeParse({ ...base, subtotalMicros: null, totalMicros: 105_000_000 }).success).toBe(
      true,
    );
  });
});
