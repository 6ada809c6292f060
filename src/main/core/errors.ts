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
    options?: { cause?: unknown },
  ) {
    super(redactSecrets(message), options);
    this.name = 'AppError';
  }

  toInfo(): AppErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function toErrorInfo(error: unknown): AppErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: redactSecrets(`Unexpected error: ${message}`) };
}
