/** The server's small parts: --listen parsing, the bearer check, the metrics report and its exposition, the credentials vault. */
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseListen } from '../../../src/main/server/listen-address';
import { bearerCheck, readTokenFile } from '../../../src/main/server/bearer-token';
import { spendwatchMetrics } from '../../../src/main/server/metrics';
import { teamMetrics, TOP_PROJECTS } from '../../../src/main/core/reports/team-metrics';
import type { StatusDocument } from '../../../src/main/core/reports/status-report';
import { CredentialsVault, listCredentials } from '../../../src/main/core/vault/credentials-vault';

describe('--listen', () => {
  it('takes host:port and bracketed IPv6, and knows what stays on this machine', () => {
    expect(parseListen('127.0.0.1:9477')).toEqual({ host: '127.0.0.1', port: 9477, loopback: true });
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0, loopback: true });
    expect(parseListen('localhost:80')).toMatchObject({ loopback: true });
    expect(parseListen('127.9.9.9:1')).toMatchObject({ loopback: true });
    for (const wide of ['0.0.0.0:9477', '[::]:9477', '10.0.0.5:9477', 'example.com:9477', '127.0.0.1.nip.io:1'])
      expect(parseListen(wide).loopback, wide).toBe(false);
  });
  it('refuses what is not an address and a port', () => {
    for (const bad of ['9477', ':9477', '127.0.0.1', '127.0.0.1:65536', '[zz]:1', 'a b:1', '127.0.0.1:-1', '[::1:1'])
      expect(() => parseListen(bad), bad).toThrow(/--listen/);
  });
});

describe('the bearer token', () => {
  const home = mkdtempSync(join(tmpdir(), 'sw-token-'));
  it('accepts exactly "Bearer <token>", nothing shorter, longer or missing', () => {
    const ok = bearerCheck('0123456789abcdef0123');
    expect(ok('Bearer 0123456789abcdef0123')).toBe(true);
    expect(ok('bearer 0123456789abcdef0123')).toBe(true);
    for (const bad of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer 0123456789abcdef012',
      'Bearer 0123456789abcdef01234',
      'Basic 0123456789abcdef0123',
      '0123456789abcdef0123',
      'Bearer 0123456789abcdef0123 extra',
    ])
      expect(ok(bad), String(bad)).toBe(false);
  });
  it('reads one token from a file, refuses a short or spaced one, and warns when others can read it', () => {
    const file = join(home, 'token');
    writeFileSync(file, 'abcdef0123456789abcdef\n');
    chmodSync(file, 0o600);
    expect(readTokenFile(file)).toEqual({ token: 'abcdef0123456789abcdef', warning: null });
    chmodSync(file, 0o644);
    expect(readTokenFile(file).warning).toMatch(/readable by other users/);
    writeFileSync(file, 'short');
    expect(() => readTokenFile(file)).toThrow(/at least 16 characters/);
    writeFileSync(file, 'abcdef0123456789 abcdef');
    expect(() => readTokenFile(file)).toThrow(/without spaces/);
    expect(() => readTokenFile(join(home, 'missing'))).toThrow(/cannot be read \(ENOENT\)/);
  });
});

const status = (
  byProject: { id: string; name: string; amount: string }[],
  extra: Partial<StatusDocument['accounts'][number]> = {},
): StatusDocument => ({
  generatedAt: '2026-12-02T00:00:00.000Z',
  period: '2026-12',
  alerts: [],
  accounts: [
    {
      name: 'Acme "prod"\nline',
      provider: 'openai',
      lastSyncedAt: '2026-12-02T10:00:00.000Z',
      stale: false,
      error: null,
      warning: null,
      monthToDate: { amount: '1234.567891', currency: 'usd' },
      today: { amount: '12.5', currency: 'usd' },
      forecast: null,
      budget: null,
      byProject: byProject.map((p) => ({ ...p, currency: 'usd' })),
      byLineItem: [],
      byModel: [],
      otherCurrencies: [],
      ...extra,
    },
  ],
});

describe('the metrics report', () => {
  const now = new Date('2026-12-02T12:00:00.000Z');
  it('keeps the top 50 projects by spend and sums the rest, exactly, as "(other)"', () => {
    const projects = Array.from({ length: 60 }, (_, i) => ({ id: `proj_${i}`, name: `P${i}`, amount: `${i}.000001` }));
    const [account] = teamMetrics(status(projects), [{ controls: null, failuresTotal: 3, projectNames: {} }], now);
    expect(account.projects).toHaveLength(TOP_PROJECTS + 1);
    expect(account.projects[0]).toEqual({ name: 'P59', amount: '59.000001' });
    // P0..P9 are the rest: 45 dollars and 10 micro-dollars.
    expect(account.projects.at(-1)).toEqual({ name: '(other)', amount: '45.00001' });
    expect(account.failuresTotal).toBe(3);
  });
  it('tells two projects of one name apart by id, and a project really named "(other)" from the rest', () => {
    const [account] = teamMetrics(
      status([
        { id: 'proj_a', name: 'Web', amount: '2' },
        { id: 'proj_b', name: 'Web', amount: '1' },
        { id: 'proj_c', name: '(other)', amount: '0.5' },
      ]),
      [{ controls: null, failuresTotal: 0, projectNames: {} }],
      now,
    );
    expect(account.projects.map((p) => p.name)).toEqual(['Web (proj_a)', 'Web (proj_b)', '(other) (proj_c)']);
  });
  it('reports hard limits of this month by scope name; one checked last month is not enforcing now', () => {
    const controls = {
      accountId: 'a',
      warning: null,
      readOnly: false,
      scopes: [
        {
          scope: 'account' as const,
          name: null,
          limit: { cents: 100_000, enforcing: true },
          limitCheckedAt: '2026-12-01T00:00:00.000Z',
          emailAlerts: null,
          emailAlertsCheckedAt: null,
        },
        {
          scope: 'project:proj_a' as const,
          name: null,
          limit: { cents: 5_050, enforcing: true },
          limitCheckedAt: '2026-11-30T23:00:00.000Z',
          emailAlerts: null,
          emailAlertsCheckedAt: null,
        },
      ],
    };
    const [account] = teamMetrics(
      status([]),
      [{ controls, failuresTotal: 0, projectNames: { proj_a: 'Web app' } }],
      now,
    );
    expect(account.limits).toEqual([
      { scope: 'account', amount: '1000.00', enforcing: true },
      { scope: 'project:Web app', amount: '50.50', enforcing: false },
    ]);
  });
  it('labels two projects of one name by id in the limit metrics too, as in the spend metric', () => {
    const controls = {
      accountId: 'a',
      warning: null,
      readOnly: false,
      scopes: [
        {
          scope: 'project:proj_d1' as const,
          name: 'Dup',
          limit: { cents: 1_000, enforcing: false },
          limitCheckedAt: '2026-12-01T00:00:00.000Z',
          emailAlerts: null,
          emailAlertsCheckedAt: null,
        },
        {
          scope: 'project:proj_d2' as const,
          name: 'Dup',
          limit: { cents: 5_000, enforcing: true },
          limitCheckedAt: '2026-12-01T00:00:00.000Z',
          emailAlerts: null,
          emailAlertsCheckedAt: null,
        },
      ],
    };
    const [account] = teamMetrics(
      status([{ id: 'proj_d1', name: 'Dup', amount: '3' }]),
      [{ controls, failuresTotal: 0, projectNames: { proj_d1: 'Dup', proj_d2: 'Dup' } }],
      now,
    );
    expect(account.projects).toEqual([{ name: 'Dup (proj_d1)', amount: '3' }]);
    expect(account.limits.map((l) => l.scope)).toEqual(['project:Dup (proj_d1)', 'project:Dup (proj_d2)']);
  });

  it('exposes valid Prometheus text with escaped labels, the values of the status document, and no budget series without a budget', async () => {
    let projects = [{ id: 'p', name: 'Back\\slash', amount: '1.5' }];
    const metrics = spendwatchMetrics(() =>
      teamMetrics(
        status(projects),
        [{ controls: null, failuresTotal: 2, projectNames: {} }],
        new Date('2026-12-02T12:00:00Z'),
      ),
    );
    const text = await metrics.render();
    expect(text).toContain(
      'spendwatch_month_to_date_dollars{account="Acme \\"prod\\"\\nline",provider="openai"} 1234.567891',
    );
    expect(text).toContain('spendwatch_today_dollars{account="Acme \\"prod\\"\\nline",provider="openai"} 12.5');
    expect(text).toContain(
      'spendwatch_project_month_to_date_dollars{account="Acme \\"prod\\"\\nline",provider="openai",project="Back\\\\slash"} 1.5',
    );
    expect(text).toContain(
      `spendwatch_last_sync_success_timestamp_seconds{account="Acme \\"prod\\"\\nline"} ${Date.parse('2026-12-02T10:00:00.000Z') / 1000}`,
    );
    expect(text).toContain('spendwatch_sync_failures_total{account="Acme \\"prod\\"\\nline"} 2');
    expect(text).toMatch(/# TYPE spendwatch_sync_failures_total counter/);
    expect(text).not.toMatch(/^spendwatch_budget_dollars\{/m);
    expect(text).not.toMatch(/^spendwatch_forecast_dollars\{/m);
    // A second scrape after a change shows only what is true now (no series left over from the first).
    projects = [{ id: 'q', name: 'Renamed', amount: '1.5' }];
    const next = await metrics.render();
    expect(next).toContain('project="Renamed"');
    expect(next).not.toContain('Back\\\\slash');
  });
});

describe('systemd credentials', () => {
  it('knows accounts and webhooks by file name, reads them trimmed, and never writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-creds-'));
    writeFileSync(join(dir, 'openai-Acme Prod'), 'sk-admin-abc\n');
    writeFileSync(join(dir, 'anthropic-Research'), 'sk-ant-admin01-xyz');
    writeFileSync(join(dir, 'webhook-slack-ops'), 'https://hooks.slack.com/services/T/B/x');
    writeFileSync(join(dir, 'webhook-json-fin'), 'https://example.com/h');
    writeFileSync(join(dir, 'metrics-token'), 'not ours');
    writeFileSync(join(dir, 'openai-'), 'no name');
    mkdirSync(join(dir, 'openai-folder'));
    symlinkSync('/etc/passwd', join(dir, 'openai-link'));
    // Neither a directory nor a link is a credential systemd wrote: only regular files count.
    expect(listCredentials(dir).map((c) => [c.kind, c.name])).toEqual([
      ['anthropic', 'Research'],
      ['openai', 'Acme Prod'],
      ['webhook-json', 'fin'],
      ['webhook-slack', 'ops'],
    ]);
    const vault = new CredentialsVault(dir);
    expect(vault.read('openai-Acme Prod')).toBe('sk-admin-abc');
    expect(() => vault.read('openai-folder')).toThrow(/missing/);
    expect(() => vault.read('openai-link')).toThrow(/missing/);
    expect(await vault.get('account:acc_1')).toBeNull();
    await vault.set('account:acc_1', 'sk-admin-abc');
    expect(await vault.get('account:acc_1')).toBe('sk-admin-abc');
    await expect(vault.set('account:acc_2', 'sk-admin-other')).rejects.toThrow(/only from systemd credentials/);
    await expect(new CredentialsVault(join(dir, 'nope')).probe()).rejects.toThrow(/cannot be read/);
  });
});
