/**
 * The data dir holds budgets, history and the log: only its owner may read it. Spendwatch creates every folder
 * in it 0700 (writeFileAtomic, the locks, the log); one made wider by someone else is reported at start, never
 * changed behind the user's back.
 */
import { statSync } from 'node:fs';

/** A sentence for the user when the data dir can be read or entered by other users, else null. */
export function dataDirProblem(dataDir: string): string | null {
  let mode: number;
  try {
    const stat = statSync(dataDir);
    if (!stat.isDirectory())
      return `The data folder ${dataDir} is a file, not a folder: Spendwatch cannot keep its data there. Move that file away, or point SPENDWATCH_HOME at a folder.`;
    mode = stat.mode & 0o777;
  } catch {
    return null; // not there yet: it is created 0700 on the first write
  }
  if ((mode & 0o077) === 0 || process.platform === 'win32') return null;
  const octal = mode.toString(8).padStart(3, '0');
  return `The data folder ${dataDir} can be read by other users of this machine (mode ${octal}); it holds your budgets, history and log. Make it private with: chmod 700 "${dataDir}"`;
}
