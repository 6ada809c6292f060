/** Finding an account as the user names it (src/main/core/accounts/account-lookup.ts): one rule for every door. */
import { describe, expect, it } from 'vitest';
import { findAccount, requireAccount } from '../../../../src/main/core/accounts/account-lookup';
import { AppError } from '../../../../src/main/core/errors';

const accounts = [
  { id: 'acc_1', name: 'Acme Prod' },
  { id: 'acc_2', name: 'acc_1' },
  { id: 'acc_3', name: 'Research' },
];

describe('account lookup', () => {
  it('finds by id first, then by name in any case', () => {
    expect(findAccount(accounts, 'acc_3')?.name).toBe('Research');
    expect(findAccount(accounts, 'acme PROD')?.id).toBe('acc_1');
    // An id wins over another account's name that reads the same.
    expect(findAccount(accounts, 'acc_1')?.name).toBe('Acme Prod');
    expect(findAccount(accounts, 'Nope')).toBeUndefined();
  });

  it('says not_found, naming what was asked for (at most 100 characters)', () => {
    expect(requireAccount(accounts, 'research').id).toBe('acc_3');
    const error = (() => {
      try {
        requireAccount(accounts, 'x'.repeat(300));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
    expect((error as AppError).message).toBe(`No account named "${'x'.repeat(100)}". See the list of accounts.`);
  });
});
