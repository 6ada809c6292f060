/**
 * Runs only in the "node-2031" project (machine clock in January 2031): the fake machine clock really is
 * in effect there, and a schema judges card expiry by the day it is given, whatever the machine's date.
 */
import { describe, expect, it } from 'vitest';
import { paymentMethodInputSchemaFor } from '../../../../src/shared/payments';

const card = (expYear: number) => ({
  type: 'card',
  brand: 'visa',
  last4: '4242',
  expMonth: 12,
  expYear,
  billingCountry: 'GB',
});

describe('schemas take today from the caller', () => {
  it('judges expiry against the day given, not the machine clock', () => {
    expect(paymentMethodInputSchemaFor('2026-11-22').safeParse(card(2027)).success).toBe(true);
    expect(paymentMethodInputSchemaFor('2031-01-02').safeParse(card(2031)).success).toBe(true);
    expect(paymentMethodInputSchemaFor('2031-01-02').safeParse(card(2029)).success).toBe(false);
  });

  it('runs with the machine clock years ahead', () => {
    expect(new Date().getUTCFullYear()).toBe(2031);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse('2031-01-02T08:30:00Z'));
  });
});
