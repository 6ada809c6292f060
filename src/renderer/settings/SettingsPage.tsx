/** Settings: accounts for now (add with a write-only key field, rename, remove). */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AccountInfo } from '../../shared/domain';
import { OPENAI_ADMIN_KEYS_URL } from '../../shared/links';
import { call, subscribe } from '../bridge';
import { BudgetsAndAlerts } from './BudgetsAndAlerts';

export default function SettingsPage() {
  const [accounts, setAccounts] = useState<AccountInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call('listAccounts', {})
      .then(setAccounts)
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    load();
    return subscribe('snapshotChanged', load);
  }, [load]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <h1>Settings</h1>
        </div>
        <a className="button-link" href="#/">
          Back to dashboard
        </a>
      </header>
      <main className="content">
        <section className="panel" aria-labelledby="accounts-title">
          <h2 id="accounts-title">Accounts</h2>
          {error && (
            <p role="alert" className="banner banner-error">
              {error}
            </p>
          )}
          {accounts.length === 0 ? (
            <p className="muted">No accounts yet — the dashboard shows demo data until you add one.</p>
          ) : (
            <ul className="account-list">
              {accounts.map((a) => (
                <li key={a.id}>
                  <strong>{a.name}</strong> <span className="muted">{a.keyHint}</span>
                  <button
                    type="button"
                    aria-label={`Remove ${a.name}`}
                    onClick={() => {
                      if (window.confirm(`Remove ${a.name}? Its key is deleted from the keychain and its local history is removed.`)) {
                        call('removeAccount', { accountId: a.id }).then(load, (e: Error) => setError(e.message));
                      }
                    }}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <AddAccountForm onAdded={load} />
        </section>
        <BudgetsAndAlerts accounts={accounts} />
      </main>
    </div>
  );
}

function AddAccountForm({ onAdded }: { onAdded: () => void }) {
  const [name, setName] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('addAccount', { name, provider: 'openai', apiKey });
      setName('');
      setApiKey('');
      onAdded();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      // The key never stays in the form, whatever happened.
      setApiKey('');
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby="add-account-title">
      <h3 id="add-account-title">Add an OpenAI organization</h3>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} autoComplete="off" />
      </label>
      <label>
        Admin API key
        <input type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} required autoComplete="off" spellCheck={false} placeholder="sk-admin-…" />
      </label>
      <p className="muted">
        Needs an organization admin key with usage read access, from{' '}
        <a
          href={OPENAI_ADMIN_KEYS_URL}
          onClick={(e) => {
            e.preventDefault();
            void call('openExternal', { url: OPENAI_ADMIN_KEYS_URL });
          }}
        >
          OpenAI's admin keys page
        </a>
        . It is stored only in your system keychain.
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Testing key…' : 'Add account'}
      </button>
    </form>
  );
}
