import { describe, expect, it } from 'vitest';
import { groupNoun } from '../../../src/renderer/lib/provider-words';

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
