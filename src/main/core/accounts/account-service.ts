/**
 * Adds, renames and removes accounts. The key goes only to the keychain; settings keep a masked hint.
 * An add is all-or-nothing: the keychain is checked first, the key is tested with one cheap call,
 * and nothing is written unless every step succeeds.
 */
import { randomBytes } from 'node:crypto';
import type { AccountInfo, ProviderId } from '../../../shared/domain';
import { maskApiKey } from '../../../shared/masking';
import { PROVIDERS } from '../../../shared/providers';
import { AppError } from '../errors';
import type { HistoryStore } from '../history/history-store';
import type { Clock, SecretVault } from '../ports';
import type { SettingsRepository, StoredAccount } from '../settings/settings';
import type { ProviderFactory } from '../sync/sync-engine';
import { accountKeyRef } from '../vault/keytar-vault';

export interface NewAccount {
  name: string;
  provider: ProviderId;
  baseUrl?: string;
  apiKey: string;
}

export class AccountService {
  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      vault: SecretVault;
      history: HistoryStore;
      clock: Clock;
      createProvider: ProviderFactory;
    },
  ) {}

  list(): AccountInfo[] {
    return this.deps.settings.read().accounts;
  }

  /** Finds by id, or by name (case-insensitive). */
  find(idOrName: string): StoredAccount | undefined {
    const accounts = this.deps.settings.read().accounts;
    return accounts.find((a) => a.id === idOrName) ?? accounts.find((a) => a.name.toLowerCase() === idOrName.toLowerCase());
  }

  get(idOrName: string): StoredAccount {
    const account = this.find(idOrName);
    if (!account) throw new AppError('not_found', `No account named "${idOrName}". See the list of accounts.`);
    return account;
  }

  async add(input: NewAccount): Promise<AccountInfo> {
    const name = input.name.trim();
    const apiKey = input.apiKey.trim();
    this.assertNameFree(name);
    assertAdminKey(input.provider, apiKey);
    await this.deps.vault.probe();

    const account: StoredAccount = {
      id: `acc_${randomBytes(8).toString('hex')}`,
      name,
      provider: input.provider,
      baseUrl: (input.baseUrl ?? PROVIDERS[input.provider].defaultBaseUrl).replace(/\/+$/, ''),
      keyHint: maskApiKey(apiKey),
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.createProvider(account, apiKey).testConnection();

    await this.deps.vault.set(accountKeyRef(account.id), apiKey);
    try {
      this.deps.settings.update((s) => {
        s.accounts.push(account);
      });
    } catch (error) {
      await this.deps.vault.delete(accountKeyRef(account.id)).catch(() => false);
      throw error;
    }
    return account;
  }

  rename(idOrName: string, newName: string): AccountInfo {
    const account = this.get(idOrName);
    const name = newName.trim();
    this.assertNameFree(name, account.id);
    this.deps.settings.update((s) => {
      const target = s.accounts.find((a) => a.id === account.id);
      if (target) target.name = name;
    });
    return { ...account, name };
  }

  /** One cheap call with the stored key: does it still read costs? */
  async test(idOrName: string): Promise<void> {
    const account = this.get(idOrName);
    const apiKey = await this.deps.vault.get(accountKeyRef(account.id));
    if (!apiKey) throw new AppError('invalid_key', `No key for "${account.name}" in the keychain. Remove the account and add it again.`);
    await this.deps.createProvider(account, apiKey).testConnection();
  }

  /** Removes the account, its keychain entry, its budget and its local history. */
  async remove(idOrName: string): Promise<boolean> {
    const account = this.get(idOrName);
    await this.deps.vault.delete(accountKeyRef(account.id));
    this.deps.settings.update((s) => {
      s.accounts = s.accounts.filter((a) => a.id !== account.id);
      delete s.budgets[account.id];
    });
    this.deps.history.removeAccount(account.id);
    return true;
  }

  private assertNameFree(name: string, exceptId?: string): void {
    const clash = this.deps.settings.read().accounts.find((a) => a.id !== exceptId && a.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new AppError('conflict', `An account named "${clash.name}" already exists. Choose another name.`);
  }
}

/** Refuses keys that are known not to read costs (the registry judges by prefix); an unfamiliar format is left to the test call. */
function assertAdminKey(provider: ProviderId, apiKey: string): void {
  const verdict = PROVIDERS[provider].checkKey(apiKey);
  if (!verdict.ok) throw new AppError('wrong_key_type', verdict.reason);
}
