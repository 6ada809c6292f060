/**
 * An in-memory stand-in for the OS keychain (which is outside our code), for unit tests that are
 * not about the keychain. The real keychain is exercised by test/main/core/vault and the CLI tests.
 */
import { keychainUnavailable } from '../../src/main/core/vault/keytar-vault';
import type { SecretVault } from '../../src/main/core/ports';

export class FakeKeychain implements SecretVault {
  readonly secrets = new Map<string, string>();
  reachable = true;

  private check(): void {
    if (!this.reachable) throw keychainUnavailable(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
  }

  async get(key: string) {
    this.check();
    return this.secrets.get(key) ?? null;
  }

  async set(key: string, secret: string) {
    this.check();
    this.secrets.set(key, secret);
  }

  async delete(key: string) {
    this.check();
    return this.secrets.delete(key);
  }

  async probe() {
    this.check();
  }
}
