/**
 * One policy for damaged state files (config.json, alerts.json): every successful write also keeps a
 * last-known-good copy (`<file>.last-good`). A file that cannot be read as valid JSON of the right shape
 * (truncated, empty, garbage, a directory) is moved aside as `<file>.corrupt-<time>`, the last good copy
 * is restored, and the user is told through StateNotices — never a silent reset, never a crash, and
 * (for alerts.json) never a re-fire of alerts already recorded. A permission error is reported as one,
 * not treated as damage: the file is left alone.
 */
import { existsSync } from 'node:fs';
import { AppError } from '../errors';
import type { Clock, DocumentStore } from '../ports';
import { quarantineFile, readFileIfExists, writeFileAtomic } from './atomic-file';
import type { StateLocks } from './state-lock';
import type { StateNotices } from './state-notices';

export interface RecoveringDocumentOptions {
  /** Where the writer actually puts the document (electron-store and JsonFileStore both write plain JSON there). */
  path: string;
  /** Writes a document (atomically); the file at `path` must then hold it as JSON. */
  writer: DocumentStore<unknown>;
  /** Null when the parsed value is acceptable, else why not. */
  problem: (value: unknown) => string | null;
  /** How the user knows this file: "settings", "alert history". */
  label: string;
  lockName: string;
  locks: StateLocks;
  clock: Clock;
  notices: StateNotices;
}

const lastGoodPath = (path: string): string => `${path}.last-good`;

export class RecoveringDocument implements DocumentStore<unknown> {
  /** The last text that passed the shape check: the file is read on every call, but checked again only when it changed. */
  private checkedText: string | undefined;

  constructor(private readonly options: RecoveringDocumentOptions) {}

  read(): unknown {
    const first = this.inspect(this.options.path);
    if (first.ok) return first.value;
    // Repair under the lock, looking again: another process may have repaired it meanwhile.
    return this.options.locks.withSync(this.options.lockName, () => {
      const again = this.inspect(this.options.path);
      return again.ok ? again.value : this.recover(again.reason);
    });
  }

  write(value: unknown): void {
    this.options.writer.write(value);
    writeFileAtomic(lastGoodPath(this.options.path), `${JSON.stringify(value)}\n`);
  }

  private recover(reason: string): unknown {
    const { path, clock, notices, label } = this.options;
    const movedTo = existsSync(path) ? quarantineFile(path, clock.now()) : path;
    const good = this.inspect(lastGoodPath(path));
    if (good.ok && good.value !== undefined) {
      this.options.writer.write(good.value);
      notices.add(
        `The ${label} file ${path} was damaged (${reason}). It was moved to ${movedTo} and the last good copy was restored.`,
      );
      return good.value;
    }
    notices.add(
      `The ${label} file ${path} was damaged (${reason}) and no good copy was found. It was moved to ${movedTo}; Spendwatch starts this file afresh.`,
    );
    return undefined;
  }

  private inspect(path: string): { ok: true; value: unknown } | { ok: false; reason: string } {
    const read = readStateText(path);
    if ('unreadable' in read)
      return { ok: false, reason: read.unreadable === 'EISDIR' ? 'it is a directory' : read.unreadable };
    const { text } = read;
    if (text === undefined) return { ok: true, value: undefined };
    if (text.trim() === '') return { ok: false, reason: 'it is empty' };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'it is not valid JSON' };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, reason: 'it does not hold a JSON object' };
    if (text === this.checkedText) return { ok: true, value };
    const problem = this.options.problem(value);
    if (problem) return { ok: false, reason: problem };
    this.checkedText = text;
    return { ok: true, value };
  }
}

/**
 * A state file's text (undefined: there is none). A permission error is thrown as one — it is not damage —;
 * any other read error comes back as its code, for the caller to treat as damage.
 */
export function readStateText(path: string): { text: string | undefined } | { unreadable: string } {
  try {
    return { text: readFileIfExists(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw permissionDenied(path, 'read');
    return { unreadable: code ?? 'unreadable' };
  }
}

function permissionDenied(path: string, action: 'read' | 'write'): AppError {
  return new AppError(
    'permission_denied',
    `Spendwatch cannot ${action} ${path}: permission denied. This is not damage; nothing was changed. Give your user read and write access to it (e.g. chmod u+rw).`,
  );
}
