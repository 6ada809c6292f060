/** An account's key from the vault, or invalid_key (src/main/core/vault/require-api-key.ts). */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/main/core/errors';
import { accountKeyRef } from '../../../../src/main/core/vault/keytar-vault';
import { requireApiKey } from '../../../../src/main/core/vault/require-api-key';
import { FakeKeychain } from '../../../support/fake-vault';

describe('requireApiKey', () => {
  it("reads the account's key, and says invalid_key when the vault has none", async () => {
    const vault = new FakeKeychain();
    await vault.set(accountKeyRef('acc_1'), 'sk-admin-test');
    expect(await requireApiKey(vault, { id: 'acc_1', name: 'Acme Prod' })).toBe('sk-admin-test');
    const missing = requireApiKey(vault, { id: 'acc_2', name: 'Research' });
    await expect(missing).rejects.toBeInstanceOf(AppError);
    await expect(missing).rejects.toMatchObject({
      code: 'invalid_key',
      message:
        'No key for "Research" was found in the keychain. Remove the account and add it again with its admin key.',
    });
  });
});
