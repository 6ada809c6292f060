/**
 * Opens Spendwatch for one CLI command: the same composition as the desktop app's core, over the same data
 * dir. Loaded on demand (a dynamic import), so `--help` and argument errors never pay for the core.
 */
import type { Spendwatch } from '../core/use-cases/spendwatch';
import type { Logger } from '../core/ports';
import { terminalSafe } from '../core/text/safe-output';

export async function openSpendwatch(dataDir: string, log: Logger): Promise<Spendwatch> {
  const [{ createNodeSpendwatch }, { providerFactory }] = await Promise.all([import('../core/compose-node'), import('../core/providers/provider-factory')]);
  const timeoutMs = Number(process.env.SPENDWATCH_HTTP_TIMEOUT_MS) || undefined;
  const app = createNodeSpendwatch({ dataDir, logger: log, overrides: timeoutMs ? { createProvider: providerFactory({ timeoutMs }) } : {} });
  // A damaged file repaired (moved aside, last good copy restored) is never silent.
  app.notices.onNotice((notice) => process.stderr.write(`spendwatch: ${terminalSafe(notice.message)}\n`));
  return app;
}
