/**
 * One constructor per provider id. The record is typed by ProviderId, so adding a provider to the registry is a
 * compile error here until it can be built.
 */
import type { ProviderId } from '../../../shared/domain';
import type { Clock } from '../ports';
import type { StoredAccount } from '../settings/settings';
import { AnthropicProvider } from './anthropic/anthropic-provider';
import type { HttpOptions } from './http/json-http-client';
import { OpenAiProvider } from './openai/openai-provider';
import type { SpendProvider } from './provider';

export type ProviderFactory = (account: StoredAccount, apiKey: string) => SpendProvider;

type ProviderOptions = { apiKey: string; baseUrl: string; clock?: Clock } & HttpOptions;

const CONSTRUCTORS: Record<ProviderId, (options: ProviderOptions) => SpendProvider> = {
  openai: (options) => new OpenAiProvider(options),
  anthropic: (options) => new AnthropicProvider(options),
};

/** The factory the hosts use; `shared` carries host-wide settings such as the clock or a timeout. */
export function providerFactory(shared: { clock?: Clock } & HttpOptions = {}): ProviderFactory {
  return (account, apiKey) => CONSTRUCTORS[account.provider]({ apiKey, baseUrl: account.baseUrl, ...shared });
}
