/**
 * The deployment files under deploy/ (Prometheus rules and their unit tests, example Prometheus and Alertmanager
 * configurations, the Grafana dashboard, the systemd unit) against the tools that read them where the machine has
 * them (promtool, amtool, systemd-analyze), and against the metrics contract of `spendwatch serve` always: a renamed
 * metric or a misspelt alert name fails here, not in someone's silent dashboard.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PROMETHEUS_DIR = join(ROOT, 'deploy/prometheus');
const RULES = join(PROMETHEUS_DIR, 'spendwatch.rules.yml');
const RULES_TEST = join(PROMETHEUS_DIR, 'spendwatch.rules.test.yml');
const PROMETHEUS_CONFIG = join(PROMETHEUS_DIR, 'prometheus.example.yml');
const ALERTMANAGER_CONFIG = join(PROMETHEUS_DIR, 'alertmanager.example.yml');
const DASHBOARD = join(ROOT, 'deploy/grafana/spendwatch.json');
const UNIT = join(ROOT, 'deploy/systemd/spendwatch.service');

/** The metric names `spendwatch serve` exposes (src/main/server/metrics.ts), and Prometheus's own `up`. */
const CONTRACT_METRICS = [
  'spendwatch_month_to_date_dollars',
  'spendwatch_today_dollars',
  'spendwatch_forecast_dollars',
  'spendwatch_budget_dollars',
  'spendwatch_project_month_to_date_dollars',
  'spendwatch_spend_limit_dollars',
  'spendwatch_spend_limit_enforcing',
  'spendwatch_last_sync_success_timestamp_seconds',
  'spendwatch_sync_failures_total',
];
const KNOWN_METRICS = new Set([...CONTRACT_METRICS, 'up']);
const ALERTS = [
  'SpendwatchBudget80Percent',
  'SpendwatchBudgetExceeded',
  'SpendwatchForecastOverBudget',
  'SpendwatchHardLimitEnforcing',
  'SpendwatchDataStale',
];

interface Run {
  code: number | null;
  output: string;
  missing: boolean;
}

function run(command: string, args: string[], cwd = ROOT): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { code: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, missing };
}

const hasTool = (command: string, args: string[]) => !run(command, args).missing;
const HAS_PROMTOOL = hasTool('promtool', ['--version']);
const HAS_AMTOOL = hasTool('amtool', ['--version']);
const HAS_SYSTEMD_ANALYZE = hasTool('systemd-analyze', ['--version']);
// CI installs Debian's prometheus package (.ci/run): a missing promtool there is a broken CI, not a skip.
const PROMTOOL_REQUIRED = Boolean(process.env.CI);

/** promtool's checks: run when it is installed, fail in CI without it, skip (saying why) elsewhere. */
function itWithPromtool(name: string, body: () => void) {
  if (HAS_PROMTOOL) it(name, body);
  else if (PROMTOOL_REQUIRED)
    it(name, () => expect.fail('promtool is not installed, and CI must run it (Debian package "prometheus").'));
  else it.skip(`${name} (skipped: promtool is not installed; apt-get install prometheus)`, body);
}

function expectSuccess(result: Run) {
  expect(result.output, result.output).not.toMatch(/FAILED/);
  expect(result.code, result.output).toBe(0);
}

// ---------------------------------------------------------------------------------------------------------------
// PromQL, just enough to list what an expression names: metric selectors and function calls.

const PROMQL_KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'Inf',
  'NaN',
  'inf',
  'nan',
]);
const PROMQL_FUNCTIONS = new Set([
  // Aggregations and the functions these files may reasonably use; anything else is worth a look.
  'sum',
  'avg',
  'min',
  'max',
  'count',
  'topk',
  'bottomk',
  'sort',
  'sort_desc',
  'time',
  'increase',
  'rate',
  'irate',
  'delta',
  'deriv',
  'abs',
  'clamp_min',
  'clamp_max',
  'round',
  'vector',
  'scalar',
  'absent',
  'changes',
  'resets',
  'max_over_time',
  'min_over_time',
  'avg_over_time',
  'last_over_time',
  'timestamp',
  'label_replace',
]);

function promqlNames(expr: string): { metrics: string[]; functions: string[] } {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""') // strings (label values, Grafana variables in them)
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range and subquery durations ($__range included)
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '$1'); // label lists
  const metrics: string[] = [];
  const functions: string[] = [];
  for (const [, name, call] of bare.matchAll(/(?<![\w.:$])([A-Za-z_:][\w:]*)(\s*\()?/g)) {
    if (PROMQL_KEYWORDS.has(name)) continue;
    (call || PROMQL_FUNCTIONS.has(name) ? functions : metrics).push(name);
  }
  return { metrics, functions };
}

// ---------------------------------------------------------------------------------------------------------------

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rulesFile = parse(readFileSync(RULES, 'utf8')) as { groups: { name: string; rules: AlertRule[] }[] };
const rules = rulesFile.groups.flatMap((g) => g.rules);
const rule = (name: string) => rules.find((r) => r.alert === name)!;

describe('deploy/prometheus/spendwatch.rules.yml', () => {
  itWithPromtool('passes promtool check rules', () => {
    expectSuccess(run('promtool', ['check', 'rules', RULES]));
  });

  itWithPromtool('passes its unit tests (promtool test rules spendwatch.rules.test.yml)', () => {
    const result = run('promtool', ['test', 'rules', RULES_TEST]);
    expectSuccess(result);
    expect(result.output).toMatch(/SUCCESS/);
  });

  it('is one group "spendwatch" of exactly the five alerts', () => {
    expect(rulesFile.groups.map((g) => g.name)).toEqual(['spendwatch']);
    expect(rules.map((r) => r.alert).sort()).toEqual([...ALERTS].sort());
    expect(rules.filter((r) => r.record)).toEqual([]);
  });

  it("uses only contract metrics, in the annotations' queries too", () => {
    for (const r of rules) {
      const { metrics, functions } = promqlNames(r.expr);
      expect(metrics.length, r.alert).toBeGreaterThan(0);
      expect(
        metrics.filter((m) => !KNOWN_METRICS.has(m)),
        r.alert,
      ).toEqual([]);
      expect(
        functions.filter((f) => !PROMQL_FUNCTIONS.has(f)),
        r.alert,
      ).toEqual([]);
      const inTemplates = Object.values(r.annotations ?? {}).flatMap((text) => text.match(/\bspendwatch_\w+/g) ?? []);
      expect(
        inTemplates.filter((m) => !KNOWN_METRICS.has(m)),
        r.alert,
      ).toEqual([]);
    }
  });

  it('pairs two metrics on (account, provider) only', () => {
    for (const r of rules) {
      const distinct = new Set(promqlNames(r.expr).metrics);
      if (distinct.size < 2) continue;
      const matchings = [...r.expr.matchAll(/\bon\s*\(([^)]*)\)/g)].map((m) => m[1].replace(/\s/g, ''));
      expect(matchings.length, r.alert).toBeGreaterThan(0);
      expect(new Set(matchings), r.alert).toEqual(new Set(['account,provider']));
    }
  });

  it('has the thresholds, severities and `for:` durations the alerts promise', () => {
    const expected: Record<string, { severity: string; for: string; expr: RegExp }> = {
      SpendwatchBudget80Percent: {
        severity: 'warning',
        for: '0m',
        expr: /0\.8 \* spendwatch_budget_dollars[\s\S]*< on\(account, provider\) spendwatch_budget_dollars/,
      },
      SpendwatchBudgetExceeded: {
        severity: 'critical',
        for: '0m',
        expr: /spendwatch_month_to_date_dollars >= on\(account, provider\) spendwatch_budget_dollars/,
      },
      SpendwatchForecastOverBudget: {
        severity: 'warning',
        for: '15m',
        expr: /spendwatch_forecast_dollars > on\(account, provider\) spendwatch_budget_dollars/,
      },
      SpendwatchHardLimitEnforcing: { severity: 'critical', for: '0m', expr: /spendwatch_spend_limit_enforcing == 1/ },
      SpendwatchDataStale: {
        severity: 'warning',
        for: '15m',
        expr: /time\(\) - spendwatch_last_sync_success_timestamp_seconds > 7200/,
      },
    };
    for (const [name, want] of Object.entries(expected)) {
      const r = rule(name);
      expect(r.labels?.severity, name).toBe(want.severity);
      expect(r.for, name).toBe(want.for);
      expect(r.expr, name).toMatch(want.expr);
    }
  });

  it('describes each alert by account, budget alerts in dollars with two decimals', () => {
    for (const r of rules) {
      expect(r.annotations?.summary, r.alert).toContain('{{ $labels.account }}');
      expect(r.annotations?.description, r.alert).toContain('{{ $labels.account }}');
    }
    for (const name of ['SpendwatchBudget80Percent', 'SpendwatchBudgetExceeded']) {
      expect(rule(name).annotations?.description, name).toContain('{{ $value | printf "%.2f" }}');
    }
  });

  it('has unit tests for every alert, firing and not firing', () => {
    const suite = parse(readFileSync(RULES_TEST, 'utf8')) as {
      rule_files: string[];
      tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
    };
    expect(suite.rule_files).toEqual(['spendwatch.rules.yml']);
    const cases = suite.tests.flatMap((t) => t.alert_rule_test);
    for (const name of ALERTS) {
      expect(
        cases.some((c) => c.alertname === name && c.exp_alerts.length > 0),
        `${name} firing`,
      ).toBe(true);
      expect(
        cases.some((c) => c.alertname === name && c.exp_alerts.length === 0),
        `${name} not firing`,
      ).toBe(true);
    }
    expect(cases.map((c) => c.alertname).filter((n) => !ALERTS.includes(n))).toEqual([]);
  });
});

describe('deploy/prometheus/prometheus.example.yml', () => {
  const config = parse(readFileSync(PROMETHEUS_CONFIG, 'utf8'));

  itWithPromtool('passes promtool check config (with the rule file it names)', () => {
    const result = run('promtool', ['check', 'config', PROMETHEUS_CONFIG]);
    expectSuccess(result);
    expect(result.output).toMatch(/SUCCESS: 1 rule files found/);
  });

  itWithPromtool('passes promtool check config with the optional bearer token enabled', () => {
    // The block is commented out because promtool needs the credentials file to exist: enable it on a copy
    // whose token file does.
    const dir = mkdtempSync(join(tmpdir(), 'sw-deploy-prom-'));
    const tokenFile = join(dir, 'spendwatch.token');
    writeFileSync(tokenFile, 'a'.repeat(64), { mode: 0o600 });
    copyFileSync(RULES, join(dir, 'spendwatch.rules.yml'));
    const text = readFileSync(PROMETHEUS_CONFIG, 'utf8');
    const enabled = text
      .replace(/^(\s*)# (authorization:| {2}type: Bearer| {2}credentials_file: )/gm, '$1$2')
      .replace('/etc/prometheus/spendwatch.token', tokenFile);
    expect(enabled).not.toBe(text);
    writeFileSync(join(dir, 'prometheus.yml'), enabled);
    expect(parse(enabled).scrape_configs[0].authorization).toEqual({ type: 'Bearer', credentials_file: tokenFile });
    expectSuccess(run('promtool', ['check', 'config', join(dir, 'prometheus.yml')]));
  });

  it('scrapes job "spendwatch" at 127.0.0.1:9477 and loads the rules', () => {
    const job = config.scrape_configs.find((s: { job_name: string }) => s.job_name === 'spendwatch');
    expect(job.static_configs).toEqual([{ targets: ['127.0.0.1:9477'] }]);
    expect(job.metrics_path ?? '/metrics').toBe('/metrics');
    expect(config.rule_files).toEqual(['spendwatch.rules.yml']);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual(['127.0.0.1:9093']);
    expect(readFileSync(PROMETHEUS_CONFIG, 'utf8')).toContain('#   credentials_file: /etc/prometheus/spendwatch.token');
  });
});

describe('deploy/prometheus/alertmanager.example.yml', () => {
  const text = readFileSync(ALERTMANAGER_CONFIG, 'utf8');
  const config = parse(text);

  const amtoolCheck = () => {
    const result = run('amtool', ['check-config', ALERTMANAGER_CONFIG]);
    expect(result.code, result.output).toBe(0);
  };
  if (HAS_AMTOOL) it('passes amtool check-config', amtoolCheck);
  else
    it.skip(
      'passes amtool check-config (skipped: amtool is not installed; the structure is checked below)',
      amtoolCheck,
    );

  it('routes to a Slack receiver, grouped by alert and account', () => {
    const names = config.receivers.map((r: { name: string }) => r.name);
    expect(names).toContain(config.route.receiver);
    for (const child of config.route.routes ?? []) expect(names).toContain(child.receiver);
    expect(config.route.group_by).toEqual(expect.arrayContaining(['alertname', 'account']));
    const slack = config.receivers.find((r: { name: string }) => r.name === config.route.receiver).slack_configs[0];
    expect(slack.api_url_file).toBe('/etc/alertmanager/slack-webhook-url');
    expect(slack.api_url).toBeUndefined();
    expect(slack.channel).toMatch(/^#/);
    expect(slack.title).toContain('alertname');
    expect(slack.text).toContain('.Annotations.summary');
    expect(slack.text).toContain('.Annotations.description');
    for (const template of [slack.title, slack.text]) {
      expect(template.split('{{').length, template).toBe(template.split('}}').length);
    }
  });

  it('lets SpendwatchBudgetExceeded inhibit SpendwatchBudget80Percent of the same account', () => {
    expect(config.inhibit_rules).toContainEqual({
      source_matchers: ['alertname="SpendwatchBudgetExceeded"'],
      target_matchers: ['alertname="SpendwatchBudget80Percent"'],
      equal: ['account'],
    });
    const named = [...text.matchAll(/alertname="(\w+)"/g)].map((m) => m[1]);
    expect(named.filter((n) => !ALERTS.includes(n))).toEqual([]);
  });

  it('holds no webhook URL', () => {
    expect(text).not.toMatch(/hooks\.slack\.com|https?:\/\//);
  });
});

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string; refId: string; datasource?: { type: string; uid: string } }[];
  fieldConfig: {
    defaults: { unit?: string; decimals?: number };
    overrides: { matcher: { options: string }; properties: { id: string; value: unknown }[] }[];
  };
}

describe('deploy/grafana/spendwatch.json', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  const panels = dashboard.panels as Panel[];
  const DS = { type: 'prometheus', uid: '${DS_PROMETHEUS}' };
  const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, refId: t.refId, expr: t.expr })));

  it('is an importable dashboard with a Prometheus input and an account variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.schemaVersion).toBeLessThanOrEqual(41);
    expect(dashboard.uid).toBe('spendwatch');
    expect(dashboard.__inputs).toEqual([
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }),
    ]);
    const account = dashboard.templating.list.find((v: { name: string }) => v.name === 'account');
    expect(account.datasource).toEqual(DS);
    expect(account.definition).toBe('label_values(spendwatch_month_to_date_dollars, account)');
    expect(account.query.query).toBe('label_values(spendwatch_month_to_date_dollars, account)');
  });

  it('gives every panel the Prometheus datasource and targets with an expression', () => {
    expect(panels.length).toBeGreaterThan(0);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const p of panels) {
      expect(p.datasource, p.title).toEqual(DS);
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets!) {
        expect(t.datasource, p.title).toEqual(DS);
        expect(t.expr.trim(), p.title).not.toBe('');
      }
    }
  });

  it('has the promised panels', () => {
    const byType = (type: string) => panels.filter((p) => p.type === type).map((p) => p.title);
    expect(byType('stat')).toEqual(
      expect.arrayContaining([
        'Month to date',
        'Today',
        'Forecast (end of month)',
        'Budget used',
        'Last successful sync',
        'Sync failures (selected range)',
      ]),
    );
    expect(byType('timeseries')).toEqual(['Month to date vs budget vs forecast']);
    expect(byType('bargauge')).toEqual(['Top projects this month']);
    expect(byType('table')).toEqual(['OpenAI hard spend limits']);
  });

  it('uses only contract metrics, and shows every one of them', () => {
    const used = new Set<string>();
    for (const { panel, expr } of exprs) {
      const { metrics, functions } = promqlNames(expr);
      expect(metrics.length, panel).toBeGreaterThan(0);
      expect(
        metrics.filter((m) => !KNOWN_METRICS.has(m)),
        panel,
      ).toEqual([]);
      expect(
        functions.filter((f) => !PROMQL_FUNCTIONS.has(f)),
        panel,
      ).toEqual([]);
      metrics.forEach((m) => used.add(m));
      // Every spendwatch series follows the account picker.
      if (metrics.some((m) => m.startsWith('spendwatch_'))) expect(expr, panel).toContain('account=~"$account"');
    }
    expect(CONTRACT_METRICS.filter((m) => !used.has(m))).toEqual([]);
  });

  itWithPromtool('has expressions Prometheus parses', () => {
    // promtool parses PromQL when it checks rules: each expression as a recording rule, Grafana's variables filled in.
    const dir = mkdtempSync(join(tmpdir(), 'sw-deploy-grafana-'));
    const file = join(dir, 'dashboard-exprs.rules.yml');
    const recorded = exprs.map((e, i) => ({
      record: `grafana:expr_${i}`,
      expr: e.expr.replaceAll('$account', '.*').replaceAll('$__range', '1h'),
    }));
    writeFileSync(file, JSON.stringify({ groups: [{ name: 'grafana', rules: recorded }] }));
    const result = run('promtool', ['check', 'rules', file]);
    expectSuccess(result);
    expect(result.output).toContain(`SUCCESS: ${recorded.length} rules found`);
  });

  it('shows money in dollars with two decimals', () => {
    for (const p of panels) {
      const dollars = (p.targets ?? []).some((t) => /_dollars\b/.test(t.expr) && !t.expr.includes('100 *'));
      if (!dollars || p.type === 'table') continue;
      expect(p.fieldConfig.defaults.unit, p.title).toBe('currencyUSD');
      expect(p.fieldConfig.defaults.decimals, p.title).toBe(2);
    }
    const limits = panels.find((p) => p.type === 'table')!;
    const limit = limits.fieldConfig.overrides.find((o) => o.matcher.options === 'Limit')!;
    expect(limit.properties).toEqual(
      expect.arrayContaining([
        { id: 'unit', value: 'currencyUSD' },
        { id: 'decimals', value: 2 },
      ]),
    );
  });

  it('lays the panels out without overlaps, within 24 columns', () => {
    const cells = new Set<string>();
    for (const { title, gridPos: g } of panels) {
      expect(g.x + g.w, title).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });
});

describe('deploy/systemd/spendwatch.service', () => {
  const text = readFileSync(UNIT, 'utf8');
  const lines = text.split('\n');
  /** Directive → values, per section, comments left out. */
  const sections = new Map<string, Map<string, string[]>>();
  let section = '';
  for (const line of lines.map((l) => l.trim())) {
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1];
      sections.set(section, new Map());
      continue;
    }
    const [key, ...rest] = line.split('=');
    const directives = sections.get(section)!;
    directives.set(key, [...(directives.get(key) ?? []), rest.join('=')]);
  }
  const service = sections.get('Service')!;
  const value = (key: string) => service.get(key);

  it('runs `spendwatch serve` on loopback with systemd credentials, as its own user', () => {
    expect(value('ExecStart')).toEqual(['/usr/bin/spendwatch serve --listen 127.0.0.1:9477 --credentials']);
    expect(value('User')).toEqual(['spendwatch']);
    expect(value('Group')).toEqual(['spendwatch']);
    expect(value('DynamicUser')).toBeUndefined();
    expect(text).toMatch(/^#.*useradd --system .*spendwatch$/m);
    expect(value('StateDirectory')).toEqual(['spendwatch']);
    expect(value('Environment')).toEqual(['SPENDWATCH_HOME=/var/lib/spendwatch']);
    expect(value('LoadCredential')).toEqual(['openai-acme:/etc/spendwatch/credentials/openai-acme']);
    expect(text).toMatch(/^#LoadCredential=anthropic-[\w-]+:\/etc\/spendwatch\/credentials\/anthropic-/m);
    expect(text).toMatch(/^#LoadCredential=webhook-(slack|json)-[\w-]+:\/etc\/spendwatch\/credentials\/webhook-/m);
    expect(sections.get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('has the hardening directives', () => {
    const hardening: Record<string, string> = {
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      NoNewPrivileges: 'yes',
      PrivateDevices: 'yes',
      ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes',
      ProtectKernelLogs: 'yes',
      ProtectControlGroups: 'yes',
      RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX',
      RestrictNamespaces: 'yes',
      LockPersonality: 'yes',
      MemoryDenyWriteExecute: 'no',
      SystemCallFilter: '@system-service',
      CapabilityBoundingSet: '',
      UMask: '0077',
      Restart: 'on-failure',
      KillSignal: 'SIGTERM',
      TimeoutStopSec: '45',
    };
    for (const [key, want] of Object.entries(hardening)) expect(value(key), key).toEqual([want]);
    // Why the JIT's memory may not be locked down is written beside it.
    const mdwe = lines.findIndex((l) => l.startsWith('MemoryDenyWriteExecute='));
    expect(lines[mdwe - 1]).toMatch(/^#.*(V8|JIT)/);
  });

  it('holds no key material', () => {
    expect(text).not.toMatch(/(?<![\w-])sk-[\w-]{8,}|hooks\.slack\.com|https?:\/\/(?!127\.0\.0\.1[:/])|Bearer\s+\w/);
    expect(value('SetCredential')).toBeUndefined();
    expect(value('SetCredentialEncrypted')).toBeUndefined();
    expect(value('EnvironmentFile')).toBeUndefined();
    for (const env of value('Environment') ?? []) expect(env).not.toMatch(/KEY|TOKEN|SECRET|PASSWORD|WEBHOOK/i);
    // Every credential, active or an example, comes from a file, never an inline value.
    for (const line of lines.filter((l) => /^#?LoadCredential=/.test(l))) {
      expect(line).toMatch(/^#?LoadCredential=[\w-]+:\/etc\/spendwatch\/credentials\/[\w-]+$/);
    }
  });

  const verifyReason = HAS_SYSTEMD_ANALYZE ? null : 'systemd-analyze is not installed';
  it.skipIf(verifyReason !== null)(
    `passes systemd-analyze verify and scores OK on its security check${verifyReason ? ` (skipped: ${verifyReason})` : ''}`,
    () => {
      // verify insists ExecStart's binary exists: on a machine without spendwatch installed, check a copy that
      // starts node instead (same arguments, same everything else).
      const dir = mkdtempSync(join(tmpdir(), 'sw-deploy-unit-'));
      const unit = join(dir, 'spendwatch.service');
      writeFileSync(
        unit,
        existsSync('/usr/bin/spendwatch') ? text : text.replaceAll('/usr/bin/spendwatch', process.execPath),
      );
      const verify = run('systemd-analyze', ['verify', unit]);
      expect(verify.code, verify.output).toBe(0);
      expect(verify.output, verify.output).not.toContain('spendwatch.service:');
      // Exposure 0 (locked down) to 10 (unprotected): "OK" is below 2.0.
      const security = run('systemd-analyze', ['security', '--offline=yes', '--threshold=20', unit]);
      expect(security.code, security.output).toBe(0);
      expect(security.output).toMatch(/Overall exposure level for spendwatch\.service: \d\.\d OK/);
    },
  );
});
