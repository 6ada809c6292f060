/**
 * What to call a group of spend on screen: OpenAI says "project", Anthropic "workspace". A view over several
 * providers says "project/workspace", so no one reads an Anthropic workspace as a missing OpenAI project.
 */
import type { AccountSummary } from '../../shared/domain';
import { PROVIDERS, type ProviderInfo } from '../../shared/providers';

export interface GroupNoun {
  singular: string;
  plural: string;
}

export function groupNoun(accounts: Pick<AccountSummary, 'id' | 'provider'>[], accountId: string = 'all'): GroupNoun {
  const shown = accountId === 'all' ? accounts : accounts.filter((a) => a.id === accountId);
  const nouns = [...new Set(shown.map((a) => PROVIDERS[a.provider].projectNoun))];
  if (nouns.length === 1) return { singular: nouns[0], plural: `${nouns[0]}s` };
  if (nouns.length === 0) return { singular: 'project', plural: 'projects' };
  return { singular: 'project/workspace', plural: 'projects/workspaces' };
}

export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The providers of the accounts shown (OpenAI for the demo or no account): whose consoles the links open. */
export function shownProviders(
  accounts: Pick<AccountSummary, 'id' | 'provider'>[],
  accountId: string = 'all',
): ProviderInfo[] {
  const shown = accountId === 'all' ? accounts : accounts.filter((a) => a.id === accountId);
  const ids = [...new Set(shown.map((a) => a.provider))];
  return (ids.length ? ids : (['openai'] as const)).map((id) => PROVIDERS[id]);
}

/** Whose invoices the months follow: each provider's own name, never "OpenAI's" on an Anthropic account. */
export function invoiceOwners(providers: Pick<ProviderInfo, 'name'>[]): string {
  const names = [...new Set(providers.map((p) => p.name))];
  if (names.length === 0) return 'the provider’s invoices';
  const owners = names.map((n) => `${n}’s`);
  return `${owners.length > 1 ? `${owners.slice(0, -1).join(', ')} and ${owners.at(-1)}` : owners[0]} invoices`;
}
