/**
 * One writer at a time across processes. The desktop app, the CLI (often run every minute by a status
 * bar) and the harness share one data dir, so every read-modify-write of a state file (config.json,
 * alerts.json, an account's history) happens while holding a named lock: a `<dataDir>/.locks/<name>.lock`
 * directory made by proper-lockfile (atomic mkdir, mtime refreshed while held, taken over when stale,
 * e.g. after a crash). Inside the lock, callers read the file fresh from disk: in-memory copies may be
 * older than another process's write.
 *
 * Locks are re-entrant along one call chain (a settings update inside an alert check does not deadlock);
 * two independent async chains of one process queue up like two processes would.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { lstatSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { AppError } from '../errors';
import { systemClock, type Clock } from '../ports';
import { diskError } from './atomic-file';

export interface LockOptions {
  /** How long to wait for another process before giving up. */
  waitMs?: number;
}

/** A lock older than this (no refresh from its holder) belongs to a dead process and is taken over. */
const STALE_MS = 10_000;
const DEFAULT_WAIT_MS = 30_000;

export interface StateLocks {
  withSync<T>(name: string, fn: () => T, options?: LockOptions): T;
  with<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
  /** Runs fn if the lock is free (or already ours); otherwise returns undefined without waiting. */
  trySync<T>(name: string, fn: () => T): T | undefined;
}

export class FileStateLocks implements StateLocks {
  /** The locks held by the current (async) call chain: nesting there is re-entrant. */
  private readonly context = new AsyncLocalStorage<ReadonlySet<string>>();
  /** The locks held by any call chain of this process. */
  private readonly heldInProcess = new Set<string>();
  /** Async holders queue up within the process before competing with other processes for the file lock. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly dataDir: string,
    private readonly clock: Clock = systemClock,
  ) {}

  withSync<T>(name: string, fn: () => T, options: LockOptions = {}): T {
    if (this.heldHere(name)) return fn();
    // Held by an async chain of this process (a sync in progress): waiting here would block it forever.
    if (this.heldInProcess.has(name)) throw busy(name);
    const deadline = performance.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
    for (let attempt = 0; ; attempt++) {
      const release = this.tryAcquire(name);
      if (release) return this.runHolding(name, release, fn);
      if (performance.now() > deadline) throw busy(name);
      sleepSync(backoff(attempt));
    }
  }

  async with<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    if (this.heldHere(name)) return fn();
    const previous = this.queues.get(name) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = previous.then(() => mine);
    this.queues.set(name, tail);
    try {
      await previous;
      const deadline = performance.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
      for (let attempt = 0; ; attempt++) {
        const release = this.heldInProcess.has(name) ? undefined : this.tryAcquire(name);
        if (release) return await this.runHolding(name, release, fn);
        if (performance.now() > deadline) throw busy(name);
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
      }
    } finally {
      done();
      if (this.queues.get(name) === tail) this.queues.delete(name);
    }
  }

  trySync<T>(name: string, fn: () => T): T | undefined {
    if (this.heldHere(name)) return fn();
    if (this.heldInProcess.has(name)) return undefined;
    const release = this.tryAcquire(name);
    return release ? this.runHolding(name, release, fn) : undefined;
  }

  private heldHere(name: string): boolean {
    return this.context.getStore()?.has(name) ?? false;
  }

  /** Runs fn holding the lock; for an async fn, until its promise settles. */
  private runHolding<T>(name: string, release: () => void, fn: () => T): T {
    this.heldInProcess.add(name);
    const finish = () => {
      this.heldInProcess.delete(name);
      safeRelease(release);
    };
    let result: T;
    try {
      result = this.context.run(new Set([...(this.context.getStore() ?? []), name]), fn);
    } catch (error) {
      finish();
      throw error;
    }
    if (result instanceof Promise) return result.finally(finish) as T;
    finish();
    return result;
  }

  /**
   * A holder refreshes its lock's mtime to the current time every few seconds, so a lock whose mtime is more than
   * the stale window ahead of now was left by a process that died while the clock ran fast: proper-lockfile alone
   * would never see it as stale (it only looks for old ones) and every writer would wait until the clock got there.
   */
  private dropLockFromTheFuture(lockDir: string): void {
    const held = lstatSync(lockDir, { throwIfNoEntry: false });
    if (held && held.mtimeMs > this.clock.now().getTime() + STALE_MS) rmSync(lockDir, { recursive: true, force: true });
  }

  private tryAcquire(name: string): (() => void) | undefined {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`Bad lock name: ${name}`);
    const dir = join(this.dataDir, '.locks');
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return lockfile.lockSync(join(dir, name), {
        realpath: false,
        stale: STALE_MS,
        // Losing a lock (its directory removed, or the machine stalled past STALE_MS) must not crash the app.
        onCompromised: () => undefined,
      });
    } catch (error) {
      // Only when the lock is taken is it worth a look at its age (the next attempt then gets it).
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED')
        return void this.dropLockFromTheFuture(join(dir, `${name}.lock`));
      // A read-only or full data dir, or one we may not write: an error that names the folder and the fix.
      throw diskError(error, dir);
    }
  }
}

/** For tests and single-process tools that need no coordination. */
export const noLocks: StateLocks = {
  withSync: (_name, fn) => fn(),
  with: (_name, fn) => fn(),
  trySync: (_name, fn) => fn(),
};

function busy(name: string): AppError {
  return new AppError('busy', `Another Spendwatch process is still writing (${name}). Try again in a moment.`);
}

function safeRelease(release: () => void): void {
  try {
    release();
  } catch {
    // Already released or taken over as stale: nothing of ours is left to clean up.
  }
}

const backoff = (attempt: number): number =>
  Math.min(25 * 2 ** Math.min(attempt, 4), 400) + Math.floor(Math.random() * 25);

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this thread briefly: the critical sections that need it are synchronous by design (short file RMW). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
