/**
 * Settings › Accounts: add (provider choice, write-only key field, key type recognised as typed by the
 * provider registry), test, replace the key (tested before it is stored, history kept), rename, remove.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AccountInfo, AccountSummary, ProviderId } from '../../shared/domain';
import { PROVIDERS } from '../../shared/providers';
import { call } from '../lib/bridge';
import { ExternalLink, LinkedText } from '../lib/ui/links';
import { ConfirmDialog } from '../lib/ui/ModalDialog';
import { localDateTime } from '../lib/format';
import { afterRender } from '../lib/hooks/focus';
import { FieldError } from '../lib/ui/FieldError';

const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

/** What the registry says about a pasted key, as the person types: null until there is something to judge. */
export function keyVerdictText(provider: ProviderId, key: string): { ok: boolean; text: string } | null {
  if (!key.trim()) return null;
  const verdict = PROVIDERS[provider].checkKey(key);
  if (!verdict.ok) return { ok: false, text: verdict.reason };
  const info = PROVIDERS[provider];
  return key.trim().startsWith(info.keyExample.replace('…', ''))
    ? { ok: true, text: `An ${info.name} admin key: this is the right kind.` }
    : { ok: true, text: `Not a familiar ${info.name} key format; the test call will tell.` };
}

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

function AccountRow({ account, summary }: { account: AccountInfo; summary: AccountSummary | undefined }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'replace'>('view');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [removing, setRemoving] = useState<{ busy: boolean; error: string | null } | null>(null);
  /** Removed: when the row goes (the list reloads after the removal), focus must not fall to <body> with it. */
  const removed = useRef(false);
  useEffect(
    () => () => {
      if (removed.current && (!document.activeElement || document.activeElement === document.body))
        document.getElementById('accounts-title')?.focus();
    },
    [],
  );
  const provider = PROVIDERS[account.provider];
  const keyProblem =
    summary?.lastError && ['invalid_key', 'missing_scope', 'wrong_key_type'].includes(summary.lastError.code);
  /** Back to the row; focus on the status if there is news, else on the button that opened the form. */
  const close = (news: { ok: boolean; text: string } | null, from: 'rename' | 'replace') => {
    setMode('view');
    setStatus(news);
    afterRender(() => (news ? statusRef.current : from === 'rename' ? renameRef.current : replaceRef.current)?.focus());
  };
  return (
    <li className="account-row">
      <div className="account-main">
        <strong>{account.name}</strong> <span className="badge">{provider.name}</span>{' '}
        <span className="muted key-hint">{account.keyHint}</span>
        <p className="muted">
          {summary?.lastError ? (
            <span className="status-problem">
              Last sync failed: <LinkedText text={summary.lastError.message} />
            </span>
          ) : summary?.lastSyncedAt ? (
            `Last synced ${localDateTime(summary.lastSyncedAt)}`
          ) : (
            'Not synced yet'
          )}
        </p>
        {status && (
          <p
            role={status.ok ? 'status' : 'alert'}
            className={status.ok ? 'status-ok' : 'field-error'}
            tabIndex={-1}
            ref={statusRef}
          >
            {status.text}
          </p>
        )}
        {mode === 'rename' && <RenameForm account={account} onDone={(news) => close(news, 'rename')} />}
        {mode === 'replace' && <ReplaceKeyForm account={account} onDone={(news) => close(news, 'replace')} />}
      </div>
      {mode === 'view' && (
        <div className="row-actions">
          <button
            type="button"
            onClick={() =>
              call('testAccount', { accountId: account.id }).then((r) => setStatus({ ok: r.ok, text: r.message }))
            }
          >
            Test connection
          </button>
          <button
            type="button"
            ref={replaceRef}
            className={keyProblem ? 'button-primary' : undefined}
            onClick={() => setMode('replace')}
          >
            Replace key
          </button>
          <button type="button" ref={renameRef} onClick={() => setMode('rename')}>
            Rename
          </button>
          <button
            type="button"
            aria-label={`Remove ${account.name}`}
            onClick={() => setRemoving({ busy: false, error: null })}
          >
            Remove
          </button>
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${account.name}?`}
          message={`Its admin key is deleted from the keychain and its local history, budget and alerts are removed. ${provider.name} itself is not changed; you can add the account again with a key.`}
          confirmLabel={`Remove ${account.name}`}
          danger
          busy={removing.busy}
          error={removing.error}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            setRemoving({ busy: true, error: null });
            call('removeAccount', { accountId: account.id }).then(
              () => {
                removed.current = true;
                setRemoving(null);
                // The row (and the Remove button that opened the dialog) is gone: focus the section heading.
                afterRender(() => document.getElementById('accounts-title')?.focus());
              },
              (e: Error) => setRemoving({ busy: false, error: e.message }),
            );
          }}
        />
      )}
    </li>
  );
}

type Done = (news: { ok: boolean; text: string } | null) => void;

/** Escape cancels an inline form, as it closes a dialog. */
const escapeCancels = (onDone: Done) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') {
    e.preventDefault();
    onDone(null);
  }
};

function RenameForm({ account, onDone }: { account: AccountInfo; onDone: Done }) {
  const [name, setName] = useState(account.name);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => inputRef.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Enter a name');
      return inputRef.current?.focus();
    }
    try {
      await call('renameAccount', { accountId: account.id, name });
      onDone({ ok: true, text: `Renamed to ${name.trim()}.` });
    } catch (e) {
      setError((e as Error).message);
      inputRef.current?.focus();
    }
  };
  return (
    <form onSubmit={submit} className="inline-form" noValidate onKeyDown={escapeCancels(onDone)}>
      <div className="field">
        <label htmlFor={id}>New name for {account.name}</label>
        <input
          id={id}
          ref={inputRef}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={60}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <FieldError id={`${id}-error`} message={error ?? undefined} />
      </div>
      <button type="submit">Save name</button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}

function ReplaceKeyForm({ account, onDone }: { account: AccountInfo; onDone: Done }) {
  const provider = PROVIDERS[account.provider];
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const verdict = keyVerdictText(account.provider, apiKey);
  useEffect(() => inputRef.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !apiKey.trim()
      ? `Paste the new ${provider.name} admin key`
      : verdict && !verdict.ok
        ? verdict.text
        : null;
    if (problem) {
      setError(problem);
      return inputRef.current?.focus();
    }
    setBusy(true);
    setError(null);
    try {
      const info = await call('replaceAccountKey', { accountId: account.id, apiKey });
      onDone({
        ok: true,
        text: `New key ${info.keyHint} tested and stored in the keychain. History and budgets are kept; syncing now.`,
      });
    } catch (e) {
      setError((e as Error).message);
      inputRef.current?.focus();
    } finally {
      // The key never stays in the form, whatever happened.
      setApiKey('');
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={submit}
      className="form compact replace-key"
      noValidate
      onKeyDown={escapeCancels(onDone)}
      aria-label={`Replace the key of ${account.name}`}
    >
      <div className="field">
        <label htmlFor={id}>New admin key for {account.name}</label>
        <input
          id={id}
          ref={inputRef}
          type="password"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder={provider.keyExample}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
        <FieldError id={`${id}-error`} message={error ?? undefined} />
        <p id={`${id}-hint`} className={verdict && !verdict.ok ? 'field-error' : 'muted'}>
          {verdict && !error
            ? verdict.text
            : 'The old key stays until the new one is tested with one call. The key goes only to your system keychain and is never shown again.'}{' '}
          <ExternalLink href={provider.links.adminKeys}>Create one on {provider.name}</ExternalLink>
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Testing key…' : 'Test and replace key'}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AddAccountForm() {
  const [provider, setProvider] = useState<ProviderId>('openai');
  const [name, setName] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; apiKey?: string; save?: string }>({});
  const [added, setAdded] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const addedRef = useRef<HTMLParagraphElement>(null);
  const info = PROVIDERS[provider];
  const verdict = keyVerdictText(provider, apiKey);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const found = {
      name: name.trim() ? undefined : 'Enter a name for the account',
      apiKey: !apiKey.trim() ? `Paste the ${info.name} admin key` : verdict && !verdict.ok ? verdict.text : undefined,
    };
    setErrors(found);
    if (found.name) return nameRef.current?.focus();
    if (found.apiKey) return keyRef.current?.focus();
    setBusy(true);
    try {
      const account = await call('addAccount', { name, provider, apiKey });
      setName('');
      setAdded(`${account.name} added. Its history is being fetched; the dashboard shows it as soon as it arrives.`);
      afterRender(() => addedRef.current?.focus());
    } catch (e) {
      setErrors({ save: (e as Error).message });
      afterRender(() => keyRef.current?.focus());
    } finally {
      // The key never stays in the form, whatever happened.
      setApiKey('');
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby="add-account-title" noValidate>
      <h3 id="add-account-title">Add an account</h3>
      <fieldset className="provider-choice">
        <legend>Provider</legend>
        {PROVIDER_IDS.map((p) => (
          <label key={p} className="inline-check">
            <input type="radio" name="provider" value={p} checked={provider === p} onChange={() => setProvider(p)} />{' '}
            {PROVIDERS[p].name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="new-account-name">Name</label>
        <input
          id="new-account-name"
          ref={nameRef}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={60}
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'new-account-name-error' : undefined}
        />
        <FieldError id="new-account-name-error" message={errors.name} />
      </div>
      <div className="field">
        <label htmlFor="new-account-key">Admin API key</label>
        <input
          id="new-account-key"
          ref={keyRef}
          type="password"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder={info.keyExample}
          aria-invalid={errors.apiKey || errors.save ? true : undefined}
          aria-describedby={`key-kind${errors.apiKey ? ' new-account-key-error' : ''}`}
        />
        <FieldError id="new-account-key-error" message={errors.apiKey} />
      </div>
      <p id="key-kind" className={verdict && !verdict.ok ? 'field-error' : 'muted'}>
        {verdict
          ? verdict.text
          : `Needs ${info.keyHelp.replace(/, from .*$/, '')}. It is stored only in your system keychain and never shown again.`}{' '}
        <ExternalLink href={info.links.adminKeys}>Create one on {info.name}</ExternalLink>
      </p>
      {errors.save && (
        <p role="alert" className="field-error">
          {errors.save}
        </p>
      )}
      {added && (
        <p role="status" className="status-ok" tabIndex={-1} ref={addedRef}>
          {added}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Testing key…' : `Add ${info.name} account`}
      </button>
    </form>
  );
}
