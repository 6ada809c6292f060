/** Inputs are bounded and real: calendar days, amounts, counts, lengths, names, base URLs. */
import { describe, expect, it } from 'vitest';
import {
  accountNameSchema,
  baseUrlProblem,
  budgetInputSchema,
  MAX_AMOUNT_MICROS,
  MAX_PROJECT_BUDGETS,
  utcDaySchema,
} from '../../src/shared/domain';
import { creditEntryInputSchema, paymentEventInputSchema, recordedBalanceInputSchema } from '../../src/shared/payments';

describe('bounded inputs', () => {
  it.each(['2026-02-31', '2026-13-01', '2026-00-10', '1999-12-31', '2101-01-01', '99999-01-01', '2026-2-3', ''])(
    'refuses the day %s',
    (day) => {
      expect(utcDaySchema.safeParse(day).success).toBe(false);
    },
  );

  it.each(['2026-02-28', '2028-02-29', '2000-01-01', '2100-12-31'])('accepts the real day %s', (day) => {
    expect(utcDaySchema.safeParse(day).success).toBe(true);
  });

  it('bounds budgets: amounts up to $100M, at most 500 project budgets with short ids', () => {
    const base = { monthlyMicros: 500_000_000, thresholds: [50, 80, 100] };
    expect(budgetInputSchema.safeParse(base).success).toBe(true);
    expect(budgetInputSchema.safeParse({ ...base, monthlyMicros: MAX_AMOUNT_MICROS }).success).toBe(true);
    expect(budgetInputSchema.safeParse({ ...base, monthlyMicros: MAX_AMOUNT_MICROS + 1 }).success).toBe(false);
    expect(budgetInputSchema.safeParse({ ...base, monthlyMicros: Number.MAX_SAFE_INTEGER + 2 }).success).toBe(false);
    const many = Object.fromEntries(
      Array.from({ length: MAX_PROJECT_BUDGETS + 1 }, (_, i) => [`proj_${i}`, 1_000_000]),
    );
    expect(budgetInputSchema.safeParse({ ...base, projects: many }).success).toBe(false);
    expect(budgetInputSchema.safeParse({ ...base, projects: { ['p'.repeat(201)]: 1 } }).success).toBe(false);
    expect(
      budgetInputSchema.safeParse({ ...base, thresholds: Array.from({ length: 11 }, (_, i) => i + 1) }).success,
    ).toBe(false);
  });

  it('bounds credits, balances and payment log entries', () => {
    const credit = { accountId: 'acc_1', kind: 'purchase', amountMicros: 50_000_000, date: '2026-11-01' };
    expect(creditEntryInputSchema.safeParse(credit).success).toBe(true);
    expect(creditEntryInputSchema.safeParse({ ...credit, amountMicros: MAX_AMOUNT_MICROS * 2 }).success).toBe(false);
    expect(creditEntryInputSchema.safeParse({ ...credit, date: '2026-02-30' }).success).toBe(false);
    expect(creditEntryInputSchema.safeParse({ ...credit, note: 'x'.repeat(10_000_000) }).success).toBe(false);
    expect(recordedBalanceInputSchema.safeParse({ amountMicros: -5_000_000, asOf: '2026-11-01' }).success).toBe(true);
    expect(recordedBalanceInputSchema.safeParse({ amountMicros: 1e15, asOf: '2026-11-01' }).success).toBe(false);
    expect(paymentEventInputSchema.safeParse({ date: '2026-11-31', amountMicros: 1, result: 'failed' }).success).toBe(
      false,
    );
    expect(
      paymentEventInputSchema.safeParse({
        date: '2026-11-30',
        amountMicros: 1,
        result: 'failed',
        methodId: 'm'.repeat(101),
      }).success,
    ).toBe(false);
  });

  it('keeps account names short and free of control characters', () => {
    expect(accountNameSchema.parse('  Acme Prod ')).toBe('Acme Prod');
    expect(accountNameSchema.safeParse('x'.repeat(61)).success).toBe(false);
    expect(accountNameSchema.safeParse('x'.repeat(10_000_000)).success).toBe(false);
    expect(accountNameSchema.safeParse('Evil\u001b[2J').success).toBe(false);
    expect(accountNameSchema.safeParse('a\u202eb').success).toBe(false);
  });

  it('refuses plain http:// except loopback', () => {
    for (const ok of [
      'https://api.openai.com/v1',
      'http://127.0.0.1:8080/v1',
      'http://127.5.6.7/v1',
      'http://localhost:3000',
      'http://[::1]:9000/v1',
    ])
      expect(baseUrlProblem(ok), ok).toBeNull();
    for (const bad of [
      'http://api.openai.com/v1',
      'http://10.0.0.1/v1',
      'http://127.0.0.1.evil.com/v1',
      'http://localhost.evil.com/',
      'ftp://x/',
      'file:///etc/passwd',
      'https://user:pw@api.openai.com/v1',
      'not a url',
    ]) {
      expect(baseUrlProblem(bad), bad).not.toBeNull();
    }
  });
});
