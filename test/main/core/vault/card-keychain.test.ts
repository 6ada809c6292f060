/** Integration: a card's opt-in details stored and deleted in the real gnome-keyring, through the payment service. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsFile } from '../../../../src/main/core/paths';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch } from '../../../support/test-spendwatch';
import { TestClock } from '../../../support/test-clock';
import { KeytarVault } from '../../../../src/main/core/vault/keytar-vault';

const FIXTURE = join(__dirname, '../../../fixtures/settings/old-payment-methods.json');

function spendwatchWith(service: string, dataDir: string) {
  return createTestSpendwatch({
    dataDir,
    vault: new KeytarVault(service),
    clock: new TestClock(new Date('2026-11-21T12:00:00Z')),
    settingsStore: new JsonFileStore(settingsFile(dataDir)),
  });
}

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('card details in the real keychain', () => {
  it('stores the opted-in number and address in the Secret Service only, and deletes them with the method', async () => {
    const service = `Spendwatch-test-${randomBytes(4).toString('hex')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-cardkc-'));
    const core = spendwatchWith(service, dataDir);
    const minimal = await core.payments.saveMethod(undefined, {
      type: 'card',
      brand: 'visa',
      last4: '4242',
      expMonth: 1,
      expYear: 2028,
    });
    const method = await core.payments.saveMethod(undefined, {
      type: 'card',
      brand: 'mastercard',
      last4: '4444',
      expMonth: 1,
      expYear: 2028,
      billingCountry: 'United Kingdom',
      keychain: {
        cardNumber: '5555 5555 5555 4444',
        cardholderName: 'Ada Lovelace',
        billingAddress: { postalCode: 'SW1A 1AA', line1: '1 Example Street' },
      },
    });
    const keychain = new KeytarVault(service);
    expect(await keychain.get(`card:${minimal.id}`)).toBeNull();
    expect(await keychain.get(`card:${method.id}`)).toBe('5555555555554444');
    expect(await keychain.get(`card-address:${method.id}`)).toContain('1 Example Street');
    const text = readFileSync(settingsFile(dataDir), 'utf8');
    for (const secret of ['5555555555554444', '1 Example Street', 'SW1A 1AA', 'Ada Lovelace'])
      expect(text).not.toContain(secret);
    await core.payments.removeMethod(method.id);
    expect(await keychain.get(`card:${method.id}`)).toBeNull();
    expect(await keychain.get(`card-address:${method.id}`)).toBeNull();
  });

  it('moves an old record’s name and address from the settings file into the Secret Service', async () => {
    const service = `Spendwatch-test-${randomBytes(4).toString('hex')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-cardkc-old-'));
    mkdirSync(join(settingsFile(dataDir), '..'), { recursive: true });
    writeFileSync(settingsFile(dataDir), readFileSync(FIXTURE));
    const keychain = new KeytarVault(service);
    await keychain.set('card:pm_oldcard01', '4242424242424242');
    const core = spendwatchWith(service, dataDir);
    await core.payments.overview();
    expect(JSON.parse((await keychain.get('card-address:pm_oldcard01'))!)).toMatchObject({
      cardholderName: 'Ada Lovelace',
      line1: '1 Example Street',
      postalCode: 'SW1A 1AA',
    });
    expect(readFileSync(settingsFile(dataDir), 'utf8')).not.toContain('1 Example Street');
    await core.payments.removeMethod('pm_oldcard01');
    expect(await keychain.get('card:pm_oldcard01')).toBeNull();
    expect(await keychain.get('card-address:pm_oldcard01')).toBeNull();
  });
});
