/** Finding an account as the user names it: by id, else by name (case-insensitive). One rule for every door. */
import { AppError } from '../errors';

/** The account with this id, else the one with this name in any case; undefined if none. */
export function findAccount<A extends { id: string; name: string }>(
  accounts: readonly A[],
  idOrName: string,
): A | undefined {
  const wanted = idOrName.toLowerCase();
  return accounts.find((a) => a.id === idOrName) ?? accounts.find((a) => a.name.toLowerCase() === wanted);
}

/** As findAccount, or `not_found`. */
export function requireAccount<A extends { id: string; name: string }>(accounts: readonly A[], idOrName: string): A {
  const account = findAccount(accounts, idOrName);
  if (!account)
    throw new AppError('not_found', `No account named "${idOrName.slice(0, 100)}". See the list of accounts.`);
  return account;
}
