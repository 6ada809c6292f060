/**
 * `spendwatch webhooks …`: where every alert is also posted (Slack incoming webhooks, or a JSON receiver).
 * The URL goes to the keychain and is shown masked from then on; `--url -` reads it from stdin instead, so it
 * stays out of the shell's history.
 */
import { Option, type Command } from 'commander';
import { lastDeliveryFailed, WEBHOOK_FORMATS, type WebhookFormat, type WebhookStatus } from '../../../shared/webhooks';
import { AppError } from '../../core/errors';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { terminalSafe as safe } from '../../core/text/safe-output';
import { print, printJson } from '../output';
import { readSecretFromStdin } from '../read-secret';

const statusJson = (w: WebhookStatus) => ({
  id: w.id,
  name: w.name,
  format: w.format,
  url: w.urlHint,
  source: w.source,
  createdAt: w.createdAt,
  pending: w.pending,
  delivered: w.delivered,
  failed: w.failed,
  lastDeliveredAt: w.lastDeliveredAt,
  lastError: w.lastError,
  lastErrorAt: w.lastErrorAt,
});

function statusLine(w: WebhookStatus): string {
  const health = lastDeliveryFailed(w)
    ? `last failure: ${safe(w.lastError ?? '')}`
    : w.lastDeliveredAt
      ? `last delivered ${w.lastDeliveredAt}`
      : 'nothing sent yet';
  return `${safe(w.name)}\t${w.format}\t${safe(w.urlHint)}\t${w.pending} waiting, ${w.delivered} delivered, ${w.failed} failed\t${health}\n`;
}

export function registerWebhookCommands(program: Command, makeCore: () => Spendwatch): void {
  const webhooks = program
    .command('webhooks')
    .description('post every alert to Slack or a JSON webhook, once each')
    .exitOverride();
  webhooks
    .command('add')
    .description('add a webhook; its URL is kept in the keychain and shown masked (use --url - to read it from stdin)')
    .requiredOption('--url <url>', 'the webhook URL (https://, or http:// to this machine), or - to read it from stdin')
    .addOption(new Option('--format <format>', 'body format').choices(WEBHOOK_FORMATS).default('slack'))
    .option('--name <name>', 'a name for it (default: "Slack" for a Slack URL, else "Webhook")')
    .action(async (opts: { url: string; format: WebhookFormat; name?: string }) => {
      const core = makeCore();
      const url = opts.url === '-' ? await readSecretFromStdin('Webhook URL (input hidden): ') : opts.url;
      if (!url)
        throw new AppError(
          'invalid_input',
          'No URL on stdin. Pipe it in, e.g.: spendwatch webhooks add --url - < slack-url.txt',
        );
      const info = await core.webhooks.add({ url, format: opts.format, name: opts.name });
      print(
        `Added webhook ${safe(info.name)} (${info.format}, ${safe(info.urlHint)}). Every new alert is posted to it; try it with "spendwatch webhooks test ${safe(info.name)}".\n`,
      );
    });
  webhooks
    .command('list')
    .description('list webhooks (URLs masked) and how their deliveries are going')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const list = makeCore().webhooks.list();
      if (opts.json) printJson({ webhooks: list.map(statusJson) });
      else if (!list.length)
        print('No webhooks. Add one with: spendwatch webhooks add --url <url> [--format slack|json]\n');
      else for (const w of list) print(statusLine(w));
    });
  webhooks
    .command('remove')
    .argument('<name-or-id>', 'webhook name or id')
    .description('remove a webhook, its keychain entry and the alerts still waiting for it')
    .action(async (nameOrId: string) => {
      const info = await makeCore().webhooks.remove(nameOrId);
      print(`Removed webhook ${safe(info.name)}.\n`);
    });
  webhooks
    .command('test')
    .argument('<name-or-id>', 'webhook name or id')
    .description('post a test message now; exits 1 if the receiver did not accept it')
    .option('--json', 'machine-readable output')
    .action(async (nameOrId: string, opts: { json?: boolean }) => {
      const result = await makeCore().webhooks.test(nameOrId);
      if (opts.json) printJson(result);
      else print(`${safe(result.message)}\n`);
      if (!result.ok) process.exitCode = 1;
    });
}
