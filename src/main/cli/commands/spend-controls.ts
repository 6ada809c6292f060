/**
 * `spendwatch limit …` and `spendwatch email-alerts …`: OpenAI's own hard spend limit and email spend
 * alerts, for an organisation or one of its projects. Amounts are dollars on the command line and whole
 * cents at OpenAI; anything that is not a whole number of cents is refused (exit 2) before any request.
 * A change OpenAI refuses (e.g. a read-only key) exits 1 and changes nothing.
 */
import type { Command } from 'commander';
import {
  centsToDecimal,
  limitConsequence,
  type SpendEmailAlert,
  type SpendLimit,
} from '../../../shared/spend-controls';
import type { ProjectRef } from '../../core/spend-controls/spend-controls-service';
import type { SpendScopeTarget } from '../../core/use-cases/spend-controls';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { alertIdArg, centsArg, emailsArg } from '../arguments';
import { print, printJson } from '../output';
import { ACCOUNT_CURRENCY } from '../../../shared/money';
import { moneyText } from '../../../shared/money-text';

/** OpenAI's limits are whole cents; a cent is 10,000 micros. */
const CENT_MICROS = 10_000;

const dollars = (cents: number) => moneyText(cents * CENT_MICROS);
const money = (cents: number) => ({ amount: centsToDecimal(cents), currency: ACCOUNT_CURRENCY });

interface ScopeOptions {
  account: string;
  project?: string;
}

const scopeOf = (core: Spendwatch, opts: ScopeOptions) => core.spendControls.findScope(opts.account, opts.project);

const projectJson = (project: ProjectRef | null) => (project ? { id: project.id, name: project.name } : null);

function limitText(label: string, limit: SpendLimit | null): string {
  if (!limit) return `${label}: no hard spend limit at OpenAI.\n`;
  const state = limit.enforcing ? 'ENFORCING — OpenAI is rejecting API requests' : 'not reached';
  return `${label}: OpenAI hard spend limit ${dollars(limit.cents)} a month (${state}).\n`;
}

function alertLine(alert: SpendEmailAlert): string {
  return `${alert.id}\t${dollars(alert.cents)} a month\t${alert.recipients.join(', ')}\n`;
}

export function registerSpendControlCommands(program: Command, makeCore: () => Spendwatch): void {
  /**
   * A subcommand that acts on an organisation (--account) or one of its projects (--project): the scope is
   * resolved once, the keychain checked, before `run`.
   */
  const scoped = <O extends object>(
    parent: Command,
    name: string,
    description: string,
    run: (core: Spendwatch, scope: SpendScopeTarget, opts: ScopeOptions & O) => Promise<void>,
  ) =>
    parent
      .command(name)
      .description(description)
      .requiredOption('--account <name>', 'account name')
      .option('--project <name-or-id>', 'a project instead of the whole organisation')
      .action(async (opts: ScopeOptions & O) => {
        const core = makeCore();
        await run(core, await scopeOf(core, opts), opts);
      });

  const limit = program
    .command('limit')
    .description("OpenAI's hard spend limit (above it OpenAI rejects API requests)")
    .exitOverride();
  scoped<{ json?: boolean }>(
    limit,
    'get',
    "show OpenAI's hard monthly spend limit for an account (or a project) and whether it is enforcing",
    async (core, scope, opts) => {
      const reading = await core.spendControls.getLimit(scope);
      if (opts.json) {
        printJson({
          account: scope.account.name,
          project: projectJson(scope.project),
          limit: reading.limit ? money(reading.limit.cents) : null,
          enforcing: reading.limit?.enforcing ?? false,
        });
      } else print(limitText(scope.label, reading.limit));
    },
  ).option('--json', 'machine-readable output');
  scoped<{ monthly: number }>(
    limit,
    'set',
    "create or replace OpenAI's hard monthly spend limit, in USD",
    async (core, scope, opts) => {
      const reading = await core.spendControls.setLimit(scope, opts.monthly);
      print(
        `Hard spend limit set at OpenAI: ${limitConsequence(scope.label, dollars(reading.limit?.cents ?? opts.monthly))}\n`,
      );
    },
  ).requiredOption('--monthly <usd>', 'the limit in USD, whole cents (such as 750 or 750.25)', centsArg);
  scoped(limit, 'remove', "remove OpenAI's hard spend limit", async (core, scope) => {
    await core.spendControls.removeLimit(scope);
    print(
      `Removed OpenAI's hard spend limit for ${scope.label}: OpenAI no longer stops its API requests at a set amount.\n`,
    );
  });

  const alerts = program
    .command('email-alerts')
    .description("OpenAI's email spend alerts (OpenAI emails the recipients when spend crosses a threshold)")
    .exitOverride();
  scoped<{ json?: boolean }>(
    alerts,
    'list',
    'list the email spend alerts of an account (or a project)',
    async (core, scope, opts) => {
      const list = await core.spendControls.listEmailAlerts(scope);
      if (opts.json) {
        printJson({
          account: scope.account.name,
          project: projectJson(scope.project),
          alerts: list.map((a) => ({ id: a.id, threshold: money(a.cents), recipients: a.recipients })),
        });
      } else if (!list.length) print(`${scope.label}: no email spend alerts at OpenAI.\n`);
      else for (const a of list) print(alertLine(a));
    },
  ).option('--json', 'machine-readable output');
  scoped<{ monthly: number; email: string[] }>(
    alerts,
    'add',
    'add an email spend alert at a monthly threshold in USD',
    async (core, scope, opts) => {
      const alert = await core.spendControls.addEmailAlert(scope, opts.monthly, opts.email);
      print(
        `Added email alert ${alert.id}: OpenAI emails ${alert.recipients.join(', ')} when ${scope.label} has spent ${dollars(alert.cents)} in a month.\n`,
      );
    },
  )
    .requiredOption('--monthly <usd>', 'the threshold in USD, whole cents', centsArg)
    .requiredOption('--email <addr,...>', 'recipients, separated by commas', emailsArg);
  scoped<{ id: string }>(alerts, 'remove', 'remove an email spend alert by its id', async (core, scope, opts) => {
    await core.spendControls.removeEmailAlert(scope, opts.id);
    print(`Removed email alert ${opts.id} from ${scope.label}.\n`);
  }).requiredOption('--id <alert-id>', 'the alert id (see email-alerts list)', alertIdArg);
}
