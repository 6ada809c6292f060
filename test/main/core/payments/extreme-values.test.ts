/**
 * Extreme but valid values never break sync, alerts or any view: a huge recorded balance on a nearly
 * idle account (the runway once overflowed into "Invalid time value"), the largest budget; and removing
 * something that does not exist says so instead of pretending.
 */
import { trayText } from '../../../../src/main/electron/tray-text';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MICROS } from '../../../../src/shared/domain';
import { settingsFile } from '../../../../src/main/core/paths';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import { FakeKeychain } from '../../../support/fake-vault';
import { TestClock } from '../../../support/test-clock';
import { costRow } from '../../../support/cost-row';

describe('extreme values', () => {
  let core: TestSpendwatch;

  beforeEach(() => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-extreme-'));
    core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock: new TestClock(new Date('2026-11-21T12:00:00Z')),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
    });
    core.services.settings.update((s) => {
      s.accounts.push({
        id: 'acc_idle',
        name: 'Idle',
        provider: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        keyHint: 'sk-admin-…abcd',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    });
    // One micro-dollar in the last week: nearly idle.
    core.services.history.load('acc_idle').history.replaceCosts(new Map([['2026-11-19', [costRow(null, 'x', 1)]]]));
    core.services.history.save('acc_idle');
  });

  it('a $100M balance on an idle account: payments view, alerts and dashboard all work', async () => {
    core.payments.setRecordedBalance('acc_idle', { amountMicros: MAX_AMOUNT_MICROS, asOf: '2026-11-20' });
    core.payments.setAutoRecharge('acc_idle', { thresholdMicros: 0, amountMicros: MAX_AMOUNT_MICROS });
    const overview = await core.payments.overview();
    expect(overview.accounts[0].estimate?.runwayDays).toBe(3650);
    expect(overview.accounts[0].estimate?.runsOutOn).toMatch(/^20\d\d-\d\d-\d\d$/);
    core.budgets.set('acc_idle', {
      monthlyMicros: MAX_AMOUNT_MICROS,
      thresholds: [50, 80, 100],
      dailyMicros: MAX_AMOUNT_MICROS,
    });
    expect(() => core.alerts.evaluate()).not.toThrow();
    expect(core.queries.dashboard({ accountId: 'all', range: '12m', groupBy: 'project' }).kpis.budgetMicros).toBe(
      MAX_AMOUNT_MICROS,
    );
    expect(() => trayText(core.queries.trayFacts())).not.toThrow();
  });

  it('refuses amounts and dates out of range, changing nothing', () => {
    expect(() =>
      core.payments.setRecordedBalance('acc_idle', { amountMicros: MAX_AMOUNT_MICROS * 10, asOf: '2026-11-20' }),
    ).toThrow(/at most/);
    expect(() => core.payments.setRecordedBalance('acc_idle', { amountMicros: 1, asOf: '2026-02-31' })).toThrow(
      /real calendar day/,
    );
    expect(() => core.budgets.set('acc_idle', { monthlyMicros: MAX_AMOUNT_MICROS + 1, thresholds: [50] })).toThrow(
      /at most/i,
    );
    expect(core.services.settings.read().credits.acc_idle).toBeUndefined();
    expect(core.services.settings.read().budgets.acc_idle).toBeUndefined();
  });

  it('removing an unknown credit, payment log entry or account says so', async () => {
    expect(() => core.payments.removeCredit('acc_idle', 'cr_nope')).toThrow(/No such credit/);
    expect(() => core.payments.removeEvent('pe_nope')).toThrow(/No such payment log entry/);
    await expect(core.payments.removeMethod('pm_nope')).rejects.toThrow(/no longer exists/);
    await expect(core.accounts.remove('Nope')).rejects.toThrow(/No account named "Nope"/);
  });
});
