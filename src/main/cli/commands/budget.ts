/** `spendwatch budget set|list|remove`: an account's monthly (and daily) budget and its projects' budgets. */
import type { Command } from 'commander';
import { moneyText } from '../../../shared/money-text';
import { AppError } from '../../core/errors';
import { money } from '../../core/reports/status-report';
import { terminalSafe as safe } from '../../core/text/safe-output';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { amountArg, thresholdsArg } from '../arguments';
import { print, printAlerts, printJson } from '../output';

export function registerBudgetCommands(program: Command, makeCore: () => Spendwatch): void {
  const budget = program.command('budget').description('monthly (and daily, and per-project) budgets').exitOverride();
  budget
    .command('set')
    .description("set an account's monthly budget in USD (or, with --project, a project's)")
    .requiredOption('--account <name>', 'account name')
    .requiredOption('--monthly <usd>', 'monthly budget in USD', amountArg)
    .option('--thresholds <list>', 'alert thresholds in percent', thresholdsArg)
    .option('--daily <usd>', 'a daily budget in USD (UTC days)', amountArg)
    .option('--project <name-or-id>', "set this project's monthly budget instead of the account's")
    .action(
      async (opts: { account: string; monthly: number; thresholds?: number[]; daily?: number; project?: string }) => {
        // An empty --project (a script's unset variable) must not fall through to the account's budget.
        if (opts.project !== undefined && !opts.project.trim())
          throw new AppError('invalid_input', '--project needs a project name or id.');
        // A project budget is one amount: thresholds and a daily budget are the account's, so say so rather than drop them.
        if (opts.project !== undefined && (opts.thresholds || opts.daily))
          throw new AppError(
            'invalid_input',
            "--daily and --thresholds apply to the account's budget; leave them out with --project.",
          );
        const core = makeCore();
        if (opts.project !== undefined) {
          const change = core.budgets.setProject(opts.account, opts.project, opts.monthly);
          print(
            `Budget for project ${safe(opts.project)} in ${safe(change.accountName)}: ${moneyText(opts.monthly)} a month.\n`,
          );
          printAlerts(change.alerts);
          return;
        }
        const change = core.budgets.setMonthly(opts.account, {
          monthlyMicros: opts.monthly,
          thresholds: opts.thresholds,
          dailyMicros: opts.daily,
        });
        if (!change.budget) return;
        const daily = change.budget.dailyMicros ? `, ${moneyText(change.budget.dailyMicros)} a day` : '';
        print(
          `Budget for ${safe(change.accountName)}: ${moneyText(change.budget.monthlyMicros)} a month${daily}, alerts at ${change.budget.thresholds.join(', ')}%.\n`,
        );
        printAlerts(change.alerts);
      },
    );
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
          print(
            b
              ? `${safe(account)}\t${moneyText(b.monthlyMicros)} a month\talerts at ${b.thresholds.join(', ')}%${b.dailyMicros ? `\t${moneyText(b.dailyMicros)} a day` : ''}\n`
              : `${safe(account)}\tno budget\n`,
          );
          for (const [id, micros] of Object.entries(b?.projects ?? {}))
            print(`  project ${safe(id)}\t${moneyText(micros)} a month\n`);
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
}
