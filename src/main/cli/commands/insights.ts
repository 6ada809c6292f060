/**
 * `spendwatch breakdown`, `prices` and `savings`: who and what spent a month, the unit prices billed, and what
 * could be saved — from local history (no network). The --json shapes are a documented contract
 * (docs/user/cli.md).
 */
import { Option, type Command } from 'commander';
import { DIMENSION_IDS, DIMENSIONS, dimensionFromCli } from '../../../shared/dimensions';
import { toMicros } from '../../../shared/money';
import { moneyText } from '../../../shared/money-text';
import { unitPriceText } from '../../../shared/unit-price-text';
import { priceToDecimal } from '../../core/aggregate/unit-prices';
import type { Spendwatch } from '../../core/use-cases/spendwatch';
import { terminalSafe as safe } from '../../core/text/safe-output';
import { dayArg, monthArg } from '../arguments';
import { print, printJson } from '../output';

const usd = (decimal: string) => moneyText(toMicros(decimal));

export function registerInsightCommands(program: Command, makeCore: () => Spendwatch): void {
  periodOptions(program.command('breakdown'))
    .description(
      "a month's spend by project, line item, model, API key or user; rows plus unattributed add up to the month's total",
    )
    .addOption(
      new Option('--by <dimension>', 'what to break the spend down by')
        .choices(DIMENSION_IDS.map((d) => DIMENSIONS[d].cli))
        .makeOptionMandatory(),
    )
    .option('--json', 'machine-readable output')
    .action((opts: { by: string; account?: string; month?: string; json?: boolean }) => {
      const by = dimensionFromCli(opts.by)!; // commander checked it against the registry's choices
      const doc = makeCore().insights.breakdown(by, { account: opts.account, month: opts.month });
      if (opts.json) return printJson(doc);
      const noun = DIMENSIONS[by];
      print(
        `${safe(doc.account)} — ${doc.month} by ${noun.nouns[0]}: ${usd(doc.total)}${doc.basis === 'estimated' ? ' (estimated: usage × the unit prices billed the same day)' : ''}\n`,
      );
      for (const row of doc.rows) {
        const extra = [row.email, row.owner && `owner ${row.owner}`, row.project && `project ${row.project}`]
          .filter(Boolean)
          .map((t) => safe(t!));
        print(
          `  ${usd(row.amount).padStart(14)}  ${(row.share * 100).toFixed(1).padStart(5)}%  ${safe(row.name)}${extra.length ? `  (${extra.join(', ')})` : ''}\n`,
        );
      }
      print(`  ${usd(doc.unattributed).padStart(14)}          ${noun.unattributed}\n`);
    });

  periodOptions(program.command('prices'))
    .description(
      "the unit prices actually billed: each line item's cost ÷ its quantity, in the unit the provider names",
    )
    .option('--day <YYYY-MM-DD>', 'one UTC day instead of a month (compared with the day before)', dayArg)
    .option('--json', 'machine-readable output')
    .action((opts: { account?: string; month?: string; day?: string; json?: boolean }) => {
      const core = makeCore();
      const query = { account: opts.account, month: opts.month, day: opts.day };
      if (opts.json) return printJson(core.insights.prices(query));
      const details = core.insights.priceDetails(query);
      print(`Unit prices billed ${opts.day ? 'on' : 'in'} ${details.period} (UTC):\n`);
      for (const line of details.lines) {
        const change = line.previousPrice
          ? ` (${changeText(line.price, line.previousPrice)} on ${opts.day ? 'the day before' : 'last month'})`
          : '';
        print(`  ${safe(unitPriceText(priceToDecimal(line.price), line.unit))}  ${safe(line.lineItem)}${change}\n`);
      }
      if (!details.lines.length) print('  No line item was billed with a quantity.\n');
      if (details.unpriced)
        print(
          `  ${details.unpriced} line item${details.unpriced === 1 ? ' was' : 's were'} billed without a quantity (no unit price).\n`,
        );
    });

  periodOptions(program.command('savings'))
    .description("savings hints, each with an estimated monthly saving from the organisation's own usage and prices")
    .option('--json', 'machine-readable output')
    .action((opts: { account?: string; month?: string; json?: boolean }) => {
      const doc = makeCore().insights.savings({ account: opts.account, month: opts.month });
      if (opts.json) return printJson(doc);
      if (!doc.hints.length) print("No savings found in this month's usage.\n");
      for (const hint of doc.hints)
        print(`${usd(hint.estimatedMonthlySavings)} a month (estimated): ${safe(hint.title)}\n  ${safe(hint.basis)}\n`);
    });
}

/** The options every insight command takes: which account, which UTC month. */
function periodOptions(command: Command): Command {
  return command
    .option('--account <name>', 'only this account (default: every account)')
    .option('--month <YYYY-MM>', 'a UTC month (default: this month, to date)', monthArg);
}

/** "tokens" → "token", "1000_tokens" → "1000 tokens", "images" → "image": the unit one price is for. */
function changeText(now: bigint, before: bigint): string {
  const percent = Number(((now - before) * 10_000n) / before) / 100;
  // Rounding in the provider's own figures moves a price by millionths of a percent: that is no change.
  if (Math.abs(percent) < 0.05) return 'unchanged';
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}
