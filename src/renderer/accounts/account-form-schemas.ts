/**
 * What the account forms validate with: the key judged by the provider registry as it was typed, then the
 * addAccount / renameAccount / replaceAccountKey inputs checked by the IPC contract's own schemas.
 */
import type { ProviderId } from '../../shared/domain';
import { ipcContract, type ChannelInput } from '../../shared/ipc-contract';
import { PROVIDERS } from '../../shared/providers';
import { FORM_MESSAGES } from '../lib/form-messages';
import { formSchema, type Problem } from '../lib/form-schema';
import { keyVerdictText } from './key-verdict';

/** The key as typed: empty, or refused by the registry (the wrong provider's key, an ordinary API key…). */
function checkKey<V extends { apiKey: string }>(provider: ProviderId, apiKey: string, problem: Problem<V>) {
  const verdict = keyVerdictText(provider, apiKey);
  if (!apiKey.trim()) problem('apiKey', FORM_MESSAGES.pasteKey(PROVIDERS[provider].name));
  else if (verdict && !verdict.ok) problem('apiKey', verdict.text);
}

export interface AddAccountFields {
  provider: ProviderId;
  name: string;
  apiKey: string;
}

export const addAccountSchema = formSchema<AddAccountFields, ChannelInput<'addAccount'>>((f, problem) => {
  checkKey(f.provider, f.apiKey, problem);
  return { name: f.name, provider: f.provider, apiKey: f.apiKey };
}, ipcContract.addAccount.input);

export const renameAccountSchema = (accountId: string) =>
  formSchema<{ name: string }, ChannelInput<'renameAccount'>>(
    (f) => ({ accountId, name: f.name }),
    ipcContract.renameAccount.input,
  );

export const replaceKeySchema = (accountId: string, provider: ProviderId) =>
  formSchema<{ apiKey: string }, ChannelInput<'replaceAccountKey'>>((f, problem) => {
    checkKey(provider, f.apiKey, problem);
    return { accountId, apiKey: f.apiKey };
  }, ipcContract.replaceAccountKey.input);
