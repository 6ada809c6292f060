/**
 * Runs in both the normal node project and "node-2031" (machine clock in January 2031): a card that
 * expires later this year (by the injected clock) is accepted whatever the machine's date, and the
 * fake machine clock really is in effect in the 2031 project.
 */
import { describe, expect, it } from 'vitest';
import { paymentMethodInputSchemaFor } from '../../../../src/shared/payments';

const card = (expYear: number) => ({
  type: 'card',
  cardholderName: 'Ada Lovelace',
  cardNumber: '4242 4242 4242 4242',
  expMonth: 12,
  expYear,
  billingAddress: { country: 'GB', postalCode: 'N1 9GU', line1: '1 King St' },
});

describe('schemas take today from the caller', () => {
  it('judges expiry against the day given, not the machine clock', () => {
    expect(paymentMethodInputSchemaFor('2026-11-22').safeParse(card(2027)).success).toBe(true);
    expect(paymentMethodInputSchemaFor('2031-01-02').safeParse(card(2031)).success).toBe(true);
    expect(paymentMethodInputSchemaFor('2031-01-02').safeParse(card(2029)).success).toBe(false);
  });

  it.runIf(process.env.VITEST_PROJECT_NAME === 'node-2031' || new Date().getUTCFullYear() === 2031)('runs with the machine clock years ahead', () => {
    expect(new Date().getUTCFullYear()).toBe(2031);
  });
});
