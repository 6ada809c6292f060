import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { trayText } from '../../../../src/main/electron/tray-text';
import { daysUntilExpiry, localDay } from '../../../../src/shared/cards';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../../../src/main/handlers/handlers';
import { dispatchIpc } from '../../../../src/main/handlers/dispatch';
import { settingsFile } from '../../../../src/main/core/paths';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { FakeKeychain } from '../../../support/fake-vault';
import { TestClock } from '../../../support/test-clock';
import { costRow } from '../../../support/cost-row';

const NUMBER = '4242424242424242';
/** The default record: brand, last four, expiry, a label and a billing country. */
const card = (overrides: Record<string, unknown> = {}) => ({
  type: 'card',
  brand: 'visa',
  last4: '4242',
  expMonth: 12,
  expYear: 2026,
  billingCountry: 'United Kingdom',
  label: 'Company card',
  role: 'primary',
  ...overrides,
});
/** The opt-in: the full number, the name and the street address for the keychain. */
const keychain = (overrides: Record<string, unknown> = {}) => ({
  cardNumber: '4242 4242 4242 4242',
  cardholderName: 'Ada Lovelace',
  billingAddress: { postalCode: 'SW1A 1AA', line1: '1 Example Street' },
  ...overrides,
});

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('payment methods', () => {
  let dataDir: string;
  let vault: FakeKeychain;
  let clock: TestClock;
  let core: TestSpendwatch;

  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'sw-pay-')), 'home');
    vault = new FakeKeychain();
    clock = new TestClock(new Date('2026-11-21T12:00:00Z'));
    core = createTestSpendwatch({ dataDir, vault, clock, settingsStore: new JsonFileStore(settingsFile(dataDir)) });
  });

  it('records a card by brand, last four and expiry, with nothing in the keychain', async () => {
    const method = await core.services.payments.save(undefined, card());
    expect(method.card).toEqual({
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2026,
      billingCountry: 'United Kingdom',
      inKeychain: false,
    });
    expect(vault.secrets.size).toBe(0);
    expect(readFileSync(settingsFile(dataDir), 'utf8')).toContain('"last4": "4242"');
  });

  it('with the opt-in, keeps the full number and address only in the keychain; everything else sees brand and last four', async () => {
    const method = await core.services.payments.save(undefined, { ...card({ keychain: keychain() }), cvv: '123' });
    expect(method.card).toMatchObject({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2026, inKeychain: true });
    expect(vault.secrets.get(`card:${method.id}`)).toBe(NUMBER);
    expect(JSON.parse(vault.secrets.get(`card-address:${method.id}`)!)).toEqual({
      cardholderName: 'Ada Lovelace',
      line1: '1 Example Street',
      line2: '',
      city: '',
      postalCode: 'SW1A 1AA',
    });
    const text = readFileSync(settingsFile(dataDir), 'utf8');
    expect(text).toContain('"last4": "4242"');
    expect(text).not.toMatch(/4242424242424242|4242 4242 4242 4242|Example Street|SW1A|Lovelace/);
    expect(text).not.toContain('123"');
    const overview = JSON.stringify(await core.payments.overview());
    for (const secret of [NUMBER, 'Example Street', 'SW1A', 'Lovelace']) expect(overview).not.toContain(secret);
  });

  it('edits without a number keep it; a new number replaces it; opting out or deleting removes the keychain entries', async () => {
    const method = await core.services.payments.save(undefined, card({ keychain: keychain() }));
    const edited = await core.services.payments.save(
      method.id,
      card({
        expYear: 2028,
        label: 'Renewed',
        keychain: { billingAddress: { line1: '2 New Road', postalCode: 'E1 6AN' } },
      }),
    );
    expect(edited.card).toMatchObject({ last4: '4242', expYear: 2028, inKeychain: true });
    expect(edited.label).toBe('Renewed');
    expect(vault.secrets.get(`card:${method.id}`)).toBe(NUMBER);
    expect(JSON.parse(vault.secrets.get(`card-address:${method.id}`)!)).toMatchObject({
      cardholderName: 'Ada Lovelace',
      line1: '2 New Road',
    });
    const replaced = await core.services.payments.save(
      method.id,
      card({ brand: 'mastercard', last4: '4444', keychain: { cardNumber: '5555 5555 5555 4444' } }),
    );
    expect(replaced.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
    expect(vault.secrets.get(`card:${method.id}`)).toBe('5555555555554444');
    const optedOut = await core.services.payments.save(method.id, card({ brand: 'mastercard', last4: '4444' }));
    expect(optedOut.card?.inKeychain).toBe(false);
    expect(vault.secrets.size).toBe(0);

    const other = await core.services.payments.save(undefined, card({ keychain: keychain() }));
    expect(vault.secrets.size).toBe(2);
    await core.services.payments.remove(other.id);
    await core.services.payments.remove(method.id);
    expect(vault.secrets.size).toBe(0);
    expect(core.services.payments.list()).toEqual([]);
  });

  it.each([
    ['no brand', { brand: '' }, /brand: Choose the card brand/],
    ['three digits for the last four', { last4: '424' }, /last4: Enter the last four digits/],
    ['a past expiry', { expMonth: 10, expYear: 2026 }, /expired/],
    ['a country too long', { billingCountry: 'x'.repeat(61) }, /billingCountry/],
    [
      'a Luhn-invalid number',
      { keychain: keychain({ cardNumber: '4242 4242 4242 4241' }) },
      /keychain.cardNumber: This card number is not valid/,
    ],
    ['the opt-in without a number', { keychain: keychain({ cardNumber: undefined }) }, /Enter the full card number/],
    [
      'a number of another brand',
      { keychain: keychain({ cardNumber: '5555 5555 5555 4444' }), last4: '4444' },
      /brand: The number says Mastercard: choose Mastercard as the brand/,
    ],
    [
      'a number with other last four',
      { keychain: keychain({ cardNumber: '4111 1111 1111 1111' }) },
      /last4: The card number ends in 1111: the last four digits must match it/,
    ],
    [
      'an address without a postal code',
      { keychain: keychain({ billingAddress: { line1: 'x', postalCode: '' } }) },
      /postal code/,
    ],
  ])('refuses %s and changes nothing', async (_label, override, message) => {
    await expect(core.services.payments.save(undefined, card(override))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(message),
    });
    expect(vault.secrets.size).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('main rejects the same input through IPC, with nothing saved', async () => {
    const handlers = createIpcHandlers(core, { openExternal: () => undefined });
    const bad = await dispatchIpc(handlers, 'savePaymentMethod', {
      method: card({ keychain: keychain({ cardNumber: '4242 4242 4242 4241' }) }),
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/not valid/) },
    });
    const good = await dispatchIpc(handlers, 'savePaymentMethod', { method: card({ keychain: keychain() }) });
    expect(good).toMatchObject({ ok: true, value: { card: { last4: '4242', inKeychain: true } } });
    const listed = await dispatchIpc(handlers, 'getPayments', {});
    for (const response of [good, listed]) {
      expect(JSON.stringify(response)).not.toContain(NUMBER);
      expect(JSON.stringify(response)).not.toContain('Example Street');
    }
  });

  it('with no keychain reachable, records nothing of an opt-in card, and a minimal card needs none', async () => {
    vault.reachable = false;
    await expect(core.services.payments.save(undefined, card({ keychain: keychain() }))).rejects.toMatchObject({
      code: 'keychain_unavailable',
    });
    expect(filesUnder(dataDir)).toEqual([]);
    const minimal = await core.services.payments.save(undefined, card());
    expect(core.services.payments.list().map((m) => m.id)).toEqual([minimal.id]);
    await core.services.payments.remove(minimal.id);
    expect(core.services.payments.list()).toEqual([]);
  });

  it('keeps one primary among methods that pay for the same accounts', async () => {
    const a = await core.services.payments.save(undefined, card());
    await core.services.payments.save(undefined, { type: 'paypal', email: 'billing@example.com', role: 'primary' });
    expect(core.services.payments.list().find((m) => m.id === a.id)?.role).toBe('backup');
  });

  it('warns about a card expiring next month once per threshold, up to and after expiry', async () => {
    await core.services.payments.save(undefined, card());
    const first = core.alerts.evaluate();
    // Card expiry is a local matter: 40 days in a zone where it is still 21 November, 39 where it is the 22nd.
    const days = daysUntilExpiry(12, 2026, localDay(clock.now()));
    expect(first.map((a) => [a.kind, a.threshold])).toEqual([['card-expiry', 60]]);
    expect(first[0].title).toBe(`Visa •••• 4242 expires in ${days} days`);
    expect(first[0].message).toMatch(
      new RegExp(`expires at the end of December 2026 \\(in ${days} days\\)\\. Update your payment method on OpenAI`),
    );
    expect(core.alerts.evaluate()).toEqual([]);
    expect(core.payments.notices()).toEqual([
      {
        methodId: expect.any(String),
        severity: 'warning',
        message: `Visa •••• 4242 (“Company card”) expires in ${days} days.`,
      },
    ]);
    expect(trayText(core.queries.trayFacts()).state).toBe('warning');
    const steps: [string, number][] = [
      ['2026-12-05T12:00:00Z', 30],
      ['2026-12-26T12:00:00Z', 7],
      ['2026-12-30T12:00:00Z', 1],
      ['2027-01-02T12:00:00Z', 0],
    ];
    for (const [when, threshold] of steps) {
      clock.set(when);
      expect(core.alerts.evaluate().map((a) => [a.kind, a.threshold])).toEqual([['card-expiry', threshold]]);
      expect(core.alerts.evaluate()).toEqual([]);
    }
    expect(trayText(core.queries.trayFacts()).state).toBe('over');
    expect((await core.payments.overview()).checklist.map((c) => c.status)).toContain('problem');
  });

  it('a card added five days before it expires raises one alert, not four', async () => {
    clock.set('2026-12-26T12:00:00Z');
    await core.services.payments.save(undefined, card({ expMonth: 12, expYear: 2026 }));
    expect(core.alerts.evaluate().map((a) => a.threshold)).toEqual([7]);
  });

  it('checklist: no payment method, then no primary, failed payments recorded', async () => {
    expect((await core.payments.overview()).checklist.map((c) => c.id)).toEqual(['no-methods']);
    await core.services.payments.save(undefined, card({ role: 'backup', expYear: 2030 }));
    expect((await core.payments.overview()).checklist.map((c) => c.id)).toEqual(['no-primary']);
    core.services.payments.addEvent({
      date: '2026-11-20',
      amountMicros: 50_000_000,
      result: 'failed',
      note: 'declined',
    });
    expect((await core.payments.overview()).checklist.map((c) => c.id)).toContain('failed-payments');
  });
});

describe('credits and balance alerts', () => {
  it('low balance and expiring credit fire once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-credit-'));
    const clock = new TestClock(new Date('2026-11-21T12:00:00Z'));
    const core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock,
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
    });
    core.services.settings.update((s) => {
      s.accounts.push({
        id: 'acc_a',
        name: 'Acme Prod',
        provider: 'openai',
        baseUrl: 'x',
        keyHint: 'k',
        createdAt: '',
      });
    });
    const { history } = core.services.history.load('acc_a');
    history.replaceCosts(
      new Map(
        Array.from({ length: 14 }, (_, i) => [
          `2026-11-${String(8 + i).padStart(2, '0')}`,
          [costRow(null, 'x', 10_000_000)],
        ]),
      ),
    );
    core.services.payments.addCredit({
      accountId: 'acc_a',
      kind: 'purchase',
      amountMicros: 100_000_000,
      date: '2025-12-10',
    });
    core.services.payments.setRecordedBalance('acc_a', { amountMicros: 80_000_000, asOf: '2026-11-17' });
    const raised = core.alerts.evaluate();
    expect(raised.map((a) => [a.kind, a.threshold])).toEqual([
      ['low-balance', 7],
      ['credit-expiring', 30],
    ]);
    expect(raised[0].message).toMatch(/about \$40\.00 of prepaid credit left: 4 days at the current pace/);
    expect(raised[0].estimate).toBe(true);
    expect(core.alerts.evaluate()).toEqual([]);
    expect((await core.payments.overview()).accounts[0].estimate?.estimateMicros).toBe(40_000_000);
  });
});

describe('free text about payments', () => {
  it('keeps no key or card number pasted into a label, a reference, a billing country or a payment note', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-paytext-'));
    const core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock: new TestClock(new Date('2026-11-21T10:00:00Z')),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
    });
    const key = `sk-admin-a-${'Q'.repeat(30)}tail`;
    await core.services.payments.save(undefined, {
      type: 'bank-transfer',
      label: `ops ${key}`,
      reference: `ref 4111 1111 1111 1111 ${key}`,
      accountIds: [],
      role: 'primary',
    });
    core.services.payments.addEvent({
      date: '2026-11-20',
      amountMicros: 1_000_000,
      result: 'failed',
      note: `declined ${key} 4111-1111-1111-1111`,
    });
    await core.services.payments.save(undefined, {
      type: 'card',
      brand: 'visa',
      last4: '1111',
      expMonth: 12,
      expYear: 2028,
      billingCountry: '4111 1111 1111 1111',
    });
    const text = readFileSync(settingsFile(dataDir), 'utf8');
    for (const secret of [key, 'Q'.repeat(30), '4111 1111 1111 1111', '4111-1111-1111-1111'])
      expect(text).not.toContain(secret);
    expect(text).toContain('sk-admin-…tail');
  });
});
