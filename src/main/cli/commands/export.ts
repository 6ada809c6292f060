/** `spendwatch export`: daily costs as CSV, streamed (a large organisation's year never sits in memory at once). */
import { Option, type Command } from 'commander';
import { AppError } from '../../core/errors';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { dayArg } from '../arguments';
import { printStream } from '../output';

export function registerExportCommand(program: Command, makeCore: () => Spendwatch): void {
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
}
