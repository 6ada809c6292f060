/**
 * Setup for the "node-2031" project: the machine's clock reads a date years ahead (and in January, when
 * year-boundary bugs show), so date-sensitive suites prove they depend only on the clock they are given,
 * never on when the suite happens to run. Only Date is faked: timers and I/O run normally, and the date
 * keeps advancing with real time.
 */
import { vi } from 'vitest';

export const YEARS_AHEAD_NOW = new Date('2031-01-02T08:30:00Z');

vi.useFakeTimers({ toFake: ['Date'], now: YEARS_AHEAD_NOW, shouldAdvanceTime: true });
