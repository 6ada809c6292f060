/**
 * THE money rule for text. Every figure a person reads — the renderer's KPIs, tables and tooltips, the tray and
 * desktop notifications, alert titles and messages, reconciliation notes and reports, the CLI's human output —
 * goes through `moneyText`, and this comment is the only place the rule is written down:
 *
 * 1. A figure shows exactly **2 decimals** (the currency's own: every figure is in US dollars) with the locale's thousands separators ("$20,144.02"), through Intl in
 *    the given locale (by default the process's: the app's or the browser's locale, LANG / LC_ALL for the CLI),
 *    rounded half-even from the exact figure. A non-zero figure that would round to $0.00 reads "<$0.01"
 *    (below zero "<-$0.01"), so a cent-less cost never looks like nothing.
 * 2. Its **exact value** (the micro-dollar figure, the exact sum rounded once half-even by core) is shown only
 *    where a person asks for it or a machine reads it: on hover in the renderer (an element's title, see
 *    `src/renderer/lib/format.ts`), in `--json` output and in CSV exports. Those carry the exact amounts from core
 *    and never pass through here. No sentence carries an exact figure.
 * 3. Chart **axis ticks** are not sentences: they follow the axis rule in `src/renderer/lib/format.ts`
 *    (`moneyAxis`: "$250K", "$0.002").
 *
 * Sentences that join parts use `joinSentences` (`./sentences`), so an empty part never leaves a double space.
 */
import { ACCOUNT_CURRENCY, microsToDecimal, type Micros } from './money';
import { cachedNumberFormat } from './number-format';

/** Half a cent, in micros: at or below it a figure rounds (half-even) to $0.00 at 2 decimals. */
const HALF_CENT = 5_000;

export interface MoneyTextOptions {
  /** A BCP 47 locale; the process default (Intl's) when omitted. */
  locale?: string;
  /** ISO 4217 code, any case; the account currency (USD) when omitted. */
  currency?: string;
}

let processLocale: string | undefined;

/**
 * The locale figures take when a call names none: Intl's default (LANG / LC_ALL for the CLI) until the app sets
 * Electron's app locale at start-up. Tests pin 'en-US' here.
 */
export function setMoneyLocale(locale: string | undefined): void {
  processLocale = locale || undefined;
}

/** A figure as every sentence shows it: 2 decimals, thousands separators, "<$0.01" for a non-zero sub-cent. */
export function moneyText(micros: Micros, options: MoneyTextOptions = {}): string {
  if (micros !== 0 && Math.abs(micros) <= HALF_CENT) return `<${moneyText(micros < 0 ? -10_000 : 10_000, options)}`;
  const format = cachedNumberFormat(options.locale ?? processLocale, {
    style: 'currency',
    currency: (options.currency ?? ACCOUNT_CURRENCY).toUpperCase(),
    roundingMode: 'halfEven',
  });
  // Intl takes the exact decimal string and rounds it digit by digit: no float detour.
  return format.format(microsToDecimal(micros) as unknown as number);
}
