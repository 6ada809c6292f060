import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { FakeOpenAiServer } from '../fake-openai/fake-openai-server';
import { smallOrganisation } from '../fake-openai/organisations';
import { runCli } from '../support/cli';

it('startup', async () => {
  const home = mkdtempSync(join(tmpdir(), 'sw-start-'));
  const KEY = `sk-admin-${'s'.repeat(24)}`;
  const server = new FakeOpenAiServer({ [KEY]: smallOrganisation(365) });
  const baseUrl = await server.start();
  await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme', '--base-url', baseUrl], { home, input: KEY });
  await runCli(['sync'], { home });
  await server.stop();
  const time = (args: string[], env = {}) => {
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const r = spawnSync('node', args, { env: { ...process.env, SPENDWATCH_HOME: home, ...env } });
      runs.push(performance.now() - t);
      if (r.status !== 0) throw new Error(String(r.stderr));
    }
    return runs.sort((a, b) => a - b)[7];
  };
  const bare = time(['-e', '0']);
  const status = time(['bin/spendwatch.js', 'status', '--json']);
  console.log(`RESULT bare ${bare.toFixed(1)} ms, status --json ${status.toFixed(1)} ms, ratio ${(status / bare).toFixed(2)}`);
  execFileSync('true');
}, 120_000);
