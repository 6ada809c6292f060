/**
 * Integration: the vault over keytar against the real Secret Service (gnome-keyring, started
 * unlocked in its own D-Bus session by `npm test`), and the clear refusal when none is reachable.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarVault } from '../../../../src/main/core/vault/keytar-vault';

const service = `Spendwatch-test-${randomBytes(4).toString('hex')}`;
const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe.runIf(hasSessionBus)('KeytarVault with the real keychain', () => {
  const vault = new KeytarVault(service);
  afterAll(async () => {
    await vault.delete('account:one').catch(() => false);
  });

  it('round-trips a secret, then deletes it', async () => {
    const secret = `sk-admin-${randomBytes(24).toString('hex')}`;
    await vault.probe();
    await vault.set('account:one', secret);
    expect(await vault.get('account:one')).toBe(secret);
    expect(await new KeytarVault(service).get('account:one')).toBe(secret); // a second instance reads the keychain, not memory
    expect(await vault.delete('account:one')).toBe(true);
    expect(await vault.get('account:one')).toBeNull();
    expect(await vault.delete('account:one')).toBe(false);
  });
});

describe('KeytarVault with no Secret Service reachable', () => {
  it('refuses with a clear keychain_unavailable error and never falls back to plaintext', () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const out = execFileSync(
      join('node_modules', '.bin', 'tsx'),
      [join(import.meta.dirname, 'vault-probe.fixture.ts'), service],
      { env, encoding: 'utf8' },
    );
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(result.ok).toBe(false);
    expect(result.code).toBe('keychain_unavailable');
    expect(result.message).toMatch(/keychain is not reachable/);
    expect(result.message).toMatch(/Secret Service/);
    expect(result.message).toMatch(/Nothing was saved/);
  });
});
