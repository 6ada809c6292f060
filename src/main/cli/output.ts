/** Plain-text rendering of CLI results (the --json forms are the stable, documented interface). */
import { once } from 'node:events';
import { formatDay } from '../../shared/dates';
import { toMicros } from '../../shared/money';
import { moneyText } from '../../shared/money-text';
import { overrunOf, overrunSentence } from '../../shared/overrun';
import type { StatusDocument } from '../core/reports/status-report';
import { terminalSafe as safe } from '../core/text/safe-output';

/** Results go to stdout; progress, notices and errors to stderr. */
export const print = (text: string) => process.stdout.write(text);

/** Writes chunks as the terminal or pipe takes them (waiting on backpressure), so memory never holds them all. */
export async function printStream(chunks: Iterable<string>): Promise<void> {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length < 1 << 16) continue;
    if (!process.stdout.write(batch)) await once(process.stdout, 'drain');
    batch = '';
  }
  if (batch) process.stdout.write(batch);
}
let jsonPrinted = false;
export const printJson = (value: unknown) => {
  jsonPrinted = true;
  print(`${JSON.stringify(value, null, 2)}\n`);
};
/** Whether this run already printed its JSON document (a failure after it must not print a second one). */
export const printedJson = (): boolean => jsonPrinted;

/** Alerts a command raised, one `ALERT title: message` line each (text from outside made inert). */
export const printAlerts = (alerts: readonly { title: string; message: string }[]) => {
  for (const alert of alerts) print(`ALERT ${safe(alert.title)}: ${safe(alert.message)}\n`);
};

/** A status figure (exact decimal text, as --json carries it) in the one money rule. */
const shown = (figure: { amount: string; currency: string }): string =>
  moneyText(toMicros(figure.amount), { currency: figure.currency });

export function renderStatus(doc: StatusDocument): string {
  if (doc.accounts.length === 0)
    return 'No accounts yet. Add one with: spendwatch accounts add --provider openai --name <name>  (key on stdin)\n';
  const lines: string[] = [`Period ${doc.period} (UTC)`];
  for (const a of doc.accounts) {
    lines.push('');
    lines.push(`${safe(a.name)} (${a.provider})${a.stale ? ' [stale]' : ''}`);
    lines.push(`  Last synced:   ${a.lastSyncedAt ?? 'never'}`);
    if (a.error) lines.push(`  Error:         ${a.error.code}: ${safe(a.error.message)}`);
    lines.push(`  Month to date: ${shown(a.monthToDate)}`);
    lines.push(`  Today (UTC):   ${shown(a.today)}`);
    lines.push(`  Forecast:      ${a.forecast ? shown(a.forecast) : 'not enough data'}`);
    if (a.budget) {
      lines.push(`  Budget:        ${a.budget.usedPercent}% of ${shown(a.budget.monthly)}`);
      // The app's overrun sentence (shared/overrun.ts), so the terminal says "you will overrun" as plainly.
      const overrun = overrunOf({
        spentMicros: toMicros(a.monthToDate.amount),
        forecastMicros: a.forecast ? toMicros(a.forecast.amount) : null,
        budgetMicros: toMicros(a.budget.monthly.amount),
        today: doc.generatedAt.slice(0, 10),
      });
      const sentence = overrunSentence(
        overrun,
        (m) => moneyText(m),
        (d) => formatDay(d),
      );
      if (sentence) lines.push(`  ${overrun?.level === 'over' ? 'Over budget' : 'Close to budget'}: ${sentence}.`);
    }
    for (const p of a.byProject.slice(0, 10)) lines.push(`    ${safe(p.name).padEnd(30)} ${shown(p)}`);
  }
  return `${lines.join('\n')}\n`;
}
