/**
 * What follows every change a user makes, whichever door it came through (app, CLI, harness): alerts are
 * evaluated at once — a lowered budget may cross a threshold, a new card may expire soon, an invoice may not
 * match — and open views and the tray reload. Keeping this in one place is what makes the doors agree.
 */
import type { Alert } from '../../../shared/domain';
import type { AlertEngine } from '../alerts/alert-engine';
import type { Clock } from '../ports';
import type { EventBus, SnapshotReason } from './event-bus';

export class AfterChange {
  constructor(private readonly deps: { alerts: AlertEngine; events: EventBus; clock: Clock }) {}

  /** After a change alerts depend on; returns the alerts it raised. */
  evaluate(reason: SnapshotReason): Alert[] {
    const raised = this.deps.alerts.evaluate();
    this.announce(reason);
    return raised;
  }

  /** After a change no alert depends on (a name, a preference): views reload. */
  announce(reason: SnapshotReason): void {
    this.deps.events.emit('snapshotChanged', { reason, at: this.deps.clock.now().toISOString() });
  }
}
