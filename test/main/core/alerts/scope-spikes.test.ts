/**
 * Spikes per project and per API key (src/main/core/alerts/scope-spikes.ts), through the alert engine as a sync
 * leaves them: a key or project whose day is well above its own 14-day median (and above it by the floor) fires
 * once, naming the scope and what moved most within it; cents never fire; a day the whole account spikes fires
 * the account's alert alone. Histories are written as a sync would; every figure in the expected messages is
 * worked out here from the rows written.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dayRange } from '../../../../src/shared/dates';
import { microsToExact } from '../../../../src/shared/money';
import type { ProviderId } from '../../../../src/shared/providers';
import type { Notification } from '../../../../src/main/core/ports';
import type { CostRow, UsageRow } from '../../../../src/main/core/history/types';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { settingsFile } from '../../../../src/main/core/paths';
import { createTestSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { FakeKeychain } from '../../../support/fake-vault';
import { TestClock } from '../../../support/test-clock';

const ACC = 'acc_acme';
const NOW = '2026-11-21T10:00:00Z';
const SPIKE_DAY = '2026-11-20';
/** The 14 days before the spike day (the norm), and none of today: today is not stored. */
const NORM_DAYS = dayRange('2026-11-06', '2026-11-19');

const WEB = 'gpt-4o-2024-08-06';
const MINI = 'gpt-4o-mini-2024-07-18';

interface Spend {
  projectId: string;
  apiKeyId: string | null;
  lineItem: string;
  micros: number;
}

/** An ordinary day: four keys in three projects, $100.02 in all. */
const ORDINARY: Spend[] = [
  { projectId: 'proj_web', apiKeyId: 'key_ci', lineItem: `${MINI}, input`, micros: 10_000_000 },
  { projectId: 'proj_web', apiKeyId: 'key_app', lineItem: `${WEB}, input`, micros: 40_000_000 },
  { projectId: 'proj_data', apiKeyId: 'key_etl', lineItem: `${WEB}, output`, micros: 50_000_000 },
  { projectId: 'proj_lab', apiKeyId: 'key_tiny', lineItem: `${MINI}, output`, micros: 20_000 },
];

const costRow = (s: Spend): CostRow => ({
  projectId: s.projectId,
  lineItem: s.lineItem,
  amount: microsToExact(s.micros),
  currency: 'usd',
  quantity: null,
  apiKeyId: s.apiKeyId,
});

describe('spikes per project and per API key', () => {
  let dataDir: string;
  let clock: TestClock;
  let core: TestSpendwatch;
  let notified: Notification[];

  const makeCore = () =>
    createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock,
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
      notifier: { notify: (n) => notified.push(n) },
    });

  const setUp = (provider: ProviderId) => {
    core.services.settings.update((s) => {
      s.accounts.push({ id: ACC, name: 'Acme Prod', provider, baseUrl: 'x', keyHint: 'sk-admin-…abcd', createdAt: '' });
    });
    const key = (name: string, projectId: string) => ({ name, owner: null, projectId, lastUsedAt: null });
    core.services.history.writeState(ACC, {
      ...core.services.history.readState(ACC),
      lastSuccessAt: clock.now().toISOString(),
      backfilledFrom: '2025-12-01',
      rowsFormat: 2,
      projects: { proj_web: 'Web app', proj_data: 'Data pipeline', proj_lab: 'Research lab' },
      apiKeys: {
        key_ci: key('CI bot', 'proj_web'),
        key_app: key('Web backend', 'proj_web'),
        key_etl: key('Nightly ETL', 'proj_data'),
        key_tiny: key('Tiny script', 'proj_lab'),
      },
    });
  };

  /** Writes days of costs (and usage) into the account's history, as a sync would. */
  const write = (costs: Record<string, CostRow[]>, usage: Record<string, UsageRow[]> = {}) => {
    const { history } = core.services.history.load(ACC);
    history.replaceCosts(new Map(Object.entries(costs)));
    if (Object.keys(usage).length) history.replaceUsage(new Map(Object.entries(usage)));
    core.services.history.save(ACC);
  };
  /** The norm days ordinary, and the spike day ordinary but for `changes` (same key and line item replaced, others added). */
  const spendWith = (changes: Spend[]) => {
    const costs: Record<string, CostRow[]> = Object.fromEntries(NORM_DAYS.map((d) => [d, ORDINARY.map(costRow)]));
    const same = (a: Spend, b: Spend) =>
      a.apiKeyId === b.apiKeyId && a.lineItem === b.lineItem && a.projectId === b.projectId;
    const day = ORDINARY.filter((o) => !changes.some((c) => same(c, o)));
    costs[SPIKE_DAY] = [...day, ...changes].map(costRow);
    write(costs);
  };
  const spikes = () => core.alerts.evaluate().filter((a) => a.kind === 'spike');

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sw-scope-spikes-'));
    clock = new TestClock(new Date(NOW));
    notified = [];
    core = makeCore();
  });

  it('a key well above its own median fires once, scoped to the key, naming it and the project and model that moved', () => {
    setUp('openai');
    // CI bot: $10 of mini a day, then $10 of mini and $50 of gpt-4o: $60, 6× its median. Its project goes from $50
    // to $100 (2×) and the account from $100.02 to $150.02 (1.5×): neither is a spike.
    spendWith([{ projectId: 'proj_web', apiKeyId: 'key_ci', lineItem: `${WEB}, input`, micros: 50_000_000 }]);
    const raised = spikes();
    expect(raised.map((a) => a.scope)).toEqual(['api-key:key_ci']);
    expect(raised[0]).toMatchObject({
      key: `spike|${ACC}|api-key:key_ci|-|${SPIKE_DAY}`,
      day: SPIKE_DAY,
      period: '2026-11',
      severity: 'warning',
      estimate: false,
      title: 'Unusual spend on API key CI bot (Acme Prod)',
    });
    // Within the key: its project rose by $60 − $10, and gpt-4o (none before) by $50; mini did not move.
    expect(raised[0].message).toBe(
      'API key CI bot has spent $60.00 on Nov 20 (UTC), 6.0× its usual $10.00 a day. Most of the rise: project Web app (+$50.00), model gpt-4o-2024-08-06 (+$50.00). Check for a runaway job or a leaked key.',
    );
    expect(notified.map((n) => n.title)).toEqual(['Unusual spend on API key CI bot (Acme Prod)']);

    // Evaluated again the same day (the next poll), and after a restart: not again.
    expect(spikes()).toEqual([]);
    core = makeCore();
    expect(spikes()).toEqual([]);
    expect(core.alerts.list().alerts.filter((a) => a.kind === 'spike')).toHaveLength(1);
  });

  it('a project well above its own median fires for the project, and its one key for the key', () => {
    setUp('openai');
    // Tiny script (the lab's only key): $0.02 a day, then $30 — the lab goes from $0.02 to $30 as well. The account
    // goes from $100.02 to $130 (1.3×).
    spendWith([{ projectId: 'proj_lab', apiKeyId: 'key_tiny', lineItem: `${MINI}, output`, micros: 30_000_000 }]);
    const raised = spikes();
    expect(raised.map((a) => a.scope).sort()).toEqual(['api-key:key_tiny', 'project:proj_lab']);
    const project = raised.find((a) => a.scope === 'project:proj_lab')!;
    expect(project.title).toBe('Unusual spend on project Research lab (Acme Prod)');
    expect(project.message).toBe(
      'Project Research lab has spent $30.00 on Nov 20 (UTC), 1500.0× its usual $0.02 a day. Most of the rise: API key Tiny script (+$29.98), model gpt-4o-mini-2024-07-18 (+$29.98). Check for a runaway job or a leaked key.',
    );
    const key = raised.find((a) => a.scope === 'api-key:key_tiny')!;
    expect(key.message).toMatch(
      /^API key Tiny script has spent \$30\.00 on Nov 20 \(UTC\), 1500\.0× its usual \$0\.02 a day\. Most of the rise: project Research lab \(\+\$29\.98\), model gpt-4o-mini-2024-07-18 \(\+\$29\.98\)\./,
    );
  });

  it('a name that already says what it is is not prefixed again ("Project 2", not "project Project 2")', () => {
    setUp('openai');
    core.services.history.writeState(ACC, {
      ...core.services.history.readState(ACC),
      projects: { proj_web: 'Web app', proj_data: 'Data pipeline', proj_lab: 'Project 2' },
    });
    spendWith([{ projectId: 'proj_lab', apiKeyId: 'key_tiny', lineItem: `${MINI}, output`, micros: 30_000_000 }]);
    const raised = spikes();
    const project = raised.find((a) => a.scope === 'project:proj_lab')!;
    expect(project.title).toBe('Unusual spend on Project 2 (Acme Prod)');
    expect(project.message).toMatch(/^Project 2 has spent \$30\.00 on Nov 20 \(UTC\)/);
    const key = raised.find((a) => a.scope === 'api-key:key_tiny')!;
    expect(key.message).toContain('Most of the rise: Project 2 (+$29.98), model');
    expect(raised.map((a) => `${a.title} ${a.message}`).join(' ')).not.toMatch(/project Project/i);
  });

  it('a small key never fires on cents: doubling, or 45 times its median, below the floor', () => {
    setUp('openai');
    spendWith([{ projectId: 'proj_lab', apiKeyId: 'key_tiny', lineItem: `${MINI}, output`, micros: 40_000 }]);
    expect(spikes()).toEqual([]);
    // $0.90: 45× its $0.02, but only $0.88 above it — under the $5 floor.
    spendWith([{ projectId: 'proj_lab', apiKeyId: 'key_tiny', lineItem: `${MINI}, output`, micros: 900_000 }]);
    expect(spikes()).toEqual([]);
    // A large key doubling ($40 → $80, +$40) is no spike either: under 2.5× its median.
    spendWith([{ projectId: 'proj_web', apiKeyId: 'key_app', lineItem: `${WEB}, input`, micros: 80_000_000 }]);
    expect(spikes()).toEqual([]);
  });

  it('on a day the whole account spikes, only the account alert fires, and it names the key, project and model', () => {
    setUp('openai');
    // Nightly ETL: $50 → $400. The account: $100.02 → $450.02 (4.5×). The key and its project spike too, but one
    // rise alerts once.
    spendWith([{ projectId: 'proj_data', apiKeyId: 'key_etl', lineItem: `${WEB}, output`, micros: 400_000_000 }]);
    const raised = spikes();
    expect(raised.map((a) => a.scope)).toEqual(['account']);
    // gpt-4o: $90 a day (key_app's input and key_etl's output), then $440: +$350, as much as the key and project.
    expect(raised[0].message).toBe(
      'Acme Prod has spent $450.02 on Nov 20 (UTC), 4.5× its usual $100.02 a day. Most of the rise: API key Nightly ETL (+$350.00), project Data pipeline (+$350.00), model gpt-4o-2024-08-06 (+$350.00). Check for a runaway job or a leaked key.',
    );
    expect(spikes()).toEqual([]);
  });

  it("Anthropic: a key's spend estimated from its usage spikes on its own, said to be an estimate", () => {
    setUp('anthropic');
    // Costs are not per key (the cost report cannot be grouped by key): $20 of Sonnet input a day, used 1M tokens
    // each by key_ci and key_app; $100 of Opus output used by key_etl. On the spike day Sonnet input costs $80,
    // of which key_ci used 7M tokens and key_app 1M: key_ci $70 (7× its $10), key_app $10, the account $180 (1.5×).
    const row = (lineItem: string, micros: number, projectId = 'proj_web'): CostRow => ({
      projectId,
      lineItem,
      amount: microsToExact(micros),
      currency: 'usd',
      quantity: null,
    });
    const use = (apiKeyId: string, model: string, input: number, output: number, projectId = 'proj_web'): UsageRow => ({
      model,
      inputTokens: input,
      outputTokens: output,
      cachedTokens: 0,
      requests: 0,
      apiKeyId,
      projectId,
      serviceTier: 'standard',
    });
    const costs: Record<string, CostRow[]> = {};
    const usage: Record<string, UsageRow[]> = {};
    for (const d of NORM_DAYS) {
      costs[d] = [
        row('claude-sonnet-4, input tokens', 20_000_000),
        row('claude-opus-4, output tokens', 100_000_000, 'proj_data'),
      ];
      usage[d] = [
        use('key_ci', 'claude-sonnet-4', 1_000_000, 0),
        use('key_app', 'claude-sonnet-4', 1_000_000, 0),
        use('key_etl', 'claude-opus-4', 0, 50_000, 'proj_data'),
      ];
    }
    costs[SPIKE_DAY] = [
      row('claude-sonnet-4, input tokens', 80_000_000),
      row('claude-opus-4, output tokens', 100_000_000, 'proj_data'),
    ];
    usage[SPIKE_DAY] = [
      use('key_ci', 'claude-sonnet-4', 7_000_000, 0),
      use('key_app', 'claude-sonnet-4', 1_000_000, 0),
      use('key_etl', 'claude-opus-4', 0, 50_000, 'proj_data'),
    ];
    write(costs, usage);
    const raised = spikes();
    // proj_web goes from $20 to $80 (4×, +$60): a project spike of its own, billed.
    expect(raised.map((a) => [a.scope, a.estimate]).sort()).toEqual([
      ['api-key:key_ci', true],
      ['project:proj_web', false],
    ]);
    const key = raised.find((a) => a.scope === 'api-key:key_ci')!;
    expect(key.title).toBe('Unusual spend on API key CI bot (Acme Prod)');
    expect(key.message).toMatch(
      /^API key CI bot has spent an estimated \$70\.00 on Nov 20 \(UTC\), 7\.0× its usual \$10\.00 a day\./,
    );
    expect(spikes()).toEqual([]);
  });

  it("Anthropic: a key's spike names the model and workspace that moved", () => {
    setUp('anthropic');
    const row = (lineItem: string, micros: number, projectId = 'proj_web'): CostRow => ({
      projectId,
      lineItem,
      amount: microsToExact(micros),
      currency: 'usd',
      quantity: null,
    });
    const use = (apiKeyId: string, model: string, input: number): UsageRow => ({
      model,
      inputTokens: input,
      outputTokens: 0,
      cachedTokens: 0,
      requests: 0,
      apiKeyId,
      projectId: 'proj_web',
      serviceTier: 'standard',
    });
    const costs: Record<string, CostRow[]> = {};
    const usage: Record<string, UsageRow[]> = {};
    for (const d of NORM_DAYS) {
      costs[d] = [
        row('claude-sonnet-4, input tokens', 20_000_000),
        row('claude-opus-4, output tokens', 100_000_000, 'proj_data'),
      ];
      usage[d] = [use('key_ci', 'claude-sonnet-4', 1_000_000), use('key_app', 'claude-sonnet-4', 1_000_000)];
    }
    costs[SPIKE_DAY] = [
      row('claude-sonnet-4, input tokens', 80_000_000),
      row('claude-opus-4, output tokens', 100_000_000, 'proj_data'),
    ];
    usage[SPIKE_DAY] = [use('key_ci', 'claude-sonnet-4', 7_000_000), use('key_app', 'claude-sonnet-4', 1_000_000)];
    write(costs, usage);
    const key = spikes().find((a) => a.scope === 'api-key:key_ci')!;
    expect(key.message).toMatch(/Most of the rise: .*model claude-sonnet-4/);
  });
});
