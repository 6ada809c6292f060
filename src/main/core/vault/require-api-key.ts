/** An account's API key from the vault: the one place that says what a missing key means. */
import { AppError } from '../errors';
import type { SecretVault } from '../ports';
import { accountKeyRef } from './keytar-vault';

/** The account's key, or `invalid_key` when the vault has none for it (removed by hand, another keychain). */
export async function requireApiKey(vault: SecretVault, account: { id: string; name: string }): Promise<string> {
  const apiKey = await vault.get(accountKeyRef(account.id));
  if (!apiKey)
    throw new AppError(
      'invalid_key',
      `No key for "${account.name}" was found in the keychain. Remove the account and add it again with its admin key.`,
    );
  return apiKey;
}
