/** Integration: a card number stored and deleted in the real gnome-keyring, through the payment service. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsFile } from '../../../../src/main/core/paths';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch } from '../../../support/test-spendwatch';
import { KeytarVault } from '../../../../src/main/core/vault/keytar-vault';

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('card numbers in the real keychain', () => {
  it('stores the full number in the Secret Service and deletes it with the method', async () => {
    const service = `Spendwatch-test-${randomBytes(4).toString('hex')}`;
    const vault = new KeytarVault(service);
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-cardkc-'));
    const core = createTestSpendwatch({
      dataDir,
      vault,
      clock: { now: () => new Date() },
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
    });
    const next = new Date();
    next.setMonth(next.getMonth() + 14);
    const method = await core.payments.saveMethod(undefined, {
      type: 'card',
      cardholderName: 'Ada Lovelace',
      cardNumber: '5555 5555 5555 4444',
      expMonth: next.getMonth() + 1,
      expYear: next.getFullYear(),
      billingAddress: { country: 'UK', postalCode: 'SW1A 1AA', line1: '1 Example Street' },
    });
    expect(await new KeytarVault(service).get(`card:${method.id}`)).toBe('5555555555554444');
    expect(readFileSync(settingsFile(dataDir), 'utf8')).not.toContain('5555555555554444');
    await core.payments.removeMethod(method.id);
    expect(await new KeytarVault(service).get(`card:${method.id}`)).toBeNull();
  });
});
