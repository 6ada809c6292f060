/** Opens Spendwatch for one CLI command: the same use cases as the desktop app, over the same data dir. */
import { createNodeSpendwatch } from '../core/compose-node';
import { providerFactory } from '../core/providers/provider-factory';
import type { Spendwatch } from '../core/use-cases/spendwatch';
import type { Logger } from '../core/ports';
import { terminalSafe } from '../core/text/safe-output';

export function openSpendwatch(dataDir: string, log: Logger): Spendwatch {
  const timeoutMs = Number(process.env.SPENDWATCH_HTTP_TIMEOUT_MS) || undefined;
  const app = createNodeSpendwatch({
    dataDir,
    logger: log,
    overrides: timeoutMs ? { createProvider: providerFactory({ timeoutMs }) } : {},
  });
  // A damaged file repaired (moved aside, last good copy restored) is never silent.
  const say = (notice: { message: string }) => process.stderr.write(`spendwatch: ${terminalSafe(notice.message)}\n`);
  // Those raised while opening (a data folder others can read), oldest first, then each as it comes.
  for (const notice of app.notices.list().reverse()) say(notice);
  app.notices.onNotice(say);
  return app;
}
