/**
 * Crash-safe file writes: a sibling temp file, every byte written and checked, fsync, then rename over the
 * target. A write that fails for any reason (a full disk, a quota, a read-only remount) removes its temp file and
 * leaves the target as it was: a good file is never replaced by a partial one.
 *
 * Not write-file-atomic: its synchronous path (what these short read-modify-write sections need) issues one
 * writeSync and ignores the byte count it returns, which is exactly how a full disk cut month files to 4,096
 * bytes; and it follows a symlinked target through realpath.
 */
import {
  lstatSync,
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors';
import { randomHex } from '../random-id';

export function writeFileAtomic(path: string, contents: string, mode = 0o600): void {
  const bytes = Buffer.from(contents, 'utf8');
  const temp = join(dirname(path), `.${basename(path)}.${randomHex(6)}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // 'wx+': a fresh file (never one planted or symlinked under the temp name), read back below.
    fd = openSync(temp, 'wx+', mode);
    // writeFileSync on a descriptor loops until every byte is written; a full disk throws ENOSPC.
    writeFileSync(fd, bytes);
    fsyncSync(fd);
    verifyWritten(fd, bytes, temp);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    rmSync(temp, { force: true });
    throw diskError(error, path);
  }
}

/** Reads the temp file back: its size and every byte must be what was meant, or nothing is renamed. */
function verifyWritten(fd: number, expected: Buffer, temp: string): void {
  if (fstatSync(fd).size !== expected.length) throw new AppError('disk_full', shortWrite(temp));
  const actual = Buffer.alloc(expected.length);
  let read = 0;
  while (read < actual.length) {
    const n = readSync(fd, actual, read, actual.length - read, read);
    if (n === 0) break;
    read += n;
  }
  if (read !== expected.length || !actual.equals(expected)) throw new AppError('disk_full', shortWrite(temp));
}

const shortWrite = (temp: string) => `Spendwatch could not write ${temp} in full (the disk may be full).`;

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed or unusable: the temp file is removed next either way.
  }
}

/**
 * A file-system failure as an error a user can act on: a full disk or quota is `disk_full`, a read-only file
 * system `read_only`, each naming the path and the fix; anything else is passed on.
 */
export function diskError(error: unknown, path: string): unknown {
  if (error instanceof AppError) {
    return error.code === 'disk_full' ? new AppError('disk_full', diskFullMessage(path), { cause: error }) : error;
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('disk_full', diskFullMessage(path), { cause: error });
  if (code === 'EROFS') return new AppError('read_only', readOnlyMessage(path), { cause: error });
  if (code === 'ENOTDIR' || code === 'EISDIR') {
    return new AppError(
      'invalid_input',
      `Spendwatch cannot write ${path}: part of that path is a file where a folder should be (or the reverse). Check the path (SPENDWATCH_HOME for the data folder).`,
      { cause: error },
    );
  }
  if (code === 'ENOENT')
    return new AppError(
      'invalid_input',
      `Spendwatch cannot create ${path}: its folder does not exist or cannot hold files.`,
      { cause: error },
    );
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError(
      'permission_denied',
      `Spendwatch may not write ${path}: permission denied. Check the permissions of the data folder.`,
      { cause: error },
    );
  }
  return error;
}

export const diskFullMessage = (path: string): string =>
  `The disk is full: Spendwatch could not save ${path}, and kept the previous copy. Free some space on that disk (or raise your quota), then try again.`;
export const readOnlyMessage = (path: string): string =>
  `The data folder is on a read-only file system: Spendwatch could not write ${path}. Remount it read-write, or point SPENDWATCH_HOME at a writable folder. Figures already on disk can still be read.`;

/** Reads a file, or undefined if it does not exist. */
export function readFileIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Where a damaged file found at `now` is moved aside to (kept for inspection). */
export function quarantineTarget(path: string, now: Date): string {
  const base = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  // Never onto an earlier copy moved aside in the same millisecond (or by a clock that stood still).
  let target = base;
  for (let n = 2; lstatSync(target, { throwIfNoEntry: false }); n++) target = `${base}-${n}`;
  return target;
}

/** Moves a damaged file aside (kept for inspection) and returns its new name. */
export function quarantineFile(path: string, now: Date): string {
  const target = quarantineTarget(path, now);
  renameSync(path, target);
  return target;
}
