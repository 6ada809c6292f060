/**
 * `spendwatch limit …` and `spendwatch email-alerts …`: OpenAI's own hard spend limit and email spend
 * alerts, for an organisation or one of its projects. Amounts are dollars on the command line and whole
 * cents at OpenAI; anything that is not a whole number of cents is refused (exit 2) before any request.
 * A change OpenAI refuses (e.g. a read-only key) exits 1 and changes nothing.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { centsToDecimal, emailRecipientsSchema, parseWholeCents, limitConsequence, type SpendEmailAlert, type SpendLimit } from '../../../shared/spend-controls';
import type { ProjectRef } from '../../core/spend-controls/spend-controls-service';
import type { Spendwatch } from '../../core/use-cases/spendwatch';

const print = (text: string) => process.stdout.write(text);
const printJson = (value: unknown) => print(`${JSON.stringify(value, null, 2)}\n`);
const dollars = (cents: number) => `$${centsToDecimal(cents)}`;
const money = (cents: number) => ({ amount: centsToDecimal(cents), currency: 'usd' });

const centsArg = (value: string) => {
  let cents: number;
  try {
    cents = parseWholeCents(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  if (cents < 1) throw new InvalidArgumentError('expected an amount of at least $0.01');
  return cents;
};

const emailsArg = (value: string) => {
  const parsed = emailRecipientsSchema.safeParse(value.split(',').map((v) => v.trim()).filter(Boolean));
  if (!parsed.success) throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'invalid'}: expected addresses separated by commas, such as ops@example.com,cfo@example.com`);
  return parsed.data;
};

const alertIdArg = (value: string) => {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) throw new InvalidArgumentError('expected an alert id as listed by "spendwatch email-alerts list"');
  return value;
};

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

export function registerSpendControlCommands(program: Command, makeCore: () => Promise<Spendwatch>): void {
  const limit = program.command('limit').description("OpenAI's hard spend limit (above it OpenAI rejects API requests)").exitOverride();
  limit
    .command('get')
    .description("show OpenAI's hard monthly spend limit for an account (or a project) and whether it is enforcing")
    .requiredOption('--account <name>', 'account name')
    .option('--project <name-or-id>', 'a project instead of the whole organisation')
    .option('--json', 'machine-readable output')
    .action(async (opts: ScopeOptions & { json?: boolean }) => {
      const core = await makeCore();
      const scope = await scopeOf(core, opts);
      const { account, project, label } = scope;
      const reading = await core.spendControls.getLimit(scope);
      if (opts.json) {
        printJson({ account: account.name, project: projectJson(project), limit: reading.limit ? money(reading.limit.cents) : null, enforcing: reading.limit?.enforcing ?? false });
      } else print(limitText(label, reading.limit));
    });
  limit
    .command('set')
    .description("create or replace OpenAI's hard monthly spend limit, in USD")
    .requiredOption('--account <name>', 'account name')
    .option('--project <name-or-id>', 'a project instead of the whole organisation')
    .requiredOption('--monthly <usd>', 'the limit in USD, whole cents (such as 750 or 750.25)', centsArg)
    .action(async (opts: ScopeOptions & { monthly: number }) => {
      const core = await makeCore();
      const scope = await scopeOf(core, opts);
      const { label } = scope;
      const reading = await core.spendControls.setLimit(scope, opts.monthly);
      print(`Hard spend limit set at OpenAI: ${limitConsequence(label, dollars(reading.limit?.cents ?? opts.monthly))}\n`);
    });
  limit
    .command('remove')
    .description("remove OpenAI's hard spend limit")
    .requiredOption('--account <name>', 'account name')
    .option('--project <name-or-id>', 'a project instead of the whole organisation')
    .action(async (opts: ScopeOptions) => {
      const core = await makeCore();
      const scope = await scopeOf(core, opts);
      const { label } = scope;
      await core.spendControls.removeLimit(scope);
      print(`Removed OpenAI's hard spend limit for ${label}: OpenAI no longer stops its API requests at a set amount.\n`);
    });

  const alerts = program.command('email-alerts').description("OpenAI's email spend alerts (OpenAI emails the recipients when spend crosses a threshold)").exitOverride();
  alerts
    .command('list')
    .description('list the email spend alerts of an account (or a project)')
    .requiredOption('--account <name>', 'account name')
    .option('--project <name-or-id>', 'a project instead of the whole organisation')
    .option('--json', 'machine-readable output')
    .action(async (opts: ScopeOptions & { json?: boolean }) => {
      const core = await makeCore();
      const scope = await scopeOf(core, opts);
      const { account, project, label } = scope;
      const list = await core.spendControls.listEmailAlerts(scope);
      if (opts.json) {
        printJson({ account: account.name, project: projectJson(project), alerts: list.map((a) => ({ id: a.id, threshold: money(a.cents), recipients: a.recipients })) });
      } else if (!list.length) print(`${label}: no email spend alerts at OpenAI.\n`);
      else for (const a of list) print(alertLine(a));
    });
  alerts
    .command('add')
    .description('add an email spend alert at a monthly threshold in USD')
    .requiredOption('--account <name>', 'account name')
    .option('--project <name-or-id>', 'a project instead of the whole organisation')
    .requiredOption('--monthly <usd>', 'the threshold in USD, whole cents', centsArg)
    .requiredOption('--email <addr,...>', 'recipients, separated by commas', emailsArg)
    .action(async (opts: ScopeOptions & { monthly: number; email: string[] }) => {
      const core = await makeCore();
      const scope = await scopeOf(core, opts);
      const { label } = scope;
      const alert = await core.spendControls.addEmailAlert(scope, opts.monthly, opts.email);
      print(`Added email alert ${alert.id}: OpenAI emails ${alert.recipients.join(', ')} when ${label} has spent ${dollars(alert.cents)} in a month.\n`);
    });
  alerts
    .command('remove')
    .description('remove an email spend alert by its id')
    .requiredOption('--account <name>', 'account name')
    .option('--project <name-or-id>', 'a project instead of the whole organisation')
    .requiredOption('--id <alert-id>', 'the alert id (see email-alerts list)', alertIdArg)
    .action(async (opts: ScopeOptions & { id: string }) => {
      const core = await makeCore();
      const scope = await scopeOf(core, opts);
      const { label } = scope;
      await core.spendControls.removeEmailAlert(scope, opts.id);
      print(`Removed email alert ${opts.id} from ${label}.\n`);
    });
}
