/**
 * Watches for the network going away and coming back (the host supplies how to tell), so polling pauses
 * while offline instead of failing and backing off, and syncs soon after the connection returns.
 */
export class ConnectivityWatcher {
  private online = true;
  private handle: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly isOnline: () => boolean,
    private readonly onChange: (online: boolean) => void,
    private readonly intervalMs = 30_000,
  ) {}

  start(): void {
    this.online = this.isOnline();
    if (!this.online) this.onChange(false);
    this.handle = setInterval(() => this.check(), this.intervalMs);
    this.handle.unref?.();
  }

  /** Reports a change once per transition. */
  check(): void {
    const now = this.isOnline();
    if (now === this.online) return;
    this.online = now;
    this.onChange(now);
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
  }
}
