/**
 * The keychain vault over keytar (macOS Keychain, Windows Credential Manager, Secret Service on Linux).
 * There is deliberately no plaintext fallback: if the keychain is unreachable, callers get a clear error.
 */
import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import { AppError } from '../errors';
import type { SecretVault } from '../ports';

type Keytar = typeof KeytarModule;

const VAULT_SERVICE = 'Spendwatch';

const KEYCHAIN_HELP: Record<string, string> = {
  linux:
    'Spendwatch keeps keys only in the system keychain (Secret Service). Install and unlock one, e.g. gnome-keyring ' +
    '(sudo apt install gnome-keyring libsecret-1-0) or KWallet, inside a desktop session with a D-Bus session bus.',
  darwin: 'Spendwatch keeps keys only in the macOS Keychain. Unlock your login keychain and try again.',
  win32: 'Spendwatch keeps keys only in Windows Credential Manager. Make sure it is available for your user.',
};

/** @internal Exported for tests. */
export function keychainUnavailable(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const help = KEYCHAIN_HELP[process.platform] ?? KEYCHAIN_HELP.linux;
  return new AppError(
    'keychain_unavailable',
    `The OS keychain is not reachable (${detail}). ${help} Nothing was saved.`,
    { cause },
  );
}

export class KeytarVault implements SecretVault {
  private keytar: Keytar | undefined;

  constructor(private readonly service = VAULT_SERVICE) {}

  private load(): Keytar {
    if (!this.keytar) {
      try {
        // Loaded lazily so a missing native module or libsecret surfaces as a keychain error, not a crash.
        this.keytar = createRequire(import.meta.url)('keytar') as Keytar;
      } catch (error) {
        throw keychainUnavailable(error);
      }
    }
    return this.keytar;
  }

  private async call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    const keytar = this.load();
    try {
      return await operation(keytar);
    } catch (error) {
      throw keychainUnavailable(error);
    }
  }

  get(key: string): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, key));
  }

  set(key: string, secret: string): Promise<void> {
    return this.call((k) => k.setPassword(this.service, key, secret));
  }

  delete(key: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, key));
  }

  async probe(): Promise<void> {
    await this.call((k) => k.getPassword(this.service, '__spendwatch_probe__'));
  }
}

export const accountKeyRef = (accountId: string): string => `account:${accountId}`;
