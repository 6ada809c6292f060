/** Deterministic fake Anthropic organisations for tests. */
import type { FakeAnthropicOrganisation } from './fake-anthropic-server';
import { utcDay } from '../fake-openai/organisations';

/** Two named workspaces (one archived), the default workspace, amounts in cents with many fraction digits. */
export function anthropicOrganisation(days = 40, now = new Date()): FakeAnthropicOrganisation {
  const org: FakeAnthropicOrganisation = {
    workspaces: [
      { id: 'wrkspc_01Research', name: 'Research' },
      { id: 'wrkspc_01Support', name: 'Support bot', archived: true },
    ],
    costs: {},
    usage: {},
  };
  for (let i = -(days - 1); i <= 0; i++) {
    const day = utcDay(i, now);
    const n = i + days;
    org.costs[day] = [
      {
        workspaceId: 'wrkspc_01Research',
        description: 'claude-sonnet-4 input tokens',
        cents: `${1234 + n}.5678912345`,
      },
      { workspaceId: 'wrkspc_01Research', description: 'claude-sonnet-4 output tokens', cents: `${n * 17}.05` },
      { workspaceId: 'wrkspc_01Support', description: 'claude-haiku-4 input tokens', cents: '0.0000015' },
      { workspaceId: null, description: 'claude-opus-4 input tokens', cents: `${n}.125` },
      { workspaceId: null, description: 'web search', cents: '1' },
    ];
    org.usage[day] = [
      { model: 'claude-sonnet-4', uncachedInput: 1000 + n, cacheRead: 200, output: 300 },
      { model: 'claude-opus-4', uncachedInput: 50, cacheRead: 0, output: 10 },
    ];
  }
  return org;
}
