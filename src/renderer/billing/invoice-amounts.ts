/**
 * The four amounts of an invoice hang together: total = subtotal + tax − credits. The form asks for what the
 * invoice shows and works out the rest, so nobody does the sum by hand: one amount left empty is worked out from
 * the other three; with more left empty, an empty tax or credits is none, then the total (or the subtotal) is
 * worked out. Only when all four are given and disagree is the invoice refused, by the shared schema, which says
 * by how much.
 */
import type { Micros } from '../../shared/money';

export interface TypedAmounts {
  subtotal: Micros | null;
  tax: Micros | null;
  credits: Micros | null;
  total: Micros | null;
}

/** What was worked out: the amounts to save, and which one the form filled in (for its hint). */
export interface WorkedOut {
  subtotal: Micros | null;
  tax: Micros;
  credits: Micros;
  total: Micros;
  filled: keyof TypedAmounts | null;
}

/**
 * The amounts with the missing one worked out, or null when neither the total nor the subtotal is given (nothing
 * to work from). A worked-out amount that would be negative is not filled in (tax and credits are then none, and
 * the shared schema says what does not add up); the subtotal, when not typed, stays empty, as main derives it.
 */
export function workOutInvoice(typed: TypedAmounts): WorkedOut | null {
  const { subtotal, tax, credits, total } = typed;
  if (subtotal === null && total === null) return null;
  const blanks = (Object.keys(typed) as (keyof TypedAmounts)[]).filter((name) => typed[name] === null);
  if (blanks.length === 1 && subtotal !== null && total !== null) {
    if (tax === null && credits !== null) {
      const worked = total - subtotal + credits;
      if (worked >= 0) return { subtotal, tax: worked, credits, total, filled: 'tax' };
    }
    if (credits === null && tax !== null) {
      const worked = subtotal + tax - total;
      if (worked >= 0) return { subtotal, tax, credits: worked, total, filled: 'credits' };
    }
  }
  const someTax = tax ?? 0;
  const someCredits = credits ?? 0;
  if (total === null && subtotal !== null) {
    const worked = subtotal + someTax - someCredits;
    return { subtotal, tax: someTax, credits: someCredits, total: worked, filled: 'total' };
  }
  return {
    subtotal,
    tax: someTax,
    credits: someCredits,
    total: total ?? 0,
    filled: subtotal === null ? 'subtotal' : null,
  };
}
