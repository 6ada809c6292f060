/**
 * `spendwatch accounts add|list|replace-key|remove`: provider accounts. Admin keys are read from stdin, never from
 * arguments, and go to the keychain; everything printed shows them masked.
 */
import { Option, type Command } from 'commander';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../../shared/providers';
import { AppError } from '../../core/errors';
import { terminalSafe as safe } from '../../core/text/safe-output';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { print, printJson } from '../output';
import { readSecretFromStdin } from '../read-secret';

export function registerAccountCommands(program: Command, makeCore: () => Spendwatch): void {
  const accounts = program.command('accounts').description('manage provider accounts').exitOverride();
  accounts
    .command('add')
    .description('add an account; the admin key is read from stdin, never from arguments')
    .addOption(new Option('--provider <provider>', 'provider').choices(PROVIDER_IDS).makeOptionMandatory())
    .requiredOption('--name <name>', 'a name for this organization')
    .option(
      '--base-url <url>',
      `API base URL, ending in /v1 (default: ${PROVIDER_IDS.map((p) => `${p} ${PROVIDERS[p].defaultBaseUrl}`).join(', ')})`,
    )
    .action(async (opts: { provider: ProviderId; name: string; baseUrl?: string }) => {
      if (opts.baseUrl !== undefined && !/\/v1\/?$/.test(opts.baseUrl)) {
        throw new AppError(
          'invalid_input',
          `--base-url must end in /v1, as ${PROVIDERS[opts.provider].defaultBaseUrl} does.`,
        );
      }
      const core = makeCore();
      await core.accounts.checkKeychain();
      const apiKey = await readSecretFromStdin(`${PROVIDERS[opts.provider].name} admin key (input hidden): `);
      if (!apiKey)
        throw new AppError(
          'invalid_input',
          `No key on stdin. Pipe the admin key in, e.g.: spendwatch accounts add --provider ${opts.provider} --name Acme < key.txt`,
        );
      const info = await core.accounts.add({ name: opts.name, provider: opts.provider, baseUrl: opts.baseUrl, apiKey });
      print(`Added ${info.name} (${info.keyHint}). Run "spendwatch sync" to fetch its history.\n`);
    });
  accounts
    .command('list')
    .description('list accounts (keys masked)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const list = makeCore().accounts.list();
      if (opts.json) {
        printJson({
          accounts: list.map(({ name, provider, baseUrl, keyHint, createdAt }) => ({
            name,
            provider,
            baseUrl,
            keyHint,
            createdAt,
          })),
        });
      } else if (!list.length) {
        print('No accounts.\n');
      } else {
        for (const a of list) print(`${safe(a.name)}\t${a.provider}\t${a.keyHint}\t${safe(a.baseUrl)}\n`);
      }
    });
  accounts
    .command('replace-key')
    .argument('<name>', 'account name')
    .description(
      "replace an account's admin key (read from stdin); tested with one call before it is stored, history kept",
    )
    .action(async (name: string) => {
      const core = makeCore();
      const account = core.accounts.get(name);
      await core.accounts.checkKeychain();
      const apiKey = await readSecretFromStdin(
        `New ${PROVIDERS[account.provider].name} admin key for ${safe(account.name)} (input hidden): `,
      );
      if (!apiKey)
        throw new AppError(
          'invalid_input',
          `No key on stdin. Pipe the new admin key in, e.g.: spendwatch accounts replace-key "${safe(account.name)}" < key.txt`,
        );
      const info = await core.accounts.replaceKey(account.id, apiKey);
      print(`Replaced the key of ${safe(info.name)} (now ${info.keyHint}); its history and budgets are kept.\n`);
    });
  accounts
    .command('remove')
    .argument('<name>', 'account name')
    .description('remove an account, its keychain entry and its local history')
    .action(async (name: string) => {
      const core = makeCore();
      const account = await core.accounts.remove(name);
      print(`Removed ${safe(account.name)}.\n`);
    });
}
