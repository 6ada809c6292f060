// A real Prometheus scraping `spendwatch serve` with the shipped rules, and screenshots of its graph and alerts
// pages (Grafana cannot run on this machine): npx tsx scripts/dev/screenshot-prometheus.ts <out dir>.
// Needs the CLI build (node scripts/build-cli.mjs) and Debian's prometheus.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createNodeSpendwatch } from '../../src/main/core/compose-node';
import { FakeOpenAiServer } from '../../test/fake-openai/fake-openai-server';
import { attributedOrganisation } from '../../test/fake-openai/organisations';
import { launchChromium } from '../../test/support/chromium';
import { FakeKeychain } from '../../test/support/fake-vault';

const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });
const key = `sk-admin-${'p'.repeat(24)}`;
const server = new FakeOpenAiServer({ [key]: attributedOrganisation(60) });
const baseUrl = await server.start();
const dataDir = mkdtempSync(join(tmpdir(), 'sw-prom-'));
const core = createNodeSpendwatch({ dataDir, vault: new FakeKeychain() });
await core.accounts.add({ name: 'Acme', provider: 'openai', baseUrl, apiKey: key });
core.budgets.setMonthly('Acme', { monthlyMicros: 40_000_000 });
const creds = mkdtempSync(join(tmpdir(), 'sw-creds-'));
writeFileSync(join(creds, 'openai-Acme'), key);
chmodSync(join(creds, 'openai-Acme'), 0o600);

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => done(p));
    });
  });
const servePort = await freePort();
const serve = spawn('node', ['bin/spendwatch.cjs', 'serve', '--listen', `127.0.0.1:${servePort}`, '--credentials'], {
  env: { ...process.env, SPENDWATCH_HOME: dataDir, CREDENTIALS_DIRECTORY: creds },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const promPort = await freePort();
const promDir = mkdtempSync(join(tmpdir(), 'sw-promdata-'));
writeFileSync(
  join(promDir, 'prometheus.yml'),
  `global: { scrape_interval: 2s, evaluation_interval: 2s }
rule_files: ['${resolve('deploy/prometheus/spendwatch.rules.yml')}']
scrape_configs: [{ job_name: spendwatch, static_configs: [{ targets: ['127.0.0.1:${servePort}'] }] }]
`,
);
const prom = spawn(
  'prometheus',
  [
    `--config.file=${join(promDir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(promDir, 'data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
  ],
  { stdio: 'ignore' },
);
await new Promise((r) => setTimeout(r, 25_000));
const browser = await launchChromium();
for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 720]) {
    const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme, locale: 'en-US' });
    const expr = encodeURIComponent('spendwatch_project_month_to_date_dollars');
    await page.goto(`http://127.0.0.1:${promPort}/classic/graph?g0.expr=${expr}&g0.tab=1&g0.range_input=1m`);
    await page.waitForTimeout(3_000);
    await page.screenshot({ path: join(out, `prometheus-graph-${scheme}-${width}.png`) });
    await page.goto(`http://127.0.0.1:${promPort}/classic/alerts`);
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: join(out, `prometheus-alerts-${scheme}-${width}.png`), fullPage: true });
    await page.close();
  }
}
await browser.close();
prom.kill('SIGTERM');
serve.kill('SIGTERM');
await server.stop();
