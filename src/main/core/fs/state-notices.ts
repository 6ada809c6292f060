/**
 * Things the user must be told about their local state (a damaged file moved aside and restored, a
 * history month to be refetched). The CLI prints them on stderr; the app shows them as a banner.
 */
import type { Clock } from '../ports';

export interface StateNotice {
  at: string;
  message: string;
}

const KEEP = 20;

export class StateNotices {
  private readonly notices: StateNotice[] = [];
  private readonly listeners = new Set<(notice: StateNotice) => void>();

  constructor(private readonly clock: Clock) {}

  add(message: string): void {
    const notice = { at: this.clock.now().toISOString(), message };
    this.notices.unshift(notice);
    this.notices.length = Math.min(this.notices.length, KEEP);
    for (const listener of this.listeners) listener(notice);
  }

  list(): StateNotice[] {
    return [...this.notices];
  }

  onNotice(listener: (notice: StateNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
