/**
 * The `spendwatch` CLI: the same core and data dir as the desktop app, for terminals and scripts. This file only
 * builds the program from its command groups (commands/<group>.ts) and maps errors to exit codes (exit-codes.ts).
 */
import { Command, CommanderError } from 'commander';
import { toErrorInfo } from '../core/errors';
import { FileLog } from '../core/logging/file-log';
import { resolveDataDir } from '../core/paths';
import { systemClock } from '../core/ports';
import { terminalSafe as safe } from '../core/text/safe-output';
import type { Spendwatch } from '../core/use-cases/spendwatch';
import { EXITING_FLUSH_BUDGET_MS } from '../core/webhooks/webhook-service';
import { registerAccountCommands } from './commands/accounts';
import { registerBillingCommands } from './commands/billing';
import { registerBudgetCommands } from './commands/budget';
import { registerExportCommand } from './commands/export';
import { registerInsightCommands } from './commands/insights';
import { registerServeCommand } from './commands/serve';
import { registerSpendControlCommands } from './commands/spend-controls';
import { registerStatusCommand } from './commands/status';
import { registerSyncCommand } from './commands/sync';
import { registerWebhookCommands } from './commands/webhooks';
import { EXIT } from './exit-codes';
import { printedJson, printJson } from './output';
import { openSpendwatch } from './session';

/** The shared log file in the data dir (created only when something is written). */
const log = new FileLog(resolveDataDir(), 'cli', systemClock);

/** The core the command opened, if any: alerts it raised are posted to the webhooks before the CLI exits. */
let opened: Spendwatch | undefined;

/** Spendwatch for the command being run: the same use cases as the desktop app, over the same data dir. */
function makeCore(): Spendwatch {
  opened = openSpendwatch(resolveDataDir(), log);
  return opened;
}

function buildProgram(): Command {
  const program = new Command('spendwatch')
    .description(
      'Watch your OpenAI and Anthropic API spend from the terminal (same data as the Spendwatch desktop app).',
    )
    .showHelpAfterError()
    .exitOverride();

  registerAccountCommands(program, makeCore);
  registerSyncCommand(program, makeCore);
  registerStatusCommand(program, makeCore);
  registerExportCommand(program, makeCore);
  registerBudgetCommands(program, makeCore);
  registerSpendControlCommands(program, makeCore);
  registerBillingCommands(program, makeCore);
  registerInsightCommands(program, makeCore);
  registerWebhookCommands(program, makeCore);
  registerServeCommand(program);
  return program;
}

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
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.ok;
      if (wantsJson && !printedJson())
        printJson({ error: { code: 'invalid_input', message: error.message.replace(/^error:\s*/, '') } });
      return EXIT.usage;
    }
    const info = toErrorInfo(error);
    if (info.code === 'internal') log.error(`Command "${argv.slice(2, 4).join(' ')}" failed unexpectedly`, error);
    process.stderr.write(`spendwatch: ${safe(info.message)}${info.detail ? ` (${safe(info.detail)})` : ''}\n`);
    if (wantsJson && !printedJson()) printJson({ error: info });
    if (info.code === 'keychain_unavailable') return EXIT.keychain;
    if (info.code === 'invalid_input') return EXIT.usage;
    return EXIT.failed;
  }
}
