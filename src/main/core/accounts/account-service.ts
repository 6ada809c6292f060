/**
 * Adds, renames and removes accounts. The key goes only to the keychain; settings keep a masked hint.
 * An add is all-or-nothing: the keychain is checked first, the key is tested with one cheap call,
 * and nothing is written unless every step succeeds.
 */
import { withoutKey } from '../../../shared/redact';
import { randomHex } from '../random-id';
import { accountNameSchema, baseUrlProblem, type AccountInfo, type ProviderId } from '../../../shared/domain';
import { maskApiKey } from '../../../shared/masking';
import { PROVIDERS } from '../../../shared/providers';
import { AppError } from '../errors';
import type { HistoryStore } from '../history/history-store';
import type { Clock, SecretVault } from '../ports';
import type { SettingsRepository, StoredAccount } from '../settings/settings';
import type { ProviderFactory } from '../sync/sync-engine';
import { accountKeyRef } from '../vault/keytar-vault';
import { requireApiKey } from '../vault/require-api-key';
import { findAccount, requireAccount } from './account-lookup';

export interface NewAccount {
  name: string;
  provider: ProviderId;
  baseUrl?: string;
  apiKey: string;
}

/** Enough for any team; keeps every view and the sums over accounts bounded. */
const MAX_ACCOUNTS = 50;

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
    return findAccount(this.deps.settings.read().accounts, idOrName);
  }

  get(idOrName: string): StoredAccount {
    return requireAccount(this.deps.settings.read().accounts, idOrName);
  }

  async add(input: NewAccount): Promise<AccountInfo> {
    const name = validName(input.name);
    const baseUrl = (input.baseUrl ?? PROVIDERS[input.provider].defaultBaseUrl).trim().replace(/\/+$/, '');
    const urlProblem = baseUrlProblem(baseUrl);
    if (urlProblem)
      throw new AppError('invalid_input', `Base URL ${JSON.stringify(baseUrl.slice(0, 200))}: ${urlProblem}.`);
    const apiKey = input.apiKey.trim();
    if (apiKey.length > 500) throw new AppError('invalid_input', 'That is not an API key: it is far too long.');
    this.assertNameFree(name);
    assertAdminKey(input.provider, apiKey);
    await this.deps.vault.probe();

    const account: StoredAccount = {
      id: `acc_${randomHex(8)}`,
      name,
      provider: input.provider,
      baseUrl,
      keyHint: maskApiKey(apiKey),
      createdAt: this.deps.clock.now().toISOString(),
    };
    await testWithoutEcho(this.deps.createProvider(account, apiKey), apiKey, ADD_NOT_RETRIED);

    await this.deps.vault.set(accountKeyRef(account.id), apiKey);
    try {
      // Checked again under the settings lock: another process may have added the same name meanwhile.
      this.deps.settings.update((s) => {
        assertNameFree(s.accounts, name);
        if (s.accounts.length >= MAX_ACCOUNTS)
          throw new AppError('invalid_input', `At most ${MAX_ACCOUNTS} accounts can be added.`);
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
    const name = validName(newName);
    this.assertNameFree(name, account.id);
    this.deps.settings.update((s) => {
      assertNameFree(s.accounts, name, account.id);
      const target = s.accounts.find((a) => a.id === account.id);
      if (!target)
        throw new AppError('not_found', `No account named "${idOrName.slice(0, 100)}". See the list of accounts.`);
      target.name = name;
    });
    return { ...account, name };
  }

  /**
   * Replaces an account's key, keeping its id, budgets and local history. Same checks as an add: the
   * keychain first, the key's type by prefix, one test call with the new key — the old key stays until all pass.
   */
  async replaceKey(idOrName: string, newKey: string): Promise<AccountInfo> {
    const account = this.get(idOrName);
    const apiKey = newKey.trim();
    if (apiKey.length < 8) throw new AppError('invalid_input', 'Paste the whole key.');
    if (apiKey.length > 500) throw new AppError('invalid_input', 'That is not an API key: it is far too long.');
    assertAdminKey(account.provider, apiKey);
    await this.deps.vault.probe();
    await testWithoutEcho(this.deps.createProvider(account, apiKey), apiKey, REPLACE_NOT_RETRIED);

    await this.deps.vault.set(accountKeyRef(account.id), apiKey);
    const keyHint = maskApiKey(apiKey);
    this.deps.settings.update((s) => {
      const target = s.accounts.find((a) => a.id === account.id);
      if (target) target.keyHint = keyHint;
    });
    // The failure the old key caused is over; the next sync says whether the new one reads everything.
    this.deps.history.clearLastError(account.id);
    return { ...account, keyHint };
  }

  /** One cheap call with the stored key: does it still read costs? */
  async test(idOrName: string): Promise<void> {
    const account = this.get(idOrName);
    const apiKey = await requireApiKey(this.deps.vault, account);
    await testWithoutEcho(this.deps.createProvider(account, apiKey), apiKey);
  }

  /** Removes the account, its keychain entry, its budget and its local history. */
  async remove(idOrName: string): Promise<boolean> {
    const account = this.get(idOrName);
    // History first: if another process is syncing this account, nothing is removed yet.
    if (!this.deps.history.removeAccount(account.id)) {
      throw new AppError(
        'busy',
        `"${account.name}" is being synced by another Spendwatch process. Try again when it has finished.`,
      );
    }
    await this.deps.vault.delete(accountKeyRef(account.id));
    this.deps.settings.update((s) => {
      if (!s.accounts.some((a) => a.id === account.id))
        throw new AppError('not_found', `No account named "${account.name}": it was already removed.`);
      s.accounts = s.accounts.filter((a) => a.id !== account.id);
      delete s.budgets[account.id];
    });
    return true;
  }

  private assertNameFree(name: string, exceptId?: string): void {
    assertNameFree(this.deps.settings.read().accounts, name, exceptId);
  }
}

function validName(raw: string): string {
  const parsed = accountNameSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      `Account name: ${(parsed.error.issues[0]?.message ?? 'invalid').replace(/\.$/, '')}.`,
    );
  return parsed.data;
}

/** Names are unique regardless of case (and Unicode case folding), so "Race" and "race" cannot both exist. */
function assertNameFree(accounts: StoredAccount[], name: string, exceptId?: string): void {
  const folded = foldName(name);
  const clash = accounts.find((a) => a.id !== exceptId && foldName(a.name) === folded);
  if (clash) throw new AppError('conflict', `An account named "${clash.name}" already exists. Choose another name.`);
}

const foldName = (name: string): string => name.normalize('NFKC').toLowerCase().trim();

/** Refuses keys that are known not to read costs (the registry judges by prefix); an unfamiliar format is left to the test call. */
function assertAdminKey(provider: ProviderId, apiKey: string): void {
  const verdict = PROVIDERS[provider].checkKey(apiKey);
  if (!verdict.ok) throw new AppError('wrong_key_type', verdict.reason);
}

/** What an add or a key change that failed in a way that may pass later says instead of "Spendwatch will retry" or "will try again automatically". */
const ADD_NOT_RETRIED = 'The account was not added and nothing was saved; add it again in a moment.';
const REPLACE_NOT_RETRIED = 'The old key is kept; try the new one again in a moment.';

/**
 * A provider's error says "Spendwatch will retry" (true of the sync); an add or a key change is a single
 * attempt that nothing repeats, so that clause goes and `instead` says what the user can do.
 */
function withoutRetryClaim(message: string, instead: string): string {
  const claim = /[;.]?\s*Spendwatch will (?:retry|try again)[^.]*\./g;
  if (!claim.test(message)) return message;
  return `${message.replace(claim, '.').trim()} ${instead}`;
}

/** The key's test call; a server that echoes the key in its error never gets it printed or stored. */
async function testWithoutEcho(
  provider: { testConnection(): Promise<void> },
  apiKey: string,
  notRetried?: string,
): Promise<void> {
  try {
    await provider.testConnection();
  } catch (error) {
    // No cause attached: it would carry the unmasked message.
    if (error instanceof AppError) {
      const message = withoutKey(error.message, apiKey);
      throw new AppError(error.code, notRetried ? withoutRetryClaim(message, notRetried) : message);
    }
    throw error;
  }
}
