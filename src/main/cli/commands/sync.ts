/** `spendwatch sync`: every account once, with progress on a terminal; exit 1 when any account failed. */
import type { Command } from 'commander';
import { terminalSafe as safe } from '../../core/text/safe-output';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { EXIT } from '../exit-codes';
import { print, printAlerts, printJson } from '../output';

function progressReporter(core: Spendwatch): () => void {
  if (!process.stderr.isTTY) return () => undefined;
  const names = new Map(core.accounts.list().map((a) => [a.id, a.name]));
  const off = core.onEvent((event, payload) => {
    if (event !== 'syncProgress') return;
    const p = payload as { accountId: string; doneDays: number; totalDays: number; phase: string };
    process.stderr.write(
      `\r${safe(names.get(p.accountId) ?? p.accountId)}: ${p.phase} ${p.doneDays}/${p.totalDays} days`,
    );
  });
  return () => {
    off();
    process.stderr.write('\r\x1b[K');
  };
}

export function registerSyncCommand(program: Command, makeCore: () => Spendwatch): void {
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
          print(
            r.ok
              ? `${safe(r.name)}: synced (${r.requests} request${r.requests === 1 ? '' : 's'})\n`
              : // The technical detail (host, system code) is in the terminal too: there is no disclosure here.
                `${safe(r.name)}: FAILED — ${r.error?.code}: ${safe(r.error?.message ?? '')}${r.error?.detail ? ` (${safe(r.error.detail)})` : ''}\n`,
          );
          if (r.warning) print(`${safe(r.name)}: warning — ${safe(r.warning)}\n`);
        }
        if (!report.results.length) print('No accounts to sync.\n');
      }
      if (report.results.some((r) => !r.ok)) process.exitCode = EXIT.failed;
    });
}
