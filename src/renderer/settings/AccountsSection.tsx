/** Settings › Accounts: add (write-only key field, key type recognised as typed), test, rename, remove. */
import { useState, type FormEvent } from 'react';
import type { AccountInfo, AccountSummary } from '../../shared/domain';
import { OPENAI_ADMIN_KEYS_URL } from '../../shared/links';
import { detectOpenAiKeyKind } from '../../shared/masking';
import { call } from '../bridge';
import { ExternalLink } from '../components/links';
import { localDateTime } from '../format';

const KEY_HINT: Record<string, string> = {
  admin: 'An organization admin key: this is the right kind.',
  project: 'This is a project key (sk-proj-…): it cannot read costs. Use an organization admin key (sk-admin-…).',
  'service-account': 'This is a service-account key: it cannot read costs. Use an organization admin key (sk-admin-…).',
  user: 'This is a user API key: it cannot read costs. Use an organization admin key (sk-admin-…).',
  unknown: 'OpenAI admin keys start with sk-admin-.',
};

export function AccountsSection({ accounts, summaries }: { accounts: AccountInfo[]; summaries: AccountSummary[] }) {
  return (
    <section className="panel" id="accounts" aria-labelledby="accounts-title">
      <h2 id="accounts-title" tabIndex={-1}>Accounts</h2>
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

function AccountRow({ account, summary }: { account: AccountInfo; summary: AccountSummary | undefined }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(account.name);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await call('renameAccount', { accountId: account.id, name });
      setRenaming(false);
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <li className="account-row">
      <div>
        {renaming ? (
          <form onSubmit={rename} className="inline-form">
            <label>
              New name for {account.name}
              <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} />
            </label>
            <button type="submit">Save name</button>
            <button type="button" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <strong>{account.name}</strong>
        )}{' '}
        <span className="muted">{account.keyHint}</span>
        <p className="muted">
          {summary?.lastError ? (
            <span className="status-problem">Last sync failed: {summary.lastError.message}</span>
          ) : summary?.lastSyncedAt ? (
            `Last synced ${localDateTime(summary.lastSyncedAt)}`
          ) : (
            'Not synced yet'
          )}
        </p>
        {status && (
          <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'status-ok' : 'field-error'}>
            {status.text}
          </p>
        )}
      </div>
      <div className="row-actions">
        <button type="button" onClick={() => call('testAccount', { accountId: account.id }).then((r) => setStatus({ ok: r.ok, text: r.message }))}>
          Test connection
        </button>
        {!renaming && (
          <button type="button" onClick={() => setRenaming(true)}>
            Rename
          </button>
        )}
        <button
          type="button"
          aria-label={`Remove ${account.name}`}
          onClick={() => {
            if (window.confirm(`Remove ${account.name}? Its key is deleted from the keychain and its local history is removed.`)) {
              call('removeAccount', { accountId: account.id }).catch((e: Error) => setStatus({ ok: false, text: e.message }));
            }
          }}
        >
          Remove
        </button>
      </div>
    </li>
  );
}

function AddAccountForm() {
  const [name, setName] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = apiKey.trim() ? detectOpenAiKeyKind(apiKey) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('addAccount', { name, provider: 'openai', apiKey });
      setName('');
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
        <input type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} required autoComplete="off" spellCheck={false} placeholder="sk-admin-…" aria-describedby="key-kind" />
      </label>
      <p id="key-kind" className={kind && kind !== 'admin' ? 'field-error' : 'muted'}>
        {kind
          ? KEY_HINT[kind]
          : 'Needs an organization admin key with read access to usage. It is stored only in your system keychain and never shown again.'}{' '}
        <ExternalLink href={OPENAI_ADMIN_KEYS_URL}>
          Create one on OpenAI
        </ExternalLink>
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
