/**
 * The account forms of Settings › Accounts: add (provider choice, write-only key field, key type recognised as
 * typed), rename, replace the key. On react-hook-form, checked by the IPC contract's schemas
 * (account-form-schemas.ts). A key that was accepted leaves the form at once; one that was refused stays (it is a
 * password field, never shown), so fixing the name or trying again does not mean pasting it again.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { AccountInfo, ProviderId } from '../../shared/domain';
import type { ChannelInput } from '../../shared/ipc-contract';
import { PROVIDERS } from '../../shared/providers';
import { call } from '../lib/bridge';
import { useSchemaForm } from '../lib/form';
import { afterRender } from '../lib/hooks/focus';
import { ExternalLink } from '../lib/ui/links';
import { fieldAria, FieldError } from '../lib/ui/FieldError';
import type { AddAccountFields } from './account-form-schemas';
import { keyVerdictText } from './key-verdict';

const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];
const schemas = () => import('./account-form-schemas');
const focusById = (id: string) => document.getElementById(id)?.focus();

type Done = (news: { ok: boolean; text: string } | null) => void;

/** Escape cancels an inline form, as it closes a dialog. */
const escapeCancels = (onDone: Done) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') {
    e.preventDefault();
    onDone(null);
  }
};

export function RenameForm({ account, onDone }: { account: AccountInfo; onDone: Done }) {
  const id = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useSchemaForm<{ name: string }, ChannelInput<'renameAccount'>>(
    () => schemas().then((m) => m.renameAccountSchema(account.id)),
    { name: account.name },
  );
  useEffect(() => focusById(id), [id]);
  const submit = handleSubmit(async (input) => {
    try {
      await call('renameAccount', input);
      onDone({ ok: true, text: `Renamed to ${input.name.trim()}.` });
    } catch (e) {
      setError('name', { message: (e as Error).message });
      focusById(id);
    }
  });
  const error = errors.name?.message;
  return (
    <form onSubmit={(e) => void submit(e)} className="inline-form" noValidate onKeyDown={escapeCancels(onDone)}>
      <div className="field">
        <label htmlFor={id}>New name for {account.name}</label>
        <input id={id} {...register('name')} maxLength={60} {...fieldAria(id, error)} />
        <FieldError id={`${id}-error`} message={error} />
      </div>
      <button type="submit">Save name</button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}

export function ReplaceKeyForm({ account, onDone }: { account: AccountInfo; onDone: Done }) {
  const provider = PROVIDERS[account.provider];
  const id = useId();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting },
  } = useSchemaForm<{ apiKey: string }, ChannelInput<'replaceAccountKey'>>(
    () => schemas().then((m) => m.replaceKeySchema(account.id, account.provider)),
    { apiKey: '' },
  );
  const verdict = keyVerdictText(account.provider, watch('apiKey'));
  const error = errors.apiKey?.message;
  useEffect(() => focusById(id), [id]);
  const submit = handleSubmit(async (input) => {
    try {
      const info = await call('replaceAccountKey', input);
      // Stored in the keychain: the form keeps no copy.
      setValue('apiKey', '');
      onDone({
        ok: true,
        text: `New key ${info.keyHint} tested and stored in the keychain. History and budgets are kept; syncing now.`,
      });
    } catch (e) {
      // The refused key stays (masked) so it can be tried again or corrected; the message says what to do.
      setError('apiKey', { message: (e as Error).message });
      focusById(id);
    }
  });
  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="form compact replace-key"
      noValidate
      onKeyDown={escapeCancels(onDone)}
      aria-label={`Replace the key of ${account.name}`}
    >
      <div className="field">
        <label htmlFor={id}>New admin key for {account.name}</label>
        <input
          id={id}
          type="password"
          {...register('apiKey')}
          autoComplete="off"
          spellCheck={false}
          placeholder={provider.keyExample}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
        <FieldError id={`${id}-error`} message={error} />
        <p id={`${id}-hint`} className={verdict && !verdict.ok ? 'field-error' : 'muted'}>
          {verdict && !error
            ? verdict.text
            : 'The old key stays until the new one is tested with one call. The key goes only to your system keychain and is never shown again.'}{' '}
          <ExternalLink href={provider.links.adminKeys}>Create one on {provider.name}</ExternalLink>
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Testing key…' : 'Test and replace key'}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function AddAccountForm() {
  const [added, setAdded] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting },
  } = useSchemaForm<AddAccountFields, ChannelInput<'addAccount'>>(() => schemas().then((m) => m.addAccountSchema), {
    provider: 'openai',
    name: '',
    apiKey: '',
  });
  const provider = watch('provider');
  const info = PROVIDERS[provider];
  const verdict = keyVerdictText(provider, watch('apiKey'));

  const submit = handleSubmit(async (input) => {
    try {
      const account = await call('addAccount', input);
      // Stored in the keychain: the form keeps no copy.
      setValue('name', '');
      setValue('apiKey', '');
      setAdded(`${account.name} added. Its history is being fetched; the dashboard shows it as soon as it arrives.`);
      afterRender(() => focusById('new-account-added'));
    } catch (e) {
      // Nothing was added: what was typed stays (the key masked), so a fix or a second try needs no new paste.
      setError('root', { message: (e as Error).message });
      afterRender(() => focusById('new-account-key'));
    }
  });

  return (
    <form
      className="form"
      onSubmit={(e) => {
        setAdded(null);
        void submit(e);
      }}
      aria-labelledby="add-account-title"
      noValidate
    >
      <h3 id="add-account-title">Add an account</h3>
      <fieldset className="provider-choice">
        <legend>Provider</legend>
        {PROVIDER_IDS.map((p) => (
          <label key={p} className="inline-check">
            <input type="radio" value={p} {...register('provider')} /> {PROVIDERS[p].name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="new-account-name">Name</label>
        <input
          id="new-account-name"
          {...register('name')}
          maxLength={60}
          autoComplete="off"
          {...fieldAria('new-account-name', errors.name?.message)}
        />
        <FieldError id="new-account-name-error" message={errors.name?.message} />
      </div>
      <div className="field">
        <label htmlFor="new-account-key">Admin API key</label>
        <input
          id="new-account-key"
          type="password"
          {...register('apiKey')}
          autoComplete="off"
          spellCheck={false}
          placeholder={info.keyExample}
          aria-invalid={errors.apiKey || errors.root ? true : undefined}
          aria-describedby={`key-kind${errors.apiKey ? ' new-account-key-error' : ''}`}
        />
        <FieldError id="new-account-key-error" message={errors.apiKey?.message} />
      </div>
      <p id="key-kind" className={verdict && !verdict.ok ? 'field-error' : 'muted'}>
        {verdict
          ? verdict.text
          : `Needs ${info.keyHelp.replace(/, from .*$/, '')}. It is stored only in your system keychain and never shown again.`}{' '}
        <ExternalLink href={info.links.adminKeys}>Create one on {info.name}</ExternalLink>
      </p>
      {errors.root?.message && (
        <p role="alert" className="field-error">
          {errors.root.message}
        </p>
      )}
      {added && (
        <p role="status" className="status-ok" tabIndex={-1} id="new-account-added">
          {added}
        </p>
      )}
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Testing key…' : `Add ${info.name} account`}
      </button>
    </form>
  );
}
