import { describe, expect, it } from 'vitest';
import { shownProviders } from '../../../src/renderer/lib/provider-words';

describe('links to the providers of the accounts shown', () => {
  const accounts = [
    { id: 'a', provider: 'openai' as const },
    { id: 'b', provider: 'anthropic' as const },
  ];
  it('links Anthropic pages for an Anthropic account, both for all accounts, OpenAI for the demo', () => {
    expect(shownProviders(accounts, 'b').map((p) => p.links.billing)).toEqual([
      'https://console.anthropic.com/settings/billing',
    ]);
    expect(shownProviders(accounts, 'all').map((p) => p.name)).toEqual(['OpenAI', 'Anthropic']);
    expect(shownProviders([], 'all').map((p) => p.name)).toEqual(['OpenAI']);
  });
});
