import { describe, expect, it } from 'vitest';
import {
  cardNumberProblem,
  daysUntilExpiry,
  detectBrand,
  expiryLastDay,
  formatCardNumber,
  localDay,
  luhnValid,
  maskedCard,
} from '../../src/shared/cards';

describe('card numbers', () => {
  it.each([
    ['4242 4242 4242 4242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3056930009020004', 'diners'],
    ['3566002020360505', 'jcb'],
    ['6200000000000005', 'unionpay'],
    ['9999999999999995', 'other'],
  ])('%s is %s and passes Luhn', (number, brand) => {
    expect(detectBrand(number)).toBe(brand);
    expect(luhnValid(number)).toBe(true);
  });

  it('refuses Luhn-invalid numbers, wrong lengths and letters with a clear reason', () => {
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(cardNumberProblem('4242 4242 4242 4241')).toMatch(/not valid/);
    expect(cardNumberProblem('4242 4242 4242')).toMatch(/Visa numbers have 13 or 16 or 19 digits/);
    expect(cardNumberProblem('37828224631000')).toMatch(/American Express numbers have 15 digits/);
    expect(cardNumberProblem('4242-4242-4242-424x')).toMatch(/digits only/);
    expect(cardNumberProblem('4242 4242 4242 4242')).toBeNull();
  });

  it('formats as typed, Amex 4-6-5, others in fours', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('378282246310005')).toBe('3782 822463 10005');
    expect(formatCardNumber('42424')).toBe('4242 4');
    expect(formatCardNumber('4242 4242 4242 4242 999 99')).toBe('4242 4242 4242 4242 999');
    expect(maskedCard('visa', '4242')).toBe('Visa •••• 4242');
  });
});

describe('expiry', () => {
  it('is valid through the last day of the expiry month, leap years included', () => {
    expect(expiryLastDay(2, 2028)).toBe('2028-02-29');
    expect(expiryLastDay(2, 2027)).toBe('2027-02-28');
    expect(expiryLastDay(12, 2026)).toBe('2026-12-31');
    expect(daysUntilExpiry(12, 2026, '2026-12-31')).toBe(0);
    expect(daysUntilExpiry(12, 2026, '2026-12-31') < 0).toBe(false);
    expect(daysUntilExpiry(12, 2026, '2027-01-01') < 0).toBe(true);
    expect(daysUntilExpiry(12, 2026, '2026-11-21')).toBe(40);
    expect(daysUntilExpiry(1, 2027, '2026-12-31')).toBe(31);
  });

  it('uses the local calendar: the same instant is a different day in different time zones', () => {
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(localDay(instant, 'UTC')).toBe('2026-12-31');
    expect(localDay(instant, 'Europe/Berlin')).toBe('2027-01-01'); // already next year in Berlin: a 12/26 card has expired
    expect(localDay(instant, 'America/Los_Angeles')).toBe('2026-12-31');
    expect(daysUntilExpiry(12, 2026, localDay(instant, 'Europe/Berlin')) < 0).toBe(true);
    expect(daysUntilExpiry(12, 2026, localDay(instant, 'America/Los_Angeles')) < 0).toBe(false);
    expect(localDay(new Date('2026-03-01T02:00:00Z'), 'Pacific/Auckland')).toBe('2026-03-01');
    expect(localDay(new Date('2026-03-01T02:00:00Z'), 'America/New_York')).toBe('2026-02-28');
  });

  it("follows a change of the machine's time zone while running (a laptop travels; the tray app keeps running)", () => {
    const saved = process.env.TZ;
    const instant = new Date('2026-11-22T02:00:00Z');
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(localDay(instant)).toBe('2026-11-21');
      process.env.TZ = 'Asia/Tokyo';
      expect(localDay(instant)).toBe('2026-11-22');
      process.env.TZ = 'Pacific/Honolulu';
      expect(localDay(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
      // The machine's zone gives what that zone named gives, DST changes and odd offsets included.
      for (const zone of [
        'Europe/Berlin',
        'Australia/Lord_Howe',
        'Asia/Kathmandu',
        'America/St_Johns',
        'Pacific/Kiritimati',
      ]) {
        process.env.TZ = zone;
        for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000 * 7 + 60_000 * 13)
          expect(localDay(new Date(ms))).toBe(localDay(new Date(ms), zone));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('expiresSoon', () => {
  it('covers the next calendar month even when it ends more than 60 days away', async () => {
    const { expiresSoon } = await import('../../src/shared/cards');
    expect(expiresSoon(8, 2026, '2026-07-01')).toBe(true); // 61 days, but next month
    expect(expiresSoon(9, 2026, '2026-07-01')).toBe(false);
    expect(expiresSoon(1, 2027, '2026-12-15')).toBe(true);
  });
});

describe('expiryAlertThreshold: the alert and the banner follow one rule', () => {
  it('alerts on 1 December for a card valid through January (61 days away, "expires next month")', async () => {
    const { expiryAlertThreshold } = await import('../../src/shared/cards');
    expect(expiryAlertThreshold(1, 2027, '2026-12-01', [60, 30, 7, 1])).toBe(60);
    expect(expiryAlertThreshold(8, 2026, '2026-07-01', [60, 30, 7, 1])).toBe(60); // 1 July, August card: 61 days
    expect(expiryAlertThreshold(9, 2026, '2026-07-01', [60, 30, 7, 1])).toBeNull();
    expect(expiryAlertThreshold(1, 2027, '2027-01-20', [60, 30, 7, 1])).toBe(30);
    expect(expiryAlertThreshold(1, 2027, '2027-02-01', [60, 30, 7, 1])).toBe(0);
    expect(expiryAlertThreshold(1, 2027, '2026-12-01', [])).toBeNull();
  });

  it('agrees with expiresSoon on every day of four years, for several threshold sets', async () => {
    const { daysUntilExpiry, expiresSoon, expiryAlertThreshold, expiryWindowDays } =
      await import('../../src/shared/cards');
    const sets = [[60, 30, 7, 1], [7], [90, 14], [1]];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2030, 0, 1); t += 86_400_000) {
      const today = new Date(t).toISOString().slice(0, 10);
      for (const [month, year] of [
        [1, 2027],
        [2, 2028],
        [12, 2028],
        [6, 2029],
      ] as const) {
        for (const set of sets) {
          const alert = expiryAlertThreshold(month, year, today, set);
          const banner =
            daysUntilExpiry(month, year, today) < 0 || expiresSoon(month, year, today, expiryWindowDays(set));
          expect(alert !== null, `${today} ${month}/${year} [${set}]`).toBe(banner);
        }
      }
    }
  });
});
