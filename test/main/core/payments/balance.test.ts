import { describe, expect, it } from 'vitest';
import { estimateBalance, MAX_RUNWAY_DAYS } from '../../../../src/main/core/payments/balance';
import type { AccountCredits } from '../../../../src/shared/payments';
import { spendFromDays } from '../../../support/spend';

describe('balance estimate', () => {
  const spend: Record<string, number> = {};
  for (let d = 10; d <= 21; d++) spend[`2026-11-${d}`] = 10_000_000; // $10 a day

  it('is the recorded balance less the costs of the UTC days after it, plus credit added since', () => {
    const credits: AccountCredits = {
      entries: [
        { id: 'c1', kind: 'purchase', amountMicros: 50_000_000, date: '2026-11-18', expiresOn: '2027-11-18', note: '' },
        { id: 'c0', kind: 'purchase', amountMicros: 99_000_000, date: '2026-11-01', expiresOn: '2027-11-01', note: '' }, // before the reading: already in it
      ],
      recordedBalance: { amountMicros: 120_000_000, asOf: '2026-11-15' },
      autoRecharge: null,
    };
    const e = estimateBalance(credits, spendFromDays(spend), '2026-11-21')!;
    expect(e.spentSinceMicros).toBe(60_000_000); // 16th..21st
    expect(e.addedSinceMicros).toBe(50_000_000);
    expect(e.estimateMicros).toBe(110_000_000);
    expect(e.dailyRateMicros).toBe(10_000_000);
    expect(e.runwayDays).toBe(11);
    expect(e.runsOutOn).toBe('2026-12-02');
    expect(e.nextRechargeOn).toBeNull();
  });

  it('predicts the next auto-recharge and reports exhaustion', () => {
    const credits: AccountCredits = {
      entries: [],
      recordedBalance: { amountMicros: 40_000_000, asOf: '2026-11-20' },
      autoRecharge: { thresholdMicros: 10_000_000, amountMicros: 50_000_000 },
    };
    const e = estimateBalance(credits, spendFromDays(spend), '2026-11-21')!;
    expect(e.estimateMicros).toBe(30_000_000);
    expect(e.nextRechargeOn).toBe('2026-11-23');
    const gone = estimateBalance(
      { ...credits, recordedBalance: { amountMicros: 5_000_000, asOf: '2026-11-19' } },
      spendFromDays(spend),
      '2026-11-21',
    )!;
    expect(gone.estimateMicros).toBe(-15_000_000);
    expect(gone.runwayDays).toBe(0);
  });

  it('bounds the runway of a large balance on a nearly idle account (no date overflow)', () => {
    const idle: Record<string, number> = { '2026-11-20': 1 }; // one micro-dollar in a week
    const credits: AccountCredits = {
      entries: [],
      recordedBalance: { amountMicros: 10_000_000_000_000, asOf: '2026-11-21' },
      autoRecharge: { thresholdMicros: 0, amountMicros: 1_000_000 },
    };
    const e = estimateBalance(credits, spendFromDays(idle), '2026-11-21')!;
    expect(e.runwayDays).toBe(MAX_RUNWAY_DAYS);
    expect(e.runsOutOn).toBe('2036-11-18');
    expect(e.nextRechargeOn).toBe('2036-11-18');
  });

  it('takes a purchase dated on the reading day as already in the balance, and says how much that was', () => {
    const credits: AccountCredits = {
      entries: [
        {
          id: 'same',
          kind: 'purchase',
          amountMicros: 50_000_000,
          date: '2026-11-15',
          expiresOn: '2027-11-15',
          note: '',
        },
        { id: 'next', kind: 'grant', amountMicros: 7_000_000, date: '2026-11-16', expiresOn: '2027-11-16', note: '' },
      ],
      recordedBalance: { amountMicros: 120_000_000, asOf: '2026-11-15' },
      autoRecharge: null,
    };
    const e = estimateBalance(credits, spendFromDays(spend), '2026-11-21')!;
    expect(e.addedSinceMicros).toBe(7_000_000); // the 16th only
    expect(e.onReadingDayMicros).toBe(50_000_000);
    expect(e.onReadingDayCount).toBe(1);
    expect(e.estimateMicros).toBe(120_000_000 - 60_000_000 + 7_000_000);
    const none = estimateBalance({ ...credits, entries: [credits.entries[1]] }, spendFromDays(spend), '2026-11-21')!;
    expect(none.onReadingDayMicros).toBe(0);
    expect(none.onReadingDayCount).toBe(0);
  });

  it('needs a recorded balance', () => {
    expect(estimateBalance(undefined, spendFromDays(spend), '2026-11-21')).toBeNull();
    expect(
      estimateBalance({ entries: [], recordedBalance: null, autoRecharge: null }, spendFromDays(spend), '2026-11-21'),
    ).toBeNull();
  });
});
