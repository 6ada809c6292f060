import { mkdtempSync } from 'node:fs';
import { trayText } from '../../../../src/main/electron/tray-text';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dayRange } from '../../../../src/shared/dates';
import type { Notification } from '../../../../src/main/core/ports';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { settingsFile } from '../../../../src/main/core/paths';
import { createTestSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import type { CostRow } from '../../../../src/main/core/history/types';
import { isSilenced } from '../../../../src/main/core/alerts/alert-engine';
import { FakeKeychain } from '../../../support/fake-vault';
import { TestClock } from '../../../support/test-clock';
import { costRow } from '../../../support/cost-row';

const ACC = 'acc_acme';
const row = (micros: number, projectId = 'proj_web'): CostRow => costRow(projectId, 'gpt-4o, input', micros);

describe('alert engine', () => {
  let dataDir: string;
  let clock: TestClock;
  let notified: Notification[];
  let core: TestSpendwatch;

  const makeCore = () =>
    createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock,
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
      notifier: { notify: (n) => notified.push(n) },
    });

  /** Writes a day's costs into the account's history, as a sync would. */
  const spend = (days: Record<string, number>) => {
    const { history } = core.services.history.load(ACC);
    history.replaceCosts(new Map(Object.entries(days).map(([d, m]) => [d, [row(m)]])));
    core.services.history.save(ACC);
  };
  /** Stores a budget without evaluating (the budget use case would): each test evaluates itself. */
  const storeBudget = (budget: {
    monthlyMicros: number;
    thresholds: number[];
    dailyMicros?: number;
    projects?: Record<string, number>;
  }) =>
    core.services.settings.update((s) => {
      s.budgets[ACC] = { dailyMicros: null, projects: {}, ...budget };
    });
  const evenly = (from: string, to: string, micros: number) =>
    Object.fromEntries(dayRange(from, to).map((d) => [d, micros]));

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sw-alerts-'));
    clock = new TestClock(new Date('2026-11-21T10:00:00Z'));
    notified = [];
    core = makeCore();
    core.services.settings.update((s) => {
      s.accounts.push({
        id: ACC,
        name: 'Acme Prod',
        provider: 'openai',
        baseUrl: 'x',
        keyHint: 'sk-admin-…abcd',
        createdAt: '',
      });
    });
    core.services.history.writeState(ACC, {
      ...core.services.history.readState(ACC),
      lastSuccessAt: clock.now().toISOString(),
      backfilledFrom: '2025-12-01',
      projects: { proj_web: 'Web app' },
    });
  });

  it('crosses 50% and 80% in one jump: each fires once, worded with figures and the run-out day', () => {
    spend({ ...evenly('2026-11-01', '2026-11-20', 20_000_000), '2026-11-21': 1_220_000 });
    storeBudget({ monthlyMicros: 500_000_000, thresholds: [50, 80, 100] });
    const raised = core.alerts.evaluate();
    const thresholds = raised.filter((a) => a.kind === 'budget-threshold');
    expect(thresholds.map((a) => a.threshold)).toEqual([50, 80]);
    expect(thresholds[1].message).toBe(
      'Acme Prod has used 80% of its $500.00 November budget ($401.22). At this pace it runs out on Nov 26.',
    );
    expect(thresholds[1].period).toBe('2026-11');
    expect(raised.find((a) => a.kind === 'forecast-over-budget')?.message).toMatch(
      /about \$600\.00 in November, over its \$500\.00 budget/,
    );
    expect(notified.map((n) => n.title)).toContain('Acme Prod: 80% of budget used');
    expect(notified.every((n) => n.accountId === ACC)).toBe(true);
  });

  it('never fires the same alert twice: not on the next evaluation, not after a restart', () => {
    spend(evenly('2026-11-01', '2026-11-21', 20_000_000));
    storeBudget({ monthlyMicros: 500_000_000, thresholds: [50, 80, 100] });
    expect(core.alerts.evaluate().length).toBeGreaterThan(0);
    expect(core.alerts.evaluate()).toEqual([]);
    core = makeCore();
    expect(core.alerts.evaluate()).toEqual([]);
    expect(core.alerts.list().alerts.filter((a) => a.kind === 'budget-threshold')).toHaveLength(2);
  });

  it('fires a crossing found late exactly once, and the next threshold when it is crossed', () => {
    spend(evenly('2026-11-01', '2026-11-10', 20_000_000));
    storeBudget({ monthlyMicros: 500_000_000, thresholds: [50, 80, 100] });
    expect(core.alerts.evaluate().filter((a) => a.kind === 'budget-threshold')).toEqual([]);
    spend(evenly('2026-11-11', '2026-11-13', 20_000_000)); // 260 = 52%
    expect(
      core.alerts
        .evaluate()
        .filter((a) => a.kind === 'budget-threshold')
        .map((a) => a.threshold),
    ).toEqual([50]);
    spend(evenly('2026-11-14', '2026-11-21', 40_000_000)); // 580 = 116%
    const next = core.alerts.evaluate().filter((a) => a.kind === 'budget-threshold');
    expect(next.map((a) => a.threshold)).toEqual([80, 100]);
    expect(next[1]).toMatchObject({ severity: 'critical', title: 'Acme Prod is over budget' });
    expect(next[1].message).toBe('Acme Prod has spent $580.00, 116% of its $500.00 November budget.');
  });

  it('re-evaluates a lowered budget, and re-arms thresholds when the budget is raised', () => {
    spend(evenly('2026-11-01', '2026-11-21', 20_000_000)); // $420
    storeBudget({ monthlyMicros: 1_000_000_000, thresholds: [50, 100] });
    expect(core.alerts.evaluate().filter((a) => a.kind === 'budget-threshold')).toEqual([]);
    const lowered = core.budgets.set(ACC, { monthlyMicros: 400_000_000, thresholds: [50, 100] });
    expect(lowered.alerts.filter((a) => a.kind === 'budget-threshold').map((a) => a.threshold)).toEqual([50, 100]);
    // Raised above spend: 100% is no longer crossed, so it re-arms; 50% still is, so it stays fired.
    expect(core.budgets.set(ACC, { monthlyMicros: 800_000_000, thresholds: [50, 100] }).alerts).toEqual([]);
    spend(evenly('2026-11-01', '2026-11-21', 40_000_000)); // $840
    expect(
      core.alerts
        .evaluate()
        .filter((a) => a.kind === 'budget-threshold')
        .map((a) => a.threshold),
    ).toEqual([100]);
  });

  it('starts clean in a new UTC month', () => {
    spend(evenly('2026-11-01', '2026-11-30', 20_000_000));
    storeBudget({ monthlyMicros: 100_000_000, thresholds: [50, 100] });
    expect(core.alerts.evaluate().filter((a) => a.kind === 'budget-threshold')).toHaveLength(2);
    clock.set('2026-12-01T00:30:00Z');
    spend({ '2026-12-01': 120_000_000 });
    const december = core.alerts.evaluate().filter((a) => a.kind === 'budget-threshold');
    expect(december.map((a) => [a.threshold, a.period])).toEqual([
      [50, '2026-12'],
      [100, '2026-12'],
    ]);
    expect(core.alerts.active().every((a) => a.period === '2026-12')).toBe(true);
  });

  it('forecast-over-budget waits for three complete days, then fires once per period', () => {
    clock.set('2026-11-03T12:00:00Z');
    spend({ '2026-11-01': 30_000_000, '2026-11-02': 30_000_000, '2026-11-03': 1_000_000 });
    storeBudget({ monthlyMicros: 500_000_000, thresholds: [100] });
    expect(core.alerts.evaluate()).toEqual([]);
    clock.set('2026-11-04T12:00:00Z');
    spend({ '2026-11-03': 30_000_000 });
    const raised = core.alerts.evaluate();
    expect(raised.map((a) => a.kind)).toEqual(['forecast-over-budget']);
    expect(raised[0].estimate).toBe(true);
    clock.set('2026-11-05T12:00:00Z');
    spend({ '2026-11-04': 30_000_000 });
    expect(core.alerts.evaluate()).toEqual([]);
  });

  it('daily budget: once per UTC day', () => {
    spend({ '2026-11-20': 60_000_000, '2026-11-21': 10_000_000 });
    storeBudget({ monthlyMicros: 10_000_000_000, thresholds: [100], dailyMicros: 50_000_000 });
    const raised = core.alerts.evaluate();
    expect(raised.map((a) => [a.kind, a.day])).toEqual([['daily-budget', '2026-11-20']]);
    expect(raised[0].message).toBe('Acme Prod has spent $60.00 on Nov 20 (UTC), over its $50.00 daily budget.');
    spend({ '2026-11-21': 55_000_000 });
    expect(core.alerts.evaluate().map((a) => [a.kind, a.day])).toEqual([['daily-budget', '2026-11-21']]);
    expect(core.alerts.evaluate()).toEqual([]);
  });

  it('spike: a day far above its norm alarms; cents never do', () => {
    spend(evenly('2026-11-01', '2026-11-19', 1_000)); // a tenth of a cent a day
    spend({ '2026-11-20': 9_000 });
    expect(core.alerts.evaluate()).toEqual([]); // 9× the norm, but below the floor
    spend(evenly('2026-11-01', '2026-11-19', 10_000_000));
    spend({ '2026-11-20': 42_000_000 });
    const raised = core.alerts.evaluate();
    expect(raised.map((a) => a.kind)).toEqual(['spike']);
    expect(raised[0].message).toMatch(/\$42\.00 on Nov 20 \(UTC\), 4\.2× its usual \$10\.00 a day/);
  });

  it('sync-failing: at once for a revoked key, after an hour for transient errors, once per episode', () => {
    const fail = (code: 'invalid_key' | 'offline', since: string) =>
      core.services.history.writeState(ACC, {
        ...core.services.history.readState(ACC),
        lastError: { code, message: `${code} message` },
        firstFailureAt: since,
        consecutiveFailures: 3,
      });
    fail('offline', '2026-11-21T09:30:00Z');
    expect(core.alerts.evaluate()).toEqual([]);
    fail('offline', '2026-11-21T08:30:00Z');
    expect(core.alerts.evaluate().map((a) => a.kind)).toEqual(['sync-failing']);
    expect(core.alerts.evaluate()).toEqual([]);
    fail('invalid_key', '2026-11-21T09:59:00Z');
    const revoked = core.alerts.evaluate();
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ kind: 'sync-failing', severity: 'critical', message: 'invalid_key message' });
    expect(trayText(core.queries.trayFacts()).state).toBe('warning');
  });

  it('records but does not pop up alerts during quiet hours or a snooze', () => {
    core.services.settings.update((s) => {
      s.alerts.preferences['budget-threshold'] = { snoozedUntil: '2026-11-22T00:00:00Z', quietHours: null };
    });
    spend(evenly('2026-11-01', '2026-11-21', 20_000_000));
    storeBudget({ monthlyMicros: 500_000_000, thresholds: [50] });
    const raised = core.alerts.evaluate();
    expect(raised.find((a) => a.kind === 'budget-threshold')?.silenced).toBe(true);
    expect(notified.some((n) => n.title.includes('50%'))).toBe(false);
    expect(core.alerts.list().unread).toBe(raised.length);
    expect(core.alerts.markRead('all')).toBe(raised.length);
    expect(core.alerts.list().unread).toBe(0);
  });

  it('quiet hours wrap past midnight in local time', () => {
    const quiet = { snoozedUntil: null, quietHours: { start: '22:00', end: '07:00' } };
    const at = (h: number, m = 0) => new Date(2026, 10, 21, h, m);
    expect(isSilenced(quiet, at(23))).toBe(true);
    expect(isSilenced(quiet, at(6, 59))).toBe(true);
    expect(isSilenced(quiet, at(7))).toBe(false);
    expect(isSilenced(quiet, at(12))).toBe(false);
  });

  it('a snooze set while the clock ran 40 days ahead does not silence for weeks once it is corrected', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const week = { snoozedUntil: new Date(now.getTime() + 7 * 86_400_000).toISOString(), quietHours: null };
    expect(isSilenced(week, now)).toBe(true);
    const setWhileAhead = { snoozedUntil: new Date(now.getTime() + 47 * 86_400_000).toISOString(), quietHours: null };
    expect(isSilenced(setWhileAhead, now)).toBe(false);
    expect(isSilenced({ snoozedUntil: '9999-12-31T00:00:00Z', quietHours: null }, now)).toBe(false);
  });

  it('per-project budgets alert on their own scope', () => {
    const { history } = core.services.history.load(ACC);
    history.replaceCosts(
      new Map(
        dayRange('2026-11-01', '2026-11-21').map((d) => [
          d,
          [row(5_000_000, 'proj_web'), row(1_000_000, 'proj_batch')],
        ]),
      ),
    );
    storeBudget({ monthlyMicros: 10_000_000_000, thresholds: [100], projects: { proj_web: 100_000_000 } });
    const raised = core.alerts.evaluate();
    expect(raised.map((a) => [a.kind, a.scope, a.threshold])).toEqual([['budget-threshold', 'project:proj_web', 100]]);
    expect(raised[0].message).toMatch(/^Web app \(Acme Prod\) has spent \$105\.00/);
  });
});
