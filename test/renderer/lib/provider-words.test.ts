import { describe, expect, it } from 'vitest';
import { groupNoun, invoiceOwners, shownProviders } from '../../../src/renderer/lib/provider-words';

const openai = { id: 'a', provider: 'openai' as const };
const anthropic = { id: 'b', provider: 'anthropic' as const };

describe('the word for a group of spend', () => {
  it('follows the provider of the accounts shown', () => {
    expect(groupNoun([openai, anthropic], 'a')).toEqual({ singular: 'project', plural: 'projects' });
    expect(groupNoun([openai, anthropic], 'b')).toEqual({ singular: 'workspace', plural: 'workspaces' });
    expect(groupNoun([anthropic], 'all')).toEqual({ singular: 'workspace', plural: 'workspaces' });
    expect(groupNoun([openai, anthropic], 'all')).toEqual({
      singular: 'project/workspace',
      plural: 'projects/workspaces',
    });
    expect(groupNoun([], 'all')).toEqual({ singular: 'project', plural: 'projects' });
  });
});

describe('whose invoices the months follow', () => {
  it('names the provider of the accounts shown, never OpenAI on an Anthropic account', () => {
    expect(invoiceOwners(shownProviders([openai, anthropic], 'b'))).toBe('Anthropic’s invoices');
    expect(invoiceOwners(shownProviders([openai, anthropic], 'a'))).toBe('OpenAI’s invoices');
    expect(invoiceOwners(shownProviders([openai, anthropic], 'all'))).toBe('OpenAI’s and Anthropic’s invoices');
    expect(invoiceOwners([])).toBe('the provider’s invoices');
  });
});
