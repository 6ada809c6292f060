/**
 * Regressions from the second adversarial pass over the merged app: what one broken file or one hostile name
 * must not do to everything else.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBillingReport } from '../../../src/main/core/billing/billing-report';
import { settingsFile } from '../../../src/main/core/paths';
import { OpenAiProvider } from '../../../src/main/core/providers/openai/openai-provider';
import { JsonFileStore } from '../../../src/main/core/settings/json-file-store';
import { OpenAiSpendControls } from '../../../src/main/core/spend-controls/openai-spend-controls-api';
import { createTestSpendwatch, type TestSpendwatch } from '../../support/test-spendwatch';
import { neutraliseCsvCell } from '../../../src/main/core/text/safe-output';
import { invoiceInputSchema } from '../../../src/shared/billing';
import { MAX_SPEND_CONTROL_CENTS, parseWholeCents } from '../../../src/shared/spend-control-amounts';
import { FakeOpenAiServer } from '../../fake-openai/fake-openai-server';
import { smallOrganisation } from '../../fake-openai/organisations';
import { FakeKeychain } from '../../support/fake-vault';
import { FAST_RETRY } from '../../support/fast-retry';
import { TestClock } from '../../support/test-clock';

const KEY = 'sk-admin-regress00000000000000000000';
const NOW = new Date('2026-11-21T10:00:00Z');

describe('after the second adversarial pass', () => {
  let server: FakeOpenAiServer;
  let dataDir: string;
  let core: TestSpendwatch;

  beforeEach(async () => {
    server = new FakeOpenAiServer({ [KEY]: smallOrganisation(60, NOW) });
    const baseUrl = await server.start();
    dataDir = mkdtempSync(join(tmpdir(), 'sw-regress-'));
    core = createTestSpendwatch({
      dataDir,
      vault: new FakeKeychain(),
      clock: new TestClock(NOW),
      settingsStore: new JsonFileStore(settingsFile(dataDir)),
      createProvider: (account, apiKey) => new OpenAiProvider({ apiKey, baseUrl: account.baseUrl, retry: FAST_RETRY }),
      createSpendControls: (account, apiKey) =>
        new OpenAiSpendControls({ apiKey, baseUrl: account.baseUrl, retry: FAST_RETRY }),
    });
    await core.accounts.add({ name: 'Acme', provider: 'openai', apiKey: KEY, baseUrl });
  });
  afterEach(() => server.stop());

  it('a damaged billing.json never stops the budget alerts; it is reported instead', async () => {
    writeFileSync(join(dataDir, 'billing.json'), 'not json');
    core.services.settings.update((s) => {
      s.budgets[core.accounts.get('Acme').id] = {
        monthlyMicros: 10_000_000,
        thresholds: [50, 80, 100],
        dailyMicros: null,
        projects: {},
      };
    });
    const { alerts } = await core.sync.run();
    expect(alerts.map((a) => a.threshold).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([50, 80, 100]);
    expect(
      core.notices
        .list()
        .map((n) => n.message)
        .join('\n'),
    ).toMatch(/Invoices were not checked/);
  });

  it('status says damaged history is missing from its figures, instead of a silent $0.00', async () => {
    await core.services.sync.syncAll();
    const dir = join(dataDir, 'history', core.accounts.get('Acme').id);
    writeFileSync(join(dir, 'history.sqlite'), '{');
    // Two processes in turn: the second knows from the repair mark, though the first moved the file aside.
    for (let i = 0; i < 2; i++) {
      const fresh = createTestSpendwatch({
        dataDir,
        vault: core.services.vault,
        clock: new TestClock(NOW),
        settingsStore: new JsonFileStore(settingsFile(dataDir)),
      });
      const account = fresh.queries.status([]).accounts[0];
      expect(account.warning).toMatch(/The stored history was damaged/);
      expect(account.stale).toBe(true);
    }
    expect(readdirSync(dir).some((f) => f === 'all.repair.json')).toBe(true);
  });

  it('looks a project id up at OpenAI, and refuses one OpenAI does not have', async () => {
    await expect(
      core.services.spendControls.resolveProject(core.accounts.get('Acme'), 'proj_nope'),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.services.spendControls.resolveProject(core.accounts.get('Acme'), 'proj_beta')).resolves.toEqual({
      id: 'proj_beta',
      name: 'Beta bot',
    });
  });
});

describe('inert output and strict inputs', () => {
  it('CSV cells lose escape sequences, C1 controls and bidi overrides as well as formulas', () => {
    expect(neutraliseCsvCell('\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b31mBeta\u202e')).toBe('Beta');
    expect(neutraliseCsvCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
  });

  it('report cells cannot carry HTML, links, images or escape sequences, and name the provider', () => {
    const detail = {
      reconciliation: {
        accountId: 'a',
        accountName: '<img src=x onerror=alert(1)> [x](http://evil.example)\u001b[2J',
        month: '2026-10',
        status: 'no-invoice',
        period: { from: '2026-10-01', to: '2026-10-31' },
        finalFrom: '2026-11-04',
        invoice: null,
        costsMicros: 1,
        expectedMicros: 1,
        differenceMicros: 0,
        explanations: [],
      },
      byDay: [],
      byLineItem: [],
      byProject: [],
      supportCase: null,
    } as unknown as Parameters<typeof renderBillingReport>[0];
    const report = renderBillingReport(detail, '2026-11-21T00:00:00Z', { name: 'Anthropic' });
    // Only escaped forms remain (a backslash before < > [ ]), which Markdown shows as text.
    // eslint-disable-next-line no-control-regex
    expect(report).not.toMatch(/(^|[^\\])<img|[^\\]\]\(http|\u001b/m);
    expect(report).toContain('\\<img src=x onerror=alert(1)\\> \\[x\\]');
    expect(report).toContain('(Anthropic organisation)');
    expect(report).not.toContain('OpenAI');
  });

  it('refuses invoices with a negative subtotal, a date before their month, or control characters', () => {
    const ok = { accountId: 'a', month: '2026-10', totalMicros: 10_000_000 };
    expect(invoiceInputSchema.safeParse(ok).success).toBe(true);
    expect(invoiceInputSchema.safeParse({ ...ok, taxMicros: 50_000_000 }).success).toBe(false);
    expect(invoiceInputSchema.safeParse({ ...ok, date: '2026-09-01' }).success).toBe(false);
    expect(invoiceInputSchema.safeParse({ ...ok, date: '2026-11-03' }).success).toBe(true);
    expect(invoiceInputSchema.safeParse({ ...ok, number: 'INV\u009b2J' }).success).toBe(false);
    expect(invoiceInputSchema.safeParse({ ...ok, number: 'INV\u202eX' }).success).toBe(false);
  });

  it('caps spend limits at $100,000,000 like every other amount, and says so', () => {
    expect(MAX_SPEND_CONTROL_CENTS).toBe(10_000_000_000);
    expect(parseWholeCents('100000000')).toBe(10_000_000_000);
    expect(() => parseWholeCents('100000000.01')).toThrow(/more than \$100,000,000/);
  });
});
