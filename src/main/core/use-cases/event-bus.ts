/**
 * The core's events (sync progress, "the data changed"): services emit, hosts listen. The Electron layer
 * forwards them to windows and redraws the tray; the CLI prints sync progress.
 */
import type { EventName, EventPayload } from '../../../shared/ipc-contract';
import type { EventSink } from '../ports';

export type SnapshotReason = EventPayload<'snapshotChanged'>['reason'];

export class EventBus {
  private readonly listeners = new Set<EventSink>();

  /** Listens to every event; returns the function that stops listening. */
  on(listener: EventSink): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit: EventSink = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    for (const listener of this.listeners) listener(event, payload);
  };
}
