/**
 * The log a user can attach to a bug report: <dataDir>/logs/spendwatch.log, written by the app and the
 * CLI (each line says which), size-capped and rotated by winston (1 MB a file, the current one plus
 * spendwatch1.log … spendwatch3.log). What goes in: IPC refusals, unexpected errors, damaged files
 * repaired, sync failures. What never goes in: keys and card numbers — every line passes redactLogText,
 * whatever the caller passed. Nothing is created until the first line is written.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type winstonModule from 'winston';
import { redactSecrets } from '../errors';
import type { Clock, Logger } from '../ports';

/** @internal Exported for tests. */
export const LOG_MAX_BYTES = 1_000_000;
/** @internal Exported for tests. */
export const LOG_MAX_FILES = 4;
const LINE_LIMIT = 4_000;

/** @internal Exported for tests. */
export const logDir = (dataDir: string): string => join(dataDir, 'logs');
/** @internal Exported for tests. */
export const logFile = (dataDir: string): string => join(logDir(dataDir), 'spendwatch.log');

/** Keys (sk-…), anything shaped like a card number (13–19 digits, spaces or dashes allowed), bearer tokens. */
function redactLogText(text: string): string {
  return redactSecrets(text)
    .replace(/\b(?:\d[ -]?){12,18}\d\b/g, (digits) => `[card number removed …${digits.replace(/\D/g, '').slice(-4)}]`)
    .replace(/(authorization|bearer)(["':= ]+)[^\s"',]+/gi, '$1$2[removed]')
    .slice(0, LINE_LIMIT);
}

// Loaded on the first line logged: most CLI runs log nothing, and winston costs ~75 ms to load.
const loadWinston = (): typeof winstonModule => createRequire(import.meta.url)('winston') as typeof winstonModule;

export class FileLog implements Logger {
  private logger: winstonModule.Logger | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly source: 'app' | 'cli' | 'harness',
    private readonly clock: Clock,
  ) {}

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string, error?: unknown): void {
    const detail =
      error instanceof Error
        ? `${error.name}: ${error.message}\n${error.stack ?? ''}`
        : error === undefined
          ? ''
          : String(error);
    this.write('error', detail ? `${message} — ${detail}` : message);
  }

  /** Resolves once everything logged so far is on disk (the CLI waits for it before exiting). */
  flush(): Promise<void> {
    const logger = this.logger;
    if (!logger) return Promise.resolve();
    return new Promise((resolve) => {
      logger.on('finish', () => resolve());
      logger.end();
      this.logger = undefined;
    });
  }

  private write(level: 'info' | 'warn' | 'error', message: string): void {
    try {
      this.open().log({
        level,
        message: redactLogText(message),
        source: this.source,
        time: this.clock.now().toISOString(),
      });
    } catch {
      // The log must never be why a command fails (a read-only data dir, a full disk).
    }
  }

  private open(): winstonModule.Logger {
    if (this.logger) return this.logger;
    refusePlantedLinks(this.dataDir, this.clock);
    const winston = loadWinston();
    this.logger = winston.createLogger({
      level: 'info',
      format: winston.format.printf(
        (entry) =>
          `${String(entry.time)} ${String(entry.source)} ${entry.level.toUpperCase()} ${String(entry.message)}`,
      ),
      transports: [
        new winston.transports.File({
          filename: logFile(this.dataDir),
          maxsize: LOG_MAX_BYTES,
          maxFiles: LOG_MAX_FILES,
          tailable: true,
          options: { flags: 'a', mode: 0o600 },
        }),
      ],
    });
    return this.logger;
  }
}

/**
 * The log is appended to, and a planted symlink (logs/ or spendwatch.log pointing elsewhere) would have it write
 * through to any file the user can write. The folder and the file are opened without following links
 * (O_NOFOLLOW) and must be a folder and a regular file; a link, FIFO or device found in their place is moved aside
 * (kept for inspection) and a plain one made. winston's own rotation renames files, which replaces a link rather
 * than writing through it. winston then opens the file by name again: a process of the same user that swaps a link
 * in at that instant could still redirect it, which the data dir's 0700 keeps to the user's own processes.
 */
function refusePlantedLinks(dataDir: string, clock: Clock): void {
  const dir = logDir(dataDir);
  const aside = (path: string) =>
    renameSync(path, `${path}.symlink-${clock.now().toISOString().replace(/[:.]/g, '-')}`);
  if (lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) aside(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = logFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number | undefined;
    try {
      // O_NONBLOCK: a FIFO planted as the log must not hang every command (it fails with ENXIO instead).
      fd = openSync(
        file,
        constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
        0o600,
      );
      if (fstatSync(fd).isFile()) return;
    } catch (error) {
      if (!['ELOOP', 'ENXIO', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    aside(file);
  }
}
