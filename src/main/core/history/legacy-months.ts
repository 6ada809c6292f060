/**
 * History as it was kept before the database: one JSON file per month (<YYYY-MM>.json, month-file.ts), read
 * once to migrate it. After migration the files are kept, untouched, in <account>/before-sqlite/ (nothing is
 * deleted; the docs say they may be removed).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const LEGACY_MONTH_FILE = /^(\d{4}-\d{2})\.json$/;
export const MIGRATED_DIR = 'before-sqlite';

export interface LegacyMonthFile {
  month: string;
  path: string;
}

export function legacyMonthFiles(dir: string): LegacyMonthFile[] {
  return listDir(dir)
    .flatMap((name) => {
      const month = LEGACY_MONTH_FILE.exec(name)?.[1];
      // Regular files only: a FIFO or a link under a month's name is no month Spendwatch wrote (and a FIFO would
      // block the read forever).
      return month && lstatSync(join(dir, name), { throwIfNoEntry: false })?.isFile()
        ? [{ month, path: join(dir, name) }]
        : [];
    })
    .sort((a, b) => a.month.localeCompare(b.month));
}

/** Moves migrated month files into before-sqlite/, where nothing reads them again; never over an earlier copy. */
export function setMigratedFilesAside(dir: string, files: LegacyMonthFile[]): void {
  if (!files.length) return;
  const target = join(dir, MIGRATED_DIR);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  for (const file of files) {
    let name = `${file.month}.json`;
    for (let n = 2; existsSync(join(target, name)); n++) name = `${file.month}.${n}.json`;
    renameSync(file.path, join(target, name));
  }
}

export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
