/**
 * `spendwatch serve`: Spendwatch without a desktop, for a team's server. It polls as the app does (the same
 * scheduler, under the same cross-process locks, so an app and a server on one data dir never poll an account
 * twice), evaluates alerts, posts them to the webhooks, and serves /metrics and /healthz. SIGTERM (or SIGINT) stops
 * it cleanly: no new requests or polls, the poll under way saved, then exit 0.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createNodeSpendwatch } from '../core/compose-node';
import { AppError, toErrorInfo } from '../core/errors';
import { systemClock } from '../core/ports';
import type { Spendwatch } from '../core/use-cases/spendwatch';
import { CredentialsVault, listCredentials } from '../core/vault/credentials-vault';
import { accountKeyRef } from '../core/vault/keytar-vault';
import { EXITING_FLUSH_BUDGET_MS, webhookKeyRef } from '../core/webhooks/webhook-service';
import { PROVIDER_IDS, type ProviderId } from '../../shared/providers';
import { bearerCheck, readTokenFile } from './bearer-token';
import { createSpendwatchServer } from './http-server';
import { jsonLogger, type JsonLogger } from './json-log';
import { formatAddress, parseListen } from './listen-address';
import { spendwatchMetrics } from './metrics';

export interface ServeOptions {
  dataDir: string;
  listen: string;
  tokenFile?: string;
  /** Keys and webhook URLs from systemd credentials ($CREDENTIALS_DIRECTORY) instead of the OS keychain. */
  credentials?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** How long a stop waits for the poll under way to save before it gives up on it (systemd's default is 90 s). */
const STOP_WAIT_MS = 20_000;

export async function serve(options: ServeOptions): Promise<number> {
  const env = options.env ?? process.env;
  const log = jsonLogger(systemClock);
  const address = parseListen(options.listen);
  if (!address.loopback && !options.tokenFile) {
    throw new AppError(
      'invalid_input',
      `Listening on ${options.listen} would expose spend figures beyond this machine: give --token-file FILE (a token every request must send as "Authorization: Bearer <token>"), or listen on 127.0.0.1.`,
    );
  }
  const token = options.tokenFile ? readTokenFile(options.tokenFile) : null;
  if (token?.warning) log.warn(token.warning);

  let vault: CredentialsVault | undefined;
  if (options.credentials) {
    const dir = env.CREDENTIALS_DIRECTORY;
    if (!dir)
      throw new AppError(
        'keychain_unavailable',
        '--credentials reads keys from systemd credentials, but $CREDENTIALS_DIRECTORY is not set: run it from a unit with LoadCredential= (deploy/systemd/spendwatch.service).',
      );
    vault = new CredentialsVault(dir);
  }
  // With credentials, only webhooks from credentials are this process's to post; the app and the CLI post the keychain's.
  const core = createNodeSpendwatch({
    dataDir: options.dataDir,
    logger: log,
    vault,
    overrides: vault ? { webhookSources: ['credentials'] } : {},
  });
  for (const notice of core.notices.list().reverse()) log.warn(notice.message);
  core.notices.onNotice((notice) => log.warn(notice.message));
  if (vault) await registerCredentials(core, vault, env.CREDENTIALS_DIRECTORY!, log);
  else if (core.accounts.list().length || core.webhooks.list().length) await core.accounts.checkKeychain();

  const metrics = spendwatchMetrics(() => core.queries.teamMetrics());
  const server = createSpendwatchServer(
    {
      metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.render() }),
      health: () => ({
        status: 'ok',
        accounts: core.queries.status([]).accounts.map((a) => ({
          name: a.name,
          provider: a.provider,
          lastSyncedAt: a.lastSyncedAt,
          stale: a.stale,
          error: a.error?.code ?? null,
        })),
      }),
    },
    { authorized: token ? bearerCheck(token.token) : null, log },
  );
  server.listen(address.port, address.host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) =>
      Promise.reject(listenError(error as NodeJS.ErrnoException, options.listen)),
    ),
  ]);
  const bound = server.address() as AddressInfo;
  log.event('info', 'listening', {
    address: formatAddress(bound.address, bound.port),
    metrics: '/metrics',
    health: '/healthz',
    token: token !== null,
    credentials: Boolean(vault),
  });

  core.sync.start();
  // `on`, never `once`: proper-lockfile's signal-exit re-raises the signal when it finds itself the last listener,
  // which would kill the server mid-save. A second signal while stopping stops at once.
  let stopping = false;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      if (stopping) {
        log.event('warn', 'stopped at once (a second signal)', { signal: received });
        process.exit(1);
      }
      stopping = true;
      resolve(received);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  log.event('info', 'stopping', { signal });
  core.sync.stop();
  server.close();
  server.closeIdleConnections();
  const saved = await Promise.race([
    core.sync.idle().then(() => true),
    new Promise<boolean>((resolve) => setTimeout(resolve, STOP_WAIT_MS, false).unref()),
  ]);
  await core.webhooks.flush(EXITING_FLUSH_BUDGET_MS);
  log.event(
    saved ? 'info' : 'warn',
    saved ? 'stopped' : 'stopped before the poll under way finished (it changed nothing)',
  );
  return 0;
}

function listenError(error: NodeJS.ErrnoException, listen: string): AppError {
  if (error.code === 'EADDRINUSE')
    return new AppError(
      'conflict',
      `${listen} is in use already (another spendwatch serve?). Choose another --listen.`,
    );
  if (error.code === 'EADDRNOTAVAIL')
    return new AppError('invalid_input', `${listen}: no such address on this machine.`);
  if (error.code === 'EACCES')
    return new AppError('permission_denied', `${listen}: this user may not listen on that port.`);
  return new AppError('internal', `Cannot listen on ${listen}: ${error.message}`);
}

/**
 * Accounts and webhooks declared as credentials: each is bound to its record (matched by provider and name), or
 * added (an account's key is tested with one call first, as `accounts add` does). One that fails is logged, and
 * the others still run.
 * @internal
 */
export async function registerCredentials(
  core: Spendwatch,
  vault: CredentialsVault,
  dir: string,
  log: JsonLogger,
): Promise<void> {
  const credentials = listCredentials(dir);
  if (!credentials.length)
    log.warn(
      `No credentials named openai-<account>, anthropic-<account> or webhook-slack|json-<name> in ${dir}: nothing to sync.`,
    );
  for (const c of credentials) {
    try {
      if ((PROVIDER_IDS as readonly string[]).includes(c.kind)) {
        const provider = c.kind as ProviderId;
        const existing = core.accounts
          .list()
          .find((a) => a.provider === provider && a.name.toLowerCase() === c.name.toLowerCase());
        if (existing) vault.bind(accountKeyRef(existing.id), c.file);
        else {
          const added = await core.accounts.add({ name: c.name, provider, apiKey: vault.read(c.file) });
          log.event('info', 'account added from a credential', { account: added.name, provider, key: added.keyHint });
        }
      } else {
        const format = c.kind === 'webhook-json' ? 'json' : 'slack';
        const existing = core.webhooks.list().find((w) => w.name.toLowerCase() === c.name.toLowerCase());
        if (existing) vault.bind(webhookKeyRef(existing.id), c.file);
        else {
          const added = await core.webhooks.add({ url: vault.read(c.file), format, name: c.name }, 'credentials');
          vault.bind(webhookKeyRef(added.id), c.file);
          log.event('info', 'webhook added from a credential', { webhook: added.name, format, url: added.urlHint });
        }
      }
    } catch (error) {
      log.event('error', `The credential ${c.file} was not used: ${toErrorInfo(error).message}`, {
        credential: c.file,
      });
    }
  }
}
