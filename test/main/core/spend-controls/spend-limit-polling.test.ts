/**
 * OpenAI's hard limit as the sync sees it: checked at most hourly (sooner near the limit, while enforcing,
 * or after a spend-limit error), stored at once, turned into once-only alerts and a red tray — and never
 * a reason for a cost sync to fail.
 */
import { trayText } from '../../../../src/main/electron/tray-text';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsFile } from '../../../../src/main/core/paths';
import { OpenAiProvider } from '../../../../src/main/core/providers/openai/openai-provider';
import { JsonFileStore } from '../../../../src/main/core/settings/json-file-store';
import { OpenAiSpendControls } from '../../../../src/main/core/spend-controls/openai-spend-controls-api';
import { createTestSpendwatch, type TestSpendwatch } from '../../../support/test-spendwatch';
import type { FakeOrganisation } from '../../../fake-openai/fake-openai-server';
import { FakeOpenAiServer } from '../../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../../fake-openai/organisations';
import { FakeKeychain } from '../../../support/fake-vault';
import { FAST_RETRY } from '../../../support/fast-retry';
import { TestClock } from '../../../support/test-clock';

const KEY = 'sk-admin-poll-aaaaaaaaaaaaaaaaaaaa';
const NOW = new Date('2026-11-21T10:00:00Z');
const MINUTE = 60_000;

describe('hard spend limit during syncs', () => {
  let server: FakeOpenAiServer;
  let org: FakeOrganisation;
  let clock: TestClock;
  let core: TestSpendwatch;
  let tray: { state: string; lines: string[] }[];

  beforeEach(async () => {
    org = smallOrganisation(30, NOW);
    server = new FakeOpenAiServer({ [KEY]: org });
    const baseUrl = await server.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-limit-poll-'));
    clock = new TestClock(NOW);
    tray = [];
    core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock,
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
      createProvider: (account, apiKey) => new OpenAiProvider({ apiKey, baseUrl: account.baseUrl, retry: FAST_RETRY }),
      createSpendControls: (account, apiKey) =>
        new OpenAiSpendControls({ apiKey, baseUrl: account.baseUrl, retry: FAST_RETRY }),
      notifier: { notify: () => undefined },
    });
    // As the app's main process does: the tray follows every data change.
    core.onEvent((event) => {
      if (event === 'snapshotChanged') tray.push(trayText(core.queries.trayFacts()));
    });
    await core.accounts.add({ name: 'Acme Prod', provider: 'openai', apiKey: KEY, baseUrl });
    server.clearLog();
  });
  afterEach(() => server.stop());

  const limitChecks = () => server.requestsTo('/organization/spend_limit').length;
  const monthToDate = () =>
    core.queries.dashboard({ accountId: 'all', range: 'mtd', groupBy: 'model' }).kpis.monthToDateMicros;
  const sync = async (advanceMinutes = 0) => {
    clock.advance(advanceMinutes * MINUTE);
    const report = await core.sync.run();
    expect(report.accounts[0].ok, JSON.stringify(report.accounts[0].error)).toBe(true);
    return report;
  };

  it('checks on the first sync, then at most hourly while far from the limit', async () => {
    await sync();
    expect(limitChecks()).toBe(1);
    await sync(15);
    await sync(15);
    expect(limitChecks()).toBe(1);
    await sync(31);
    expect(limitChecks()).toBe(2);
    expect(core.services.spendControls.known(core.accounts.list()[0].id).warning).toBeNull();
  });

  it('checks every poll near the limit, raises openai-limit-near once at 90%, and openai-limit-enforcing once', async () => {
    await sync();
    const spent = monthToDate();
    // 85% used: near enough to check each poll, not yet the 90% alert.
    org.spendControls = { limits: { org: { cents: Math.ceil(spent / 10_000 / 0.85) } }, alerts: {} };
    const learned = await sync(60);
    expect(learned.alerts.filter((a) => a.kind.startsWith('openai-limit'))).toEqual([]);
    const before = limitChecks();
    await sync(15);
    expect(limitChecks()).toBe(before + 1);

    org.spendControls.limits.org.cents = Math.ceil(spent / 10_000 / 0.95);
    const near = (await sync(15)).alerts.filter((a) => a.kind === 'openai-limit-near');
    expect(near).toHaveLength(1);
    expect(near[0]).toMatchObject({
      scope: 'account',
      threshold: 90,
      severity: 'warning',
      title: "Acme Prod is near OpenAI's hard spend limit",
    });
    expect((await sync(15)).alerts).toEqual([]);

    org.spendControls.limits.org.enforcing = true;
    const enforcing = (await sync(15)).alerts.filter((a) => a.kind === 'openai-limit-enforcing');
    expect(enforcing).toHaveLength(1);
    expect(enforcing[0].message).toMatch(
      /^OpenAI's hard spend limit of \$[\d,.]+ a month for Acme Prod is enforcing: OpenAI rejects its API requests/,
    );
    expect(tray.at(-1)!.state).toBe('over');
    expect(tray.at(-1)!.lines.some((l) => l.startsWith('OpenAI is blocking API requests for Acme Prod'))).toBe(true);
    expect((await sync(15)).alerts).toEqual([]);

    // OpenAI stops enforcing (limit raised): the tray follows at the next check.
    org.spendControls.limits.org = { cents: 10_000_000, enforcing: false };
    await sync(15);
    expect(tray.at(-1)!.lines.some((l) => l.startsWith('OpenAI is blocking'))).toBe(false);
  });

  it('checks a project limit it knows of, and alerts for that project', async () => {
    await sync();
    const account = core.accounts.list()[0];
    org.spendControls = { limits: { proj_alpha: { cents: 100, enforcing: true } }, alerts: {} };
    await core.services.spendControls.getLimit(account, { id: 'proj_alpha', name: 'Alpha app' });
    const alerts = core.alerts.evaluate();
    expect(alerts.map((a) => [a.kind, a.scope, a.title])).toEqual([
      ['openai-limit-enforcing', 'project:proj_alpha', 'OpenAI is blocking API requests for Alpha app (Acme Prod)'],
    ]);
    server.clearLog();
    await sync(61);
    expect(server.requestsTo('/organization/projects/proj_alpha/spend_limit')).toHaveLength(1);
    expect(server.requestsTo('/organization/spend_limit')).toHaveLength(1);
  });

  it('discovers a hard limit on a project that spends this month, hourly, without knowing of it before', async () => {
    org.spendControls = { limits: { proj_beta: { cents: 100, enforcing: true } }, alerts: {} };
    const first = await sync();
    expect(first.alerts.filter((a) => a.kind === 'openai-limit-enforcing').map((a) => [a.scope, a.title])).toEqual([
      ['project:proj_beta', 'OpenAI is blocking API requests for Beta bot (Acme Prod)'],
    ]);
    // "(no project)" spend has no limit to ask about.
    expect(
      server.requests
        .filter((r) => r.path.includes('/spend_limit'))
        .map((r) => r.path)
        .sort(),
    ).toEqual([
      '/v1/organization/projects/proj_alpha/spend_limit',
      '/v1/organization/projects/proj_beta/spend_limit',
      '/v1/organization/projects/proj_old/spend_limit',
      '/v1/organization/spend_limit',
    ]);
  });

  it('checks sooner after a sync meets a spend-limit error', async () => {
    await sync();
    const checks = limitChecks();
    clock.advance(10 * MINUTE);
    server.addFault({
      path: '/organization/costs',
      kind: 'status',
      status: 429,
      body: {
        error: {
          message: 'Organization spend limit exceeded.',
          type: 'insufficient_quota',
          param: null,
          code: 'organization_spend_limit_exceeded',
        },
      },
    });
    org.spendControls = { limits: { org: { cents: 100, enforcing: true } }, alerts: {} };
    const report = await core.sync.run();
    expect(report.accounts[0].ok).toBe(false);
    expect(limitChecks()).toBe(checks + 1);
    expect(report.alerts.map((a) => a.kind)).toContain('openai-limit-enforcing');
  });

  it('never fails a cost sync: a refused or failing check is a warning, retried at the next due check', async () => {
    server.addFault({
      path: '/spend_limit',
      kind: 'status',
      status: 403,
      body: {
        error: {
          message: 'Missing scopes: api.organization.spend_limits.read.',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
    });
    await sync();
    const accountId = core.accounts.list()[0].id;
    expect(core.services.spendControls.known(accountId).warning).toMatch(
      /cannot read OpenAI's spend limits and alerts: it needs the api\.organization\.spend_limits\.read permission/,
    );
    expect(core.services.history.readState(accountId).lastError).toBeNull();
    await sync(15);
    expect(limitChecks()).toBe(1);
    server.addFault({ path: '/spend_limit', kind: 'status', status: 500, times: FAST_RETRY.maxAttempts });
    await sync(61);
    expect(core.services.spendControls.known(accountId).warning).toMatch(/could not be checked/);
    await sync(61);
    expect(core.services.spendControls.known(accountId).warning).toBeNull();
  });
});
