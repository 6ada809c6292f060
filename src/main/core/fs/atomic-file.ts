/** Crash-safe file writes: write a sibling temp file, fsync, then rename over the target. */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomHex } from '../random-id';

export function writeFileAtomic(path: string, contents: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = join(dirname(path), `.${basename(path)}.${randomHex(6)}.tmp`);
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Reads a file, or undefined if it does not exist. */
export function readFileIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Moves a damaged file aside (kept for inspection) and returns its new name. */
export function quarantineFile(path: string, now: Date): string {
  const target = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, target);
  return target;
}
