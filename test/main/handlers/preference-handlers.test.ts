/**
 * Preferences set through IPC announce themselves as every other change does (snapshotChanged), so every open
 * window reloads from main's event alone: the renderer has no window event of its own for them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpc } from '../../../src/main/handlers/dispatch';
import { createIpcHandlers } from '../../../src/main/handlers/handlers';
import { settingsFile } from '../../../src/main/core/paths';
import { JsonFileStore } from '../../../src/main/core/settings/json-file-store';
import { createTestSpendwatch, type TestSpendwatch } from '../../support/test-spendwatch';
import { FakeKeychain } from '../../support/fake-vault';
import { TestClock } from '../../support/test-clock';

describe('preference IPC', () => {
  let core: TestSpendwatch;
  let events: string[];
  let handlers: ReturnType<typeof createIpcHandlers>;

  beforeEach(() => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-prefs-ipc-'));
    events = [];
    core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock: new TestClock(new Date('2026-11-21T12:00:00Z')),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
    });
    core.onEvent((event, payload) => events.push(`${event}:${(payload as { reason?: string }).reason ?? ''}`));
    handlers = createIpcHandlers(core, { openExternal: () => undefined });
  });

  it("an alert's snooze or quiet hours, once saved, are announced to every window", async () => {
    const preference = { snoozedUntil: '2026-11-22T12:00:00.000Z', quietHours: { start: '22:00', end: '07:00' } };
    const result = await dispatchIpc(handlers, 'setAlertPreference', { kind: 'budget-threshold', preference });
    expect(result).toEqual({ ok: true, value: { kind: 'budget-threshold', preference } });
    expect(events).toEqual(['snapshotChanged:settings']);
    expect(core.preferences.get().alertPreferences['budget-threshold']).toEqual(preference);
  });

  it('a refused preference changes nothing and announces nothing', async () => {
    const result = await dispatchIpc(handlers, 'setAlertPreference', { kind: 'no-such-kind', preference: {} });
    expect(result.ok).toBe(false);
    expect(events).toEqual([]);
  });

  it('general preferences are announced too', async () => {
    await dispatchIpc(handlers, 'setGeneral', { theme: 'dark' });
    expect(events).toEqual(['snapshotChanged:accounts']);
  });
});
