/** The overrun rule (src/shared/overrun.ts) on fixed UTC days: levels, the crossing day at month edges, the sentence. */
import { describe, expect, it } from 'vitest';
import { crossedOnFrom, overrunOf, overrunSentence } from '../../src/shared/overrun';
import { formatMoney } from '../../src/shared/money';

const $ = (dollars: number) => Math.round(dollars * 1_000_000);
const money = (micros: number) => formatMoney(micros, 'usd', { locale: 'en-US' });
const day = (d: string) => d;
const sentence = (input: Parameters<typeof overrunOf>[0]) => overrunSentence(overrunOf(input), money, day);

describe('overrunOf', () => {
  it('says the issue’s case plainly: projected total, amount over and the day it crosses', () => {
    // Dec 3 with $600 spent: $19,544.02 left over 29 days (today included), $17,400 of it to the budget → day 25.
    const o = overrunOf({
      spentMicros: $(600),
      forecastMicros: $(20_144.02),
      budgetMicros: $(18_000),
      today: '2026-12-03',
    });
    expect(o).toEqual({
      level: 'over',
      budgetMicros: $(18_000),
      projectedMicros: $(20_144.02),
      overMicros: $(2_144.02),
      alreadyOverMicros: 0,
      crossesOn: '2026-12-28',
    });
    expect(overrunSentence(o, money, day)).toBe(
      'On pace for $20,144.02 — $2,144.02 over, crosses the budget around 2026-12-28',
    );
  });

  it('has nothing to say well under, and is close (amber) from 90% of the budget up to the budget itself', () => {
    const at = (forecast: number) =>
      overrunOf({ spentMicros: $(100), forecastMicros: $(forecast), budgetMicros: $(1_000), today: '2026-11-10' });
    expect(at(500)?.level).toBe('under');
    expect(
      sentence({ spentMicros: $(100), forecastMicros: $(500), budgetMicros: $(1_000), today: '2026-11-10' }),
    ).toBeNull();
    expect(at(899.99)?.level).toBe('under');
    expect(at(900)?.level).toBe('close');
    expect(at(900)?.crossesOn).toBeNull();
    expect(sentence({ spentMicros: $(100), forecastMicros: $(950), budgetMicros: $(1_000), today: '2026-11-10' })).toBe(
      'On pace for $950.00 — $50.00 under the budget, close to it',
    );
  });

  it('treats a forecast exactly at the budget as close, not over, and one micro-dollar past it as over', () => {
    const exact = overrunOf({
      spentMicros: $(400),
      forecastMicros: $(1_000),
      budgetMicros: $(1_000),
      today: '2026-11-10',
    });
    expect(exact?.level).toBe('close');
    expect(exact?.overMicros).toBe(0);
    expect(overrunSentence(exact, money, day)).toBe('On pace for $1,000.00 — exactly the budget');
    const past = overrunOf({
      spentMicros: $(400),
      forecastMicros: $(1_000) + 1,
      budgetMicros: $(1_000),
      today: '2026-11-10',
    });
    expect(past?.level).toBe('over');
    expect(past?.overMicros).toBe(1);
    // Crossing at the very end: the last day of November.
    expect(past?.crossesOn).toBe('2026-11-30');
  });

  it('is null without a budget, and under with zero spend and no forecast yet', () => {
    expect(
      overrunOf({ spentMicros: $(5_000), forecastMicros: $(9_000), budgetMicros: null, today: '2026-11-10' }),
    ).toBeNull();
    expect(
      overrunOf({ spentMicros: $(5_000), forecastMicros: $(9_000), budgetMicros: 0, today: '2026-11-10' }),
    ).toBeNull();
    const zero = overrunOf({ spentMicros: 0, forecastMicros: null, budgetMicros: $(1_000), today: '2026-11-01' });
    expect(zero).toMatchObject({ level: 'under', projectedMicros: 0, overMicros: 0, crossesOn: null });
    expect(overrunOf({ spentMicros: 0, forecastMicros: 0, budgetMicros: $(1_000), today: '2026-11-10' })?.level).toBe(
      'under',
    );
  });

  it('on the 1st of the month spreads the rest over the whole month, today included', () => {
    // Nov 1: $3,000 left over 30 days is $100 a day; $1,000 to go is passed at the end of day 11 (Nov 11).
    const o = overrunOf({ spentMicros: 0, forecastMicros: $(3_000), budgetMicros: $(1_000), today: '2026-11-01' });
    expect(o?.crossesOn).toBe('2026-11-11');
  });

  it('on the last day of the month can only cross today', () => {
    const o = overrunOf({ spentMicros: $(990), forecastMicros: $(1_010), budgetMicros: $(1_000), today: '2026-11-30' });
    expect(o).toMatchObject({ level: 'over', overMicros: $(10), crossesOn: '2026-11-30' });
  });

  it('counts February’s 28 days (and a leap year’s 29)', () => {
    // Feb 15, 2026: 14 days left; $1,400 left is $100 a day; $450 to go → passed on day 4 after today (Feb 19).
    expect(
      overrunOf({ spentMicros: $(550), forecastMicros: $(1_950), budgetMicros: $(1_000), today: '2026-02-15' })
        ?.crossesOn,
    ).toBe('2026-02-19');
    // Feb 28, 2026 is the last day; Feb 28, 2028 is not (29 days in 2028).
    expect(
      overrunOf({ spentMicros: $(900), forecastMicros: $(1_100), budgetMicros: $(1_000), today: '2026-02-28' })
        ?.crossesOn,
    ).toBe('2026-02-28');
    expect(
      overrunOf({ spentMicros: $(900), forecastMicros: $(1_100), budgetMicros: $(1_000), today: '2028-02-28' })
        ?.crossesOn,
    ).toBe('2028-02-29');
  });

  it('never crosses into the next month from December 31 (Dec→Jan)', () => {
    const o = overrunOf({ spentMicros: $(999), forecastMicros: $(5_000), budgetMicros: $(1_000), today: '2026-12-31' });
    expect(o?.crossesOn).toBe('2026-12-31');
    // And on Jan 1 the new month starts from nothing.
    const jan = overrunOf({ spentMicros: $(10), forecastMicros: $(310), budgetMicros: $(1_000), today: '2027-01-01' });
    expect(jan?.level).toBe('under');
  });

  it('says an already crossed budget as the amount over, with the day when known', () => {
    const input = { spentMicros: $(1_200), forecastMicros: $(2_000), budgetMicros: $(1_000), today: '2026-11-20' };
    const unknown = overrunOf(input);
    expect(unknown).toMatchObject({
      level: 'over',
      alreadyOverMicros: $(200),
      overMicros: $(1_000),
      crossesOn: 'already',
    });
    expect(overrunSentence(unknown, money, day)).toBe('$200.00 over budget already — on pace for $2,000.00');
    const known = overrunOf({ ...input, crossedOn: '2026-11-17' });
    expect(overrunSentence(known, money, day)).toBe('$200.00 over budget since 2026-11-17 — on pace for $2,000.00');
    // Without a forecast the month to date is the projection.
    expect(overrunOf({ ...input, forecastMicros: null })).toMatchObject({
      projectedMicros: $(1_200),
      overMicros: $(200),
    });
  });

  it('stays exact on figures too large for float products', () => {
    const big = 4_000_000_000_000_000; // $4bn in micros: × 31 passes 2^53
    const o = overrunOf({ spentMicros: big / 2, forecastMicros: big * 2, budgetMicros: big, today: '2026-12-01' });
    // $6bn left over 31 days, $2bn to go: 2/6 × 31 = 10.33 → day 10 after today.
    expect(o?.crossesOn).toBe('2026-12-11');
  });
});

describe('crossedOnFrom', () => {
  it('finds the first day the cumulative spend passes the budget', () => {
    const points = [
      { day: '2026-11-01', actualMicros: $(400) },
      { day: '2026-11-02', actualMicros: $(1_000) },
      { day: '2026-11-03', actualMicros: $(1_000.01) },
      { day: '2026-11-04', actualMicros: null },
    ];
    expect(crossedOnFrom(points, $(1_000))).toBe('2026-11-03');
    expect(crossedOnFrom(points, $(2_000))).toBeNull();
  });
});
