/**
 * Errors a user can act on: a stable code plus a message that says what to do.
 * Messages are scrubbed of anything that looks like a key before they leave core.
 */
import type { AppErrorInfo, ErrorCode } from '../../shared/domain';
import { redactSecrets } from '../../shared/redact';

export { redactSecrets };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(redactSecrets(message), options);
    this.name = 'AppError';
    if (options?.detail) this.detail = redactSecrets(options.detail);
  }

  /** The technical detail behind the message (host, system code): shown behind a disclosure, never as the message. */
  readonly detail?: string;

  toInfo(): AppErrorInfo {
    return this.detail
      ? { code: this.code, message: this.message, detail: this.detail }
      : { code: this.code, message: this.message };
  }
}

export function toErrorInfo(error: unknown): AppErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: redactSecrets(`Unexpected error: ${message}`) };
}
