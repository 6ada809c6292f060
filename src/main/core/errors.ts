/**
 * Errors a user can act on: a stable code plus a message that says what to do.
 * Messages are scrubbed of anything that looks like a key before they leave core.
 */
import type { AppErrorInfo, ErrorCode } from '../../shared/domain';

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

// A key: sk-, an optional type (admin-, proj-, …), then at least 8 more key characters.
const SECRET_PATTERN = /sk-(?:[a-z]+-)?[A-Za-z0-9_]{8,}[A-Za-z0-9_-]*/g;

/** Replaces anything key-like with its masked form, so no error or log line can carry a key. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (key) => `${/^sk-[a-z]+-/.exec(key)?.[0] ?? 'sk-'}…${key.slice(-4)}`);
}

export function toErrorInfo(error: unknown): AppErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: redactSecrets(`Unexpected error: ${message}`) };
}
