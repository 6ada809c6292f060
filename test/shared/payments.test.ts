/** The shared payment-method schema: a card is brand, last four and expiry; the keychain part is opt-in and must agree. */
import { describe, expect, it } from 'vitest';
import { paymentMethodInputSchemaFor, paymentMethodSchema } from '../../src/shared/payments';

const TODAY = '2026-11-22';
const minimal = { type: 'card', brand: 'amex', last4: '0005', expMonth: 3, expYear: 2028 };
const messages = (input: unknown) => {
  const result = paymentMethodInputSchemaFor(TODAY).safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('payment method input', () => {
  it('accepts brand, last four and expiry alone: no keychain part, no number, no security code', () => {
    const parsed = paymentMethodInputSchemaFor(TODAY).parse({ ...minimal, cvv: '1234', cardholderName: 'Ada' });
    expect(parsed).toEqual({
      ...minimal,
      label: '',
      role: 'backup',
      accountIds: [],
      billingCountry: '',
      keychain: null,
    });
  });

  it('words each problem on its field, within bounds', () => {
    expect(messages({ ...minimal, brand: 'maestro', last4: '12a4' })).toEqual([
      'brand: Choose the card brand.',
      'last4: Enter the last four digits of the card number.',
    ]);
    expect(messages({ ...minimal, billingCountry: 'x'.repeat(61), label: 'y'.repeat(61) })).toHaveLength(2);
    expect(messages({ ...minimal, keychain: { cardNumber: '3'.repeat(41) } })[0]).toMatch(/^keychain\.cardNumber/);
  });

  it('takes the brand and last four from a full number only when they agree with it', () => {
    const amex = '3782 822463 10005';
    expect(messages({ ...minimal, keychain: { cardNumber: amex } })).toEqual([]);
    expect(messages({ ...minimal, brand: 'visa', last4: '0006', keychain: { cardNumber: amex } })).toEqual([
      'brand: The number says American Express: choose American Express as the brand.',
      'last4: The card number ends in 0005: the last four digits must match it.',
    ]);
    expect(messages({ ...minimal, keychain: { cardNumber: '3782 822463 10006' } })).toEqual([
      'keychain.cardNumber: This card number is not valid: check it for a typo.',
    ]);
  });

  it('asks for the first address line and postal code of an address given', () => {
    expect(messages({ ...minimal, keychain: { billingAddress: { line1: ' ', postalCode: '' } } })).toEqual([
      'keychain.billingAddress.line1: Enter the first address line.',
      'keychain.billingAddress.postalCode: Enter the postal code.',
    ]);
  });
});

describe('stored payment method', () => {
  it('has no place for a number, a name or an address: they are dropped if present', () => {
    const stored = paymentMethodSchema.parse({
      id: 'pm_1',
      type: 'card',
      label: '',
      role: 'primary',
      accountIds: [],
      createdAt: '',
      updatedAt: '',
      card: { brand: 'visa', last4: '4242', expMonth: 1, expYear: 2028, cardNumber: '4242424242424242', line1: 'x' },
      email: null,
      note: '',
    });
    expect(stored.card).toEqual({
      brand: 'visa',
      last4: '4242',
      expMonth: 1,
      expYear: 2028,
      billingCountry: '',
      inKeychain: false,
    });
  });
});
