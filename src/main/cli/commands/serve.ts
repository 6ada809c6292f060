/**
 * `spendwatch serve`: the headless server for teams (src/main/server). Loaded only when run: its HTTP server and
 * Prometheus client would cost every other command's start-up.
 */
import type { Command } from 'commander';
import { resolveDataDir } from '../../core/paths';
import { DEFAULT_LISTEN } from '../../server/listen-address';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run headless for a team: poll, alert, post webhooks, and serve Prometheus /metrics and /healthz')
    .option('--listen <host:port>', 'where to listen; beyond loopback only with --token-file', DEFAULT_LISTEN)
    .option(
      '--token-file <file>',
      'a file holding the token every request must send as "Authorization: Bearer <token>"',
    )
    .option(
      '--credentials',
      'read admin keys and webhook URLs from systemd credentials ($CREDENTIALS_DIRECTORY) instead of the OS keychain',
    )
    .action(async (opts: { listen: string; tokenFile?: string; credentials?: boolean }) => {
      const { serve } = await import('../../server/serve');
      process.exitCode = await serve({
        dataDir: resolveDataDir(),
        listen: opts.listen,
        tokenFile: opts.tokenFile,
        credentials: opts.credentials,
      });
    });
}
