/**
 * The `spendwatch` CLI: the same core and data dir as the desktop app, for terminals and scripts.
 * Exit codes: 0 ok, 1 a command failed (e.g. an account failed to sync), 2 bad arguments,
 * 3 the OS keychain is unreachable.
 */
import { Command, CommanderError, Option } from 'commander';
import { microsToDecimal } from '../../shared/money';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../shared/providers';
import { AppError, toErrorInfo } from '../core/errors';
import { resolveDataDir } from '../core/paths';
import { money } from '../core/reports/status-report';
import type { Spendwatch } from '../core/use-cases/spendwatch';
import { readSecretFromStdin } from './read-secret';
import { openSpendwatch } from './session';
import { print, printAlerts, printedJson, printJson, printStream, renderStatus } from './output';
import { amountArg, dayArg, thresholdsArg } from './arguments';
import { registerSpendControlCommands } from './commands/spend-controls';
import { registerBillingCommands } from './commands/billing';
import { registerInsightCommands } from './commands/insights';
import { registerWebhookCommands } from './commands/webhooks';
import { registerServeCommand } from './commands/serve';
import { terminalSafe } from '../core/text/safe-output';
import { FileLog } from '../core/logging/file-log';
import { systemClock } from '../core/ports';
import { EXITING_FLUSH_BUDGET_MS } from '../core/webhooks/webhook-service';

/** The shared log file in the data dir (created only when something is written). */
const log = new FileLog(resolveDataDir(), 'cli', systemClock);

const EXIT = { ok: 0, failed: 1, usage: 2, keychain: 3 } as const;

/** The core the command opened, if any: alerts it raised are posted to the webhooks before the CLI exits. */
let opened: Spendwatch | undefined;

/** Spendwatch for the command being run: the same use cases as the desktop app, over the same data dir. */
function makeCore(): Spendwatch {
  opened = openSpendwatch(resolveDataDir(), log);
  return opened;
}

/** Text for the terminal: names and messages carry no escape sequences or control characters. */
const safe = terminalSafe;


function progressReporter(core: Spendwatch): () => void {
  if (!process.stderr.isTTY) return () => undefined;
  const names = new Map(core.accounts.list().map((a) => [a.id, a.name]));
  const off = core.onEvent((event, payload) => {
    if (event !== 'syncProgress') return;
    const p = payload as { accountId: string; doneDays: number; totalDays: number; phase: string };
    process.stderr.write(`\r${safe(names.get(p.accountId) ?? p.accountId)}: ${p.phase} ${p.doneDays}/${p.totalDays} days`);
  });
  return () => {
    off();
    process.stderr.write('\r\x1b[K');
  };
}

export function buildProgram(): Command {
  const program = new Command('spendwatch')
    .description('Watch your OpenAI and Anthropic API spend from the terminal (same data as the Spendwatch desktop app).')
    .showHelpAfterError()
    .exitOverride();

  const accounts = program.command('accounts').description('manage provider accounts').exitOverride();
  accounts
    .command('add')
    .description('add an account; the admin key is read from stdin, never from arguments')
    .addOption(new Option('--provider <provider>', 'provider').choices(PROVIDER_IDS).makeOptionMandatory())
    .requiredOption('--name <name>', 'a name for this organization')
    .option('--base-url <url>', `API base URL, ending in /v1 (default: ${PROVIDER_IDS.map((p) => `${p} ${PROVIDERS[p].defaultBaseUrl}`).join(', ')})`)
    .action(async (opts: { provider: ProviderId; name: string; baseUrl?: string }) => {
      if (opts.baseUrl !== undefined && !/\/v1\/?$/.test(opts.baseUrl)) {
        throw new AppError('invalid_input', `--base-url must end in /v1, as ${PROVIDERS[opts.provider].defaultBaseUrl} does.`);
      }
      const core = makeCore();
      await core.accounts.checkKeychain();
      const apiKey = await readSecretFromStdin(`${PROVIDERS[opts.provider].name} admin key (input hidden): `);
      if (!apiKey) throw new AppError('invalid_input', `No key on stdin. Pipe the admin key in, e.g.: spendwatch accounts add --provider ${opts.provider} --name Acme < key.txt`);
      const info = await core.accounts.add({ name: opts.name, provider: opts.provider, baseUrl: opts.baseUrl, apiKey });
      print(`Added ${info.name} (${info.keyHint}). Run "spendwatch sync" to fetch its history.\n`);
    });
  accounts
    .command('list')
    .description('list accounts (keys masked)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const list = makeCore().accounts.list();
      if (opts.json) {
        printJson({ accounts: list.map(({ name, provider, baseUrl, keyHint, createdAt }) => ({ name, provider, baseUrl, keyHint, createdAt })) });
      } else if (!list.length) {
        print('No accounts.\n');
      } else {
        for (const a of list) print(`${safe(a.name)}\t${a.provider}\t${a.keyHint}\t${safe(a.baseUrl)}\n`);
      }
    });
  accounts
    .command('replace-key')
    .argument('<name>', 'account name')
    .description("replace an account's admin key (read from stdin); tested with one call before it is stored, history kept")
    .action(async (name: string) => {
      const core = makeCore();
      const account = core.accounts.get(name);
      await core.accounts.checkKeychain();
      const apiKey = await readSecretFromStdin(`New ${PROVIDERS[account.provider].name} admin key for ${safe(account.name)} (input hidden): `);
      if (!apiKey) throw new AppError('invalid_input', `No key on stdin. Pipe the new admin key in, e.g.: spendwatch accounts replace-key "${safe(account.name)}" < key.txt`);
      const info = await core.accounts.replaceKey(account.id, apiKey);
      print(`Replaced the key of ${safe(info.name)} (now ${info.keyHint}); its history and budgets are kept.\n`);
    });
  accounts
    .command('remove')
    .argument('<name>', 'account name')
    .description('remove an account, its keychain entry and its local history')
    .action(async (name: string) => {
      const core = makeCore();
      const account = await core.accounts.remove(name);
      print(`Removed ${safe(account.name)}.\n`);
    });

  program
    .command('sync')
    .description('sync every account once; exits 1 if any account failed (the others are still saved)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const core = makeCore();
      if (core.accounts.list().length) await core.accounts.checkKeychain();
      const stop = progressReporter(core);
      const report = await core.sync.run();
      stop();
      // Repaired months were reported on stderr as they were fetched again (core.notices).
      if (opts.json) printJson(core.queries.status(report.alerts));
      else {
        printAlerts(report.alerts);
        for (const r of report.results) {
          print(r.ok ? `${safe(r.name)}: synced (${r.requests} request${r.requests === 1 ? '' : 's'})\n` : `${safe(r.name)}: FAILED — ${r.error?.code}: ${safe(r.error?.message ?? '')}\n`);
          if (r.warning) print(`${safe(r.name)}: warning — ${safe(r.warning)}\n`);
        }
        if (!report.results.length) print('No accounts to sync.\n');
      }
      if (report.results.some((r) => !r.ok)) process.exitCode = EXIT.failed;
    });

  program
    .command('status')
    .description('month to date, forecast and breakdowns from local history (no network)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const core = makeCore();
      const doc = core.queries.status(core.alerts.active());
      if (opts.json) printJson(doc);
      else print(renderStatus(doc));
    });

  program
    .command('export')
    .description('export daily costs: one row per UTC day × account × project × line item')
    .addOption(new Option('--format <format>', 'output format').choices(['csv']).default('csv'))
    .option('--from <YYYY-MM-DD>', 'first UTC day (default: 12 months ago)', dayArg)
    .option('--to <YYYY-MM-DD>', 'last UTC day (default: today)', dayArg)
    .option('--account <name>', 'only this account')
    .action(async (opts: { from?: string; to?: string; account?: string }) => {
      const core = makeCore();
      if (core.accounts.list().length === 0) throw new AppError('not_found', 'No accounts yet: nothing to export.');
      await printStream(core.queries.exportCsvChunks(opts.account ?? 'all', opts.from, opts.to).chunks);
    });

  const budget = program.command('budget').description('monthly (and daily, and per-project) budgets').exitOverride();
  budget
    .command('set')
    .description("set an account's monthly budget in USD (or, with --project, a project's)")
    .requiredOption('--account <name>', 'account name')
    .requiredOption('--monthly <usd>', 'monthly budget in USD', amountArg)
    .option('--thresholds <list>', 'alert thresholds in percent', thresholdsArg)
    .option('--daily <usd>', 'a daily budget in USD (UTC days)', amountArg)
    .option('--project <name-or-id>', "set this project's monthly budget instead of the account's")
    .action(async (opts: { account: string; monthly: number; thresholds?: number[]; daily?: number; project?: string }) => {
      // An empty --project (a script's unset variable) must not fall through to the account's budget.
      if (opts.project !== undefined && !opts.project.trim()) throw new AppError('invalid_input', '--project needs a project name or id.');
      // A project budget is one amount: thresholds and a daily budget are the account's, so say so rather than drop them.
      if (opts.project !== undefined && (opts.thresholds || opts.daily)) throw new AppError('invalid_input', '--daily and --thresholds apply to the account\'s budget; leave them out with --project.');
      const core = makeCore();
      if (opts.project !== undefined) {
        const change = core.budgets.setProject(opts.account, opts.project, opts.monthly);
        print(`Budget for project ${safe(opts.project)} in ${safe(change.accountName)}: ${usd(opts.monthly)} a month.\n`);
        printAlerts(change.alerts);
        return;
      }
      const change = core.budgets.setMonthly(opts.account, { monthlyMicros: opts.monthly, thresholds: opts.thresholds, dailyMicros: opts.daily });
      if (!change.budget) return;
      const daily = change.budget.dailyMicros ? `, ${usd(change.budget.dailyMicros)} a day` : '';
      print(`Budget for ${safe(change.accountName)}: ${usd(change.budget.monthlyMicros)} a month${daily}, alerts at ${change.budget.thresholds.join(', ')}%.\n`);
      printAlerts(change.alerts);
    });
  budget
    .command('list')
    .description('list budgets')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const core = makeCore();
      const rows = core.budgets.list().map((b) => ({ account: b.accountName, budget: b.budget }));
      if (opts.json) {
        printJson({
          budgets: rows.map(({ account, budget: b }) => ({
            account,
            monthly: b ? money(b.monthlyMicros) : null,
            thresholds: b?.thresholds ?? [],
            daily: b?.dailyMicros ? money(b.dailyMicros) : null,
            projects: Object.entries(b?.projects ?? {}).map(([id, micros]) => ({ id, monthly: money(micros) })),
          })),
        });
      } else {
        for (const { account, budget: b } of rows) {
          print(b ? `${safe(account)}\t${usd(b.monthlyMicros)} a month\talerts at ${b.thresholds.join(', ')}%${b.dailyMicros ? `\t${usd(b.dailyMicros)} a day` : ''}\n` : `${safe(account)}\tno budget\n`);
          for (const [id, micros] of Object.entries(b?.projects ?? {})) print(`  project ${safe(id)}\t${usd(micros)} a month\n`);
        }
      }
    });
  budget
    .command('remove')
    .description("remove an account's budget (or, with --project, only that project's)")
    .requiredOption('--account <name>', 'account name')
    .option('--project <name-or-id>', 'remove only this project budget')
    .action(async (opts: { account: string; project?: string }) => {
      const core = makeCore();
      core.budgets.remove(opts.account, opts.project);
      print(`Removed.\n`);
    });

  registerSpendControlCommands(program, makeCore);
  registerBillingCommands(program, makeCore);
  registerInsightCommands(program, makeCore);
  registerWebhookCommands(program, makeCore);
  registerServeCommand(program);
  return program;
}

const usd = (micros: number) => `$${microsToDecimal(micros)}`;

export async function main(argv = process.argv): Promise<number> {
  const program = buildProgram();
  // A script reading --json output always gets one document, the error inside when the command failed.
  const wantsJson = argv.slice(2).includes('--json');
  try {
    await program.parseAsync(argv);
    // A budget set, a sync, a payment recorded: what they raised goes out now (what fails waits in the outbox).
    // Within a few seconds: a receiver that is down must not hold up `status` (the rest is retried later).
    await opened?.webhooks.flush(EXITING_FLUSH_BUDGET_MS);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      if (wantsJson && !printedJson()) printJson({ error: { code: 'invalid_input', message: error.message.replace(/^error:\s*/, '') } });
      return EXIT.usage;
    }
    const info = toErrorInfo(error);
    if (info.code === 'internal') log.error(`Command "${argv.slice(2, 4).join(' ')}" failed unexpectedly`, error);
    process.stderr.write(`spendwatch: ${safe(info.message)}\n`);
    if (wantsJson && !printedJson()) printJson({ error: info });
    if (info.code === 'keychain_unavailable') return EXIT.keychain;
    if (info.code === 'invalid_input') return EXIT.usage;
    return EXIT.failed;
  }
}

