/**
 * Records saved by the old payment-method form (name on the card and the whole billing address in config.json,
 * the full number in the keychain as card:<id>) keep working: read as the minimal record, their name and street
 * address move to the keychain, the country stays readable, and nothing is lost when the keychain is away.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { settingsFile } from '../../../../src/main/core/paths';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { FakeKeychain } from '../../../support/fake-vault';
import { TestClock } from '../../../support/test-clock';

const FIXTURE = join(__dirname, '../../../fixtures/settings/old-payment-methods.json');
const NUMBER = '4242424242424242';
const STREET = ['Ada Lovelace', 'SW1A 1AA', '1 Example Street', 'Flat 2', 'London'];

describe('payment methods saved by the old form', () => {
  let dataDir: string;
  let vault: FakeKeychain;
  let core: TestSpendwatch;
  const file = () => readFileSync(settingsFile(dataDir), 'utf8');

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sw-oldpm-'));
    mkdirSync(join(settingsFile(dataDir), '..'), { recursive: true });
    copyFileSync(FIXTURE, settingsFile(dataDir));
    vault = new FakeKeychain();
    // What the old form put in the keychain: the full number only.
    vault.secrets.set('card:pm_oldcard01', NUMBER);
    core = createTestSpendwatch({
      dataDir,
      vault,
      clock: new TestClock(new Date('2026-11-21T12:00:00Z')),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
    });
  });

  it('are read as the minimal record, the country kept, and shown without the name or address', async () => {
    expect(core.services.payments.list()[0]).toMatchObject({
      id: 'pm_oldcard01',
      label: 'Company card',
      card: {
        brand: 'visa',
        last4: '4242',
        expMonth: 12,
        expYear: 2026,
        billingCountry: 'United Kingdom',
        inKeychain: true,
      },
    });
    const shown = JSON.stringify(await core.payments.overview());
    for (const secret of [NUMBER, ...STREET]) expect(shown).not.toContain(secret);
    expect(shown).toContain('billing@example.com');
  });

  it('move their name and street address to the keychain, losing nothing', async () => {
    expect(file()).toContain('1 Example Street');
    await core.payments.overview();
    expect(JSON.parse(vault.secrets.get('card-address:pm_oldcard01')!)).toEqual({
      cardholderName: 'Ada Lovelace',
      line1: '1 Example Street',
      line2: 'Flat 2',
      city: 'London',
      postalCode: 'SW1A 1AA',
    });
    expect(vault.secrets.get('card:pm_oldcard01')).toBe(NUMBER);
    const text = file();
    for (const secret of STREET) expect(text).not.toContain(secret);
    expect(text).toContain('"billingCountry": "United Kingdom"');
    expect(text).toContain('"inKeychain": true');
    expect(core.services.payments.list().map((m) => m.type)).toEqual(['card', 'paypal']);
  });

  it('keep their details in the settings file while the keychain cannot be reached, and move them later', async () => {
    vault.reachable = false;
    const overview = await core.payments.overview();
    expect(overview.methods[0].card?.last4).toBe('4242');
    for (const secret of STREET) expect(file()).toContain(secret);
    vault.reachable = true;
    await core.payments.overview();
    for (const secret of STREET) expect(file()).not.toContain(secret);
    expect(vault.secrets.get('card-address:pm_oldcard01')).toContain('Ada Lovelace');
  });

  it('still raise expiry reminders, edit keeping the keychain, and delete every keychain entry', async () => {
    expect(core.alerts.evaluate().map((a) => [a.kind, a.title])).toEqual([
      ['card-expiry', expect.stringMatching(/^Visa •••• 4242 expires in (39|40) days$/)],
    ]);
    const edited = await core.services.payments.save('pm_oldcard01', {
      type: 'card',
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2029,
      billingCountry: 'United Kingdom',
      label: 'Company card',
      role: 'primary',
      keychain: {},
    });
    expect(edited.card).toMatchObject({ expYear: 2029, inKeychain: true });
    expect(vault.secrets.get('card:pm_oldcard01')).toBe(NUMBER);
    expect(vault.secrets.get('card-address:pm_oldcard01')).toContain('1 Example Street');
    for (const secret of STREET) expect(file()).not.toContain(secret);
    await core.services.payments.remove('pm_oldcard01');
    expect([...vault.secrets.keys()]).toEqual([]);
  });
});
