import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../../src/main/core/history/history-store';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { SettingsRepository } from '../../../../src/main/core/settings/settings';
import { SyncScheduler, type Timers } from '../../../../src/main/core/sync/scheduler';
import { TestClock } from '../../../support/test-clock';

function setup(random = () => 0.5) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-sched-'));
  const clock = new TestClock(new Date('2026-11-21T10:00:00Z'));
  const settings = new SettingsRepository(new JsonFileStore(join(dir, 'config.json')));
  settings.update((s) => {
    s.accounts.push({ id: 'acc_a', name: 'A', provider: 'openai', baseUrl: 'x', keyHint: 'k', createdAt: '' });
  });
  const history = new HistoryStore(dir, clock);
  const synced: string[][] = [];
  const run = async (ids: string[]) => {
    synced.push(ids);
    for (const id of ids) {
      const s = history.readState(id);
      history.writeState(id, {
        ...s,
        lastAttemptAt: clock.now().toISOString(),
        consecutiveFailures: failing ? s.consecutiveFailures + 1 : 0,
      });
    }
  };
  let failing = false;
  const scheduled: number[] = [];
  const timers: Timers = { setTimeout: (_cb, ms) => scheduled.push(ms), clearTimeout: () => undefined };
  const scheduler = new SyncScheduler({ run, settings, history, clock, timers, random });
  return { scheduler, synced, scheduled, clock, history, setFailing: (v: boolean) => (failing = v) };
}

describe('sync scheduler', () => {
  it('polls due accounts at the configured interval (15 min by default)', async () => {
    const { scheduler, synced, scheduled, clock } = setup();
    scheduler.start();
    expect(scheduled).toEqual([0]);
    await scheduler.tick();
    expect(synced).toEqual([['acc_a']]);
    expect(scheduled.at(-1)).toBe(15 * 60_000);
    clock.advance(5 * 60_000);
    await scheduler.tick();
    expect(synced).toHaveLength(1); // not due yet
  });

  it('backs off exponentially while an account keeps failing', async () => {
    const { scheduler, scheduled, setFailing, clock } = setup();
    setFailing(true);
    scheduler.start();
    await scheduler.tick();
    expect(scheduled.at(-1)).toBe(30 * 60_000);
    clock.advance(30 * 60_000);
    await scheduler.tick();
    expect(scheduled.at(-1)).toBe(60 * 60_000);
    expect(scheduler.nextDueAt('acc_a')).toBe(clock.now().getTime() + 60 * 60_000);
  });

  it('does nothing while paused, and syncs soon after resume', async () => {
    const { scheduler, synced, scheduled } = setup();
    scheduler.pause();
    await scheduler.tick();
    expect(synced).toHaveLength(0);
    scheduler.resume();
    expect(scheduled.at(-1)).toBe(5_000);
  });

  it('adds jitter of up to ±10%', async () => {
    const low = setup(() => 0);
    low.scheduler.start();
    await low.scheduler.tick();
    expect(low.scheduled.at(-1)).toBe(Math.round(15 * 60_000 * 0.9));
    const high = setup(() => 0.999999);
    high.scheduler.start();
    await high.scheduler.tick();
    expect(high.scheduled.at(-1)).toBeGreaterThan(15 * 60_000 * 1.09);
    expect(high.scheduled.at(-1)).toBeLessThanOrEqual(15 * 60_000 * 1.1);
  });
});

describe('sync scheduler when the clock jumps', () => {
  it('a last attempt in the future (the clock ran 40 days ahead, then was corrected) is due now', async () => {
    const { scheduler, synced, scheduled, clock } = setup();
    clock.advance(40 * 86_400_000);
    scheduler.start();
    await scheduler.tick(); // attempted "40 days from now"
    clock.advance(-40 * 86_400_000); // NTP corrects the clock
    expect(scheduler.nextDueAt('acc_a')).toBe(0);
    await scheduler.tick();
    expect(synced).toHaveLength(2);
    // Every delay ever asked of the timers is one Node can keep (setTimeout fires at once past 2^31 - 1 ms).
    expect(Math.max(...scheduled)).toBeLessThanOrEqual(3_600_000);
  });

  it('never asks the timers for a delay past an hour, whatever the backoff or the clock', async () => {
    const { scheduler, scheduled, clock, setFailing, history } = setup();
    setFailing(true);
    scheduler.start();
    for (let i = 0; i < 10; i++) {
      await scheduler.tick();
      clock.advance(5 * 3_600_000);
    }
    // A last attempt years back after the clock jumped forward: due at once, no huge negative or positive delay.
    history.writeState('acc_a', { ...history.readState('acc_a'), lastAttemptAt: '2019-01-01T00:00:00.000Z' });
    await scheduler.tick();
    for (const ms of scheduled) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(3_600_000);
    }
  });

  it('a garbled last attempt is due, never NaN', () => {
    const { scheduler, history } = setup();
    history.writeState('acc_a', { ...history.readState('acc_a'), lastAttemptAt: 'not a time' });
    expect(scheduler.nextDueAt('acc_a')).toBe(0);
  });
});
