/**
 * A file Spendwatch may not read is a permission problem, not damage: it is reported as such and left
 * where it is (never moved aside as "corrupt"). Root reads everything, so the CLI runs as `nobody`
 * (setpriv) against a data dir prepared by root.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../../support/cli';
import { HistoryStore } from '../../../src/main/core/history/history-store';
import { costRow } from '../../support/cost-row';

const canDropPrivileges =
  process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v setpriv'], { stdio: 'ignore' }).status === 0;

function runAsNobody(home: string, args: string[]) {
  const node = realpathSync(process.execPath);
  const r = spawnSync(
    'setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', node, 'bin/spendwatch.cjs', ...args],
    { env: { ...process.env, SPENDWATCH_HOME: home }, encoding: 'utf8' },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.runIf(canDropPrivileges)('files Spendwatch may not read', () => {
  let home: string;
  const config = {
    version: 1,
    accounts: [
      {
        id: 'acc_1',
        name: 'Acme',
        provider: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        keyHint: 'sk-admin-…abcd',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    ],
    budgets: {},
    general: { pollMinutes: 15 },
  };

  beforeAll(() => {
    ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), 'sw-perm-'));
    mkdirSync(join(home, 'history', 'acc_1'), { recursive: true });
    writeFileSync(join(home, 'config.json'), JSON.stringify(config));
    writeFileSync(
      join(home, 'history', 'acc_1', '2026-11.json'),
      '{"version":1,"month":"2026-11","costs":{},"usage":{}}',
    );
    for (const dir of [home, join(home, 'history'), join(home, 'history', 'acc_1')]) chmodSync(dir, 0o755);
    chmodSync(join(home, 'config.json'), 0o644);
  });

  it('a month file with permission 000 is reported as a permission error and left alone', () => {
    chmodSync(join(home, 'history', 'acc_1', '2026-11.json'), 0o000);
    const r = runAsNobody(home, ['status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*2026-11\.json: permission denied\. This is not damage/);
    expect(readdirSync(join(home, 'history', 'acc_1'))).toEqual(['2026-11.json']);
  });

  it('so is a history database with permission 000', () => {
    const account = join(home, 'history', 'acc_2');
    const s = new HistoryStore(home, { now: () => new Date() });
    s.load('acc_2').history.replaceCosts(new Map([['2026-11-01', [costRow('p', 'x', 1)]]]));
    s.save('acc_2');
    chmodSync(account, 0o755);
    chmodSync(join(account, 'history.sqlite'), 0o000);
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({ ...config, accounts: [{ ...config.accounts[0], id: 'acc_2' }] }),
    );
    const r = runAsNobody(home, ['status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot open .*history\.sqlite.*Check the permissions/);
    expect(r.stderr).not.toMatch(/damaged/);
    expect(readdirSync(account)).toEqual(['history.sqlite']);
    writeFileSync(join(home, 'config.json'), JSON.stringify(config));
  });

  it('so is a config.json with permission 000', () => {
    chmodSync(join(home, 'config.json'), 0o000);
    const r = runAsNobody(home, ['accounts', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*config\.json: permission denied/);
    expect(r.stderr).not.toMatch(/damaged/);
    expect(readdirSync(home).sort()).toEqual(['config.json', 'history']);
  });
});
