/**
 * The billing IPC channels through the same dispatcher the app and the harness use: inputs are validated
 * (a bad one changes nothing), "All accounts" resolves to the only account, and changes notify the renderer.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dayRange } from '../../../src/shared/dates';
import { dispatchIpc } from '../../../src/main/handlers/dispatch';
import { createIpcHandlers } from '../../../src/main/handlers/handlers';
import { settingsFile } from '../../../src/main/core/paths';
import { JsonFileStore } from '../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch, type TestSpendwatch } from '../../support/test-spendwatch';
import { FakeKeychain } from '../../support/fake-vault';
import { TestClock } from '../../support/test-clock';
import { costRow } from '../../support/cost-row';

describe('billing IPC', () => {
  let dataDir: string;
  let core: TestSpendwatch;
  let events: string[];
  let saved: { fileName: string; content: string }[];
  let handlers: ReturnType<typeof createIpcHandlers>;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sw-billing-ipc-'));
    events = [];
    saved = [];
    core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock: new TestClock(new Date('2026-11-21T12:00:00Z')),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
    });
    core.onEvent((event, payload) => events.push(`${event}:${(payload as { reason?: string }).reason ?? ''}`));
    core.services.settings.update((s) => {
      s.accounts.push({
        id: 'acc_a',
        name: 'Acme Prod',
        provider: 'openai',
        baseUrl: 'x',
        keyHint: 'k',
        createdAt: '',
      });
    });
    // October at $10 a day, fetched by a sync on Nov 21.
    const { history } = core.services.history.load('acc_a');
    history.replaceCosts(
      new Map(dayRange('2026-10-01', '2026-11-21').map((d) => [d, [costRow('proj_a', 'gpt-4o, input', 10_000_000)]])),
    );
    core.services.history.save('acc_a');
    core.services.history.writeState('acc_a', {
      ...core.services.history.readState('acc_a'),
      lastSuccessAt: '2026-11-21T11:00:00.000Z',
    });
    handlers = createIpcHandlers(core, {
      openExternal: () => undefined,
      saveFile: async (fileName, content) => (saved.push({ fileName, content }), `/tmp/${fileName}`),
    });
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    for (const [channel, input] of [
      ['saveInvoice', { accountId: 'all', month: '2026-13', totalMicros: 1 }],
      ['saveInvoice', { accountId: 'all', month: '2026-10', totalMicros: -1 }],
      ['saveInvoice', { accountId: 'all', month: '2026-10', totalMicros: 1, status: 'stolen' }],
      ['saveInvoice', { accountId: 'all', month: '2026-10', totalMicros: 1, number: 'x'.repeat(65) }],
      ['addCaseContact', { accountId: 'all', month: '2026-10', date: '2026-11-31', channel: 'email' }],
      ['setCaseState', { accountId: 'all', month: '2026-10', state: 'closed' }],
      ['getReconciliation', { accountId: 'all', month: 'October' }],
    ] as const) {
      const result = await dispatchIpc(handlers, channel, input);
      expect(result.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(existsSync(join(dataDir, 'billing.json'))).toBe(false);
    expect(events).toEqual([]);
  });

  it('records an invoice for the only account, reports each month, raises the alert and saves the report', async () => {
    const result = await dispatchIpc(handlers, 'saveInvoice', {
      accountId: 'all',
      month: '2026-10',
      totalMicros: 315_000_000,
      taxMicros: 0,
    });
    expect(result).toMatchObject({
      ok: true,
      value: { status: 'discrepancy', costsMicros: 310_000_000, differenceMicros: 5_000_000 },
    });
    expect(events).toContain('snapshotChanged:billing');
    expect(events).toContain('alertRaised:');
    const statuses = await dispatchIpc(handlers, 'getBillingStatuses', { accountId: 'all' });
    expect(statuses.ok && (statuses.value as unknown[]).slice(0, 2)).toEqual([
      { month: '2026-11', status: 'not-final', differenceMicros: 0, caseState: null, finalFrom: '2026-12-04' },
      {
        month: '2026-10',
        status: 'discrepancy',
        differenceMicros: 5_000_000,
        caseState: null,
        finalFrom: '2026-11-04',
      },
    ]);
    expect(
      await dispatchIpc(handlers, 'addCaseContact', {
        accountId: 'acc_a',
        month: '2026-10',
        date: '2026-11-21',
        channel: 'chat',
        reference: 'R-1',
      }),
    ).toMatchObject({ ok: true });
    const report = await dispatchIpc(handlers, 'exportReport', { accountId: 'acc_a', month: '2026-10' });
    expect(report).toEqual({
      ok: true,
      value: {
        fileName: 'spendwatch-reconciliation-Acme-Prod-2026-10.md',
        savedTo: '/tmp/spendwatch-reconciliation-Acme-Prod-2026-10.md',
        markdown: null,
      },
    });
    expect(saved[0].content).toContain('| 2026-11-21 | chat | R-1 |');
    expect(await dispatchIpc(handlers, 'removeInvoice', { accountId: 'acc_a', month: '2026-10' })).toEqual({
      ok: true,
      value: { removed: true },
    });
  });

  it('shows no statuses for the demo organisation', async () => {
    core.services.settings.update((s) => {
      s.accounts = [];
    });
    expect(await dispatchIpc(handlers, 'getBillingStatuses', { accountId: 'all' })).toEqual({ ok: true, value: [] });
  });
});
