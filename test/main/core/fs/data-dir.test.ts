/** The data dir is private: a wider mode is reported at start (CLI on stderr), never silently left. */
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataDirProblem } from '../../../../src/main/core/fs/data-dir';
import { writeFileAtomic } from '../../../../src/main/core/fs/atomic-file';
import { ensureCliBuilt, runCli } from '../../../support/cli';

describe('the data dir mode', () => {
  beforeAll(() => ensureCliBuilt());

  it('is created 0700 by the first write, and a private one raises nothing', () => {
    const home = join(mkdtempSync(join(tmpdir(), 'sw-mode-')), 'home');
    writeFileAtomic(join(home, 'history', 'x.json'), '{}\n');
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'history')).mode & 0o777).toBe(0o700);
    expect(dataDirProblem(home)).toBeNull();
  });

  it('a folder others can read is reported with the fix, and the CLI says so on stderr', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sw-mode-'));
    chmodSync(home, 0o755);
    expect(dataDirProblem(home)).toMatch(/can be read by other users of this machine \(mode 755\).*chmod 700/);
    const r = await runCli(['status', '--json'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^spendwatch: The data folder .* can be read by other users of this machine \(mode 755\)/m,
    );
    JSON.parse(r.stdout);
    // Reported, not changed behind the user's back.
    expect(statSync(home).mode & 0o777).toBe(0o755);
  });
});
