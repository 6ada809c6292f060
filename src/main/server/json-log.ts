/** The server's log: one JSON object a line on stdout (journald and log shippers read it as it is). */
import type { Clock, Logger } from '../core/ports';
import { redactSecrets } from '../../shared/redact';

export interface JsonLogger extends Logger {
  event(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(
  clock: Clock,
  write: (line: string) => void = (line) => process.stdout.write(line),
): JsonLogger {
  const event: JsonLogger['event'] = (level, message, fields = {}) => {
    write(`${JSON.stringify({ time: clock.now().toISOString(), level, msg: redactSecrets(message), ...fields })}\n`);
  };
  return {
    event,
    info: (message) => event('info', message),
    warn: (message) => event('warn', message),
    error: (message, error) =>
      event(
        'error',
        message,
        error === undefined ? {} : { error: redactSecrets(error instanceof Error ? error.message : String(error)) },
      ),
  };
}
