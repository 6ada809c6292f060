import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../../../src/main/core/providers/anthropic/anthropic-provider';
import { exactToDecimal, exactToMicros } from '../../../../src/shared/money';
import { FakeAnthropicServer } from '../../../fake-anthropic/fake-anthropic-server';
import { anthropicOrganisation } from '../../../fake-anthropic/organisations';
import { FAST_RETRY, recordingSleep } from '../../../support/fast-retry';
import { TestClock } from '../../../support/test-clock';

const KEY = 'sk-ant-admin01-testkey000000000000000000';
const NOW = new Date('2026-11-21T10:00:00Z');

describe('AnthropicProvider against the loopback fake', () => {
  let server: FakeAnthropicServer;
  let baseUrl: string;
  const provider = (extra: Partial<ConstructorParameters<typeof AnthropicProvider>[0]> = {}) =>
    new AnthropicProvider({
      apiKey: KEY,
      baseUrl,
      retry: FAST_RETRY,
      sleep: recordingSleep().sleep,
      clock: new TestClock(NOW),
      ...extra,
    });

  beforeEach(async () => {
    server = new FakeAnthropicServer({
      [KEY]: anthropicOrganisation(70, NOW),
      'sk-ant-admin01-revoked0000000000000000000': 'revoked',
      'sk-ant-api03-ordinary00000000000000000000': 'no-permission',
    });
    baseUrl = await server.start();
  });
  afterEach(() => server.stop());

  it('asks for daily buckets grouped by workspace and description, 31 a page, following next_page', async () => {
    const { days } = await provider().fetchCosts({ from: '2026-09-13', toExclusive: '2026-11-22' });
    expect(days.size).toBe(70);
    const calls = server.requestsTo('/organizations/cost_report');
    expect(calls).toHaveLength(3); // 70 days = 31 + 31 + 8
    expect(calls[0].query.get('starting_at')).toBe('2026-09-13T00:00:00Z');
    expect(calls[0].query.get('ending_at')).toBe('2026-11-22T00:00:00Z');
    expect(calls[0].query.getAll('group_by[]')).toEqual(['workspace_id', 'description']);
    expect(calls[0].query.get('limit')).toBe('31');
    expect(calls[1].query.get('page')).toBeTruthy();
    expect(calls.every((c) => c.key === KEY && c.version === '2023-06-01')).toBe(true);
  });

  it('converts cents to dollars exactly and names the default workspace', async () => {
    const { days, projectNames, warnings } = await provider().fetchCosts({
      from: '2026-11-21',
      toExclusive: '2026-11-22',
    });
    const rows = days.get('2026-11-21')!;
    // "1304.5678912345" cents (n = 70) is $13.045678912345: the point moves two places, nothing is divided.
    expect(rows.map((r) => [r.projectId, r.lineItem, exactToDecimal(r.amount), r.currency])).toEqual([
      ['wrkspc_01Research', 'claude-sonnet-4, input tokens', '13.045678912345', 'usd'],
      ['wrkspc_01Research', 'claude-sonnet-4, output tokens', '11.9005', 'usd'],
      ['wrkspc_01Support', 'claude-haiku-4, input tokens', '0.000000015', 'usd'],
      ['default', 'claude-opus-4, input tokens', '0.70125', 'usd'],
      ['default', 'web search', '0.01', 'usd'],
    ]);
    expect(exactToMicros(rows.reduce((s, r) => s + r.amount, 0n))).toBe(25_657_429); // 25.657428927345 → rounded once
    expect(Object.fromEntries(projectNames)).toEqual({ default: 'Default workspace' });
    expect(warnings).toEqual([]);
  });

  it('lists workspace names, archived ones included', async () => {
    const names = await provider().listProjects();
    expect(Object.fromEntries(names)).toEqual({ wrkspc_01Research: 'Research', wrkspc_01Support: 'Support bot' });
    expect(server.requestsTo('/organizations/workspaces')[0].query.get('include_archived')).toBe('true');
  });

  it('reads token usage by model from the messages usage report', async () => {
    const usage = await provider().fetchUsage({ from: '2026-11-21', toExclusive: '2026-11-22' });
    expect(usage.get('2026-11-21')).toEqual([
      {
        model: 'claude-sonnet-4',
        inputTokens: 1270,
        outputTokens: 300,
        cachedTokens: 200,
        requests: 0,
        projectId: 'default',
        serviceTier: 'standard',
      },
      {
        model: 'claude-opus-4',
        inputTokens: 50,
        outputTokens: 10,
        cachedTokens: 0,
        requests: 0,
        projectId: 'default',
        serviceTier: 'standard',
      },
    ]);
  });

  it('retries 529 overloaded and 429 with retry-after, then succeeds', async () => {
    const sleeper = recordingSleep();
    server.addFault(529);
    server.addFault(429, { retryAfter: 2 });
    await provider({ sleep: sleeper.sleep }).testConnection();
    expect(sleeper.waits).toContain(2000);
    expect(server.requestsTo('/organizations/cost_report')).toHaveLength(3);
  });

  it('classifies a revoked key and an ordinary API key without retrying or echoing them', async () => {
    const revoked = provider({ apiKey: 'sk-ant-admin01-revoked0000000000000000000' });
    await expect(revoked.testConnection()).rejects.toMatchObject({ code: 'invalid_key' });
    const ordinary = provider({ apiKey: 'sk-ant-api03-ordinary00000000000000000000' });
    const error = await ordinary.testConnection().catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'missing_scope' });
    expect((error as Error).message).not.toContain('ordinary00000000');
    expect(server.requests).toHaveLength(2);
  });

  it('turns an unreadable amount into a warning naming the row, and keeps the rest', async () => {
    const org = server.keys[KEY] as ReturnType<typeof anthropicOrganisation>;
    org.costs['2026-11-21'].push({ workspaceId: 'wrkspc_01Research', description: 'mystery', cents: 'twelve' });
    const { days, warnings } = await provider().fetchCosts({ from: '2026-11-21', toExclusive: '2026-11-22' });
    expect(days.get('2026-11-21')).toHaveLength(5);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /Anthropic's cost report: skipped a cost row on 2026-11-21 \(workspace wrkspc_01Research, line item "mystery"\)/,
    );
  });
});
