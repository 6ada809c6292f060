/**
 * The interfaces through which core reaches the outside world. The composition roots
 * (Electron app, CLI, browser harness) pass in real implementations; tests pass fakes of what we don't own.
 */
import type { EventName, EventPayload } from '../../shared/ipc-contract';

/** The OS keychain. Implementations throw AppError('keychain_unavailable') when it cannot be reached. */
export interface SecretVault {
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Throws AppError('keychain_unavailable') if no keychain can be reached; writes nothing. */
  probe(): Promise<void>;
}

/** A JSON document persisted somewhere (electron-store in the app, a plain file for the CLI). */
export interface DocumentStore<T> {
  read(): T | undefined;
  write(value: T): void;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Notification {
  id: string;
  title: string;
  body: string;
  accountId: string;
  /** The alert kind, so a click can open the right place (payment alerts open the payment guide). */
  kind?: string;
}

/** Native notifications and the tray, as seen by core. */
export interface Notifier {
  notify(notification: Notification): void;
}

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** For hosts and tests that keep no log. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
