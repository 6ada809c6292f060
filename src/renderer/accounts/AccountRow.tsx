/** One account in Settings › Accounts: its sync state, and test, replace key, rename, remove. */
import { useEffect, useRef, useState } from 'react';
import type { AccountInfo, AccountSummary } from '../../shared/domain';
import { PROVIDERS } from '../../shared/providers';
import { call } from '../lib/bridge';
import { LinkedText } from '../lib/ui/links';
import { ConfirmDialog } from '../lib/ui/ModalDialog';
import { localDateTime } from '../lib/format';
import { afterRender } from '../lib/hooks/focus';
import { RenameForm, ReplaceKeyForm } from './AccountForms';

export function AccountRow({ account, summary }: { account: AccountInfo; summary: AccountSummary | undefined }) {
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
