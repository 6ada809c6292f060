/** The invoice form's arithmetic: total = subtotal + tax − credits, the missing amount worked out. */
import { describe, expect, it } from 'vitest';
import { workOutInvoice } from '../../../src/renderer/billing/invoice-amounts';

const $ = (dollars: number) => dollars * 1_000_000;

describe('workOutInvoice', () => {
  it('works out the total from the subtotal, tax and credits', () => {
    expect(workOutInvoice({ subtotal: $(100), tax: $(10), credits: $(5), total: null })).toEqual({
      subtotal: $(100),
      tax: $(10),
      credits: $(5),
      total: $(105),
      filled: 'total',
    });
  });

  it('takes an empty tax and credits as none when the total is worked out', () => {
    expect(workOutInvoice({ subtotal: $(100), tax: null, credits: null, total: null })).toMatchObject({
      total: $(100),
      tax: 0,
      credits: 0,
      filled: 'total',
    });
  });

  it('leaves the subtotal to main (derived) when only the total is given', () => {
    expect(workOutInvoice({ subtotal: null, tax: $(8), credits: null, total: $(108) })).toEqual({
      subtotal: null,
      tax: $(8),
      credits: 0,
      total: $(108),
      filled: 'subtotal',
    });
  });

  it('works out the one empty amount of four: tax, or credits', () => {
    expect(workOutInvoice({ subtotal: $(100), tax: null, credits: $(5), total: $(110) })).toMatchObject({
      tax: $(15),
      filled: 'tax',
    });
    expect(workOutInvoice({ subtotal: $(100), tax: $(10), credits: null, total: $(90) })).toMatchObject({
      credits: $(20),
      filled: 'credits',
    });
  });

  it('does not fill in a negative tax: it is none, and what does not add up is left to the schema', () => {
    expect(workOutInvoice({ subtotal: $(100), tax: null, credits: 0, total: $(90) })).toMatchObject({
      tax: 0,
      total: $(90),
      filled: null,
    });
  });

  it('passes all four through as typed, and has nothing to work from without a total or subtotal', () => {
    expect(workOutInvoice({ subtotal: $(100), tax: $(10), credits: 0, total: $(120) })).toMatchObject({
      total: $(120),
      filled: null,
    });
    expect(workOutInvoice({ subtotal: null, tax: $(10), credits: null, total: null })).toBeNull();
  });
});
