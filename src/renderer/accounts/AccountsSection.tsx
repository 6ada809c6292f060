/**
 * Settings › Accounts: add (provider choice, write-only key field, key type recognised as typed by the
 * provider registry), test, replace the key (tested before it is stored, history kept), rename, remove.
 */
import type { AccountInfo, AccountSummary } from '../../shared/domain';
import { AddAccountForm } from './AccountForms';
import { AccountRow } from './AccountRow';

export function AccountsSection({ accounts, summaries }: { accounts: AccountInfo[]; summaries: AccountSummary[] }) {
  return (
    <section className="panel" id="accounts" aria-labelledby="accounts-title">
      <h2 id="accounts-title" tabIndex={-1}>
        Accounts
      </h2>
      {accounts.length === 0 ? (
        <p className="muted">No accounts yet — the dashboard shows demo data until you add one.</p>
      ) : (
        <ul className="account-list">
          {accounts.map((a) => (
            <AccountRow key={a.id} account={a} summary={summaries.find((s) => s.id === a.id)} />
          ))}
        </ul>
      )}
      <AddAccountForm />
    </section>
  );
}
