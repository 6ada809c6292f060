/**
 * One constructor per provider id. The record is typed by ProviderId, so adding a provider to the registry is a
 * compile error here until it can be built. A provider's code (its HTTP client, its response schemas) is
 * loaded when the first one is built: commands that only read local history (`spendwatch status`) never
 * load it — see "CLI start-up" in the README.
 */
import type { ProviderId } from '../../../shared/domain';
import type { Clock } from '../ports';
import type { StoredAccount } from '../settings/settings';
import type { HttpOptions } from './http/json-http-client';
import type { SpendProvider } from './provider';

/** Builds the provider client for an account (tests pass their own, possibly synchronous, factory). */
export type ProviderFactory = (account: StoredAccount, apiKey: string) => SpendProvider | Promise<SpendProvider>;

type ProviderOptions = { apiKey: string; baseUrl: string; clock?: Clock } & HttpOptions;

const CONSTRUCTORS: Record<ProviderId, (options: ProviderOptions) => Promise<SpendProvider>> = {
  openai: async (options) => new (await import('./openai/openai-provider')).OpenAiProvider(options),
  anthropic: async (options) => new (await import('./anthropic/anthropic-provider')).AnthropicProvider(options),
};

/** The factory the hosts use; `shared` carries host-wide settings such as the clock or a timeout. */
export function providerFactory(shared: { clock?: Clock } & HttpOptions = {}): ProviderFactory {
  return (account, apiKey) => CONSTRUCTORS[account.provider]({ apiKey, baseUrl: account.baseUrl, ...shared });
}
