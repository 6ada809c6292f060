/** `spendwatch status`: month to date, forecast and breakdowns from local history, without the network. */
import type { Command } from 'commander';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { print, printJson, renderStatus } from '../output';

export function registerStatusCommand(program: Command, makeCore: () => Spendwatch): void {
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
}
