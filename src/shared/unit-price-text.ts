/**
 * A unit price (cost ÷ quantity billed) in words, by the one money rule (money-text.ts): 2 decimals, quoted per
 * enough units that the figure reads at least a cent. Token prices are per 1M tokens, as OpenAI and Anthropic list
 * them; other units per 1, 1K or 1M, the first that reads a cent. The exact price is in --json and on hover.
 */
import { exactToMicros, parseExact } from './money';
import { moneyText, type MoneyTextOptions } from './money-text';

const SCALES: { per: bigint; label: string }[] = [
  { per: 1n, label: '' },
  { per: 1_000n, label: '1K ' },
  { per: 1_000_000n, label: '1M ' },
];
/** A cent, in micros: a price quoted per this many units reads at least this much. */
const CENT = 10_000;

/** A positive price that rounds to no micro-dollar still reads "<$0.01", never "$0.00". */
const shown = (exact: bigint, options: MoneyTextOptions): string =>
  moneyText(exactToMicros(exact) || (exact > 0n ? 1 : exact < 0n ? -1 : 0), options);

/** "$2.50 / 1M tokens", "$0.04 / image", "$15.00 / 1M characters", from a price per one `unit` (decimal dollars). */
export function unitPriceText(pricePerUnit: string, unit: string, options: MoneyTextOptions = {}): string {
  const price = parseExact(pricePerUnit);
  const tokens = unit === 'tokens' ? 1n : /^(\d{1,9})_tokens$/.exec(unit)?.[1];
  if (tokens !== undefined) {
    // A price per N tokens is a price per 1M tokens × N / 1M.
    const perMillion = (price * 1_000_000n) / BigInt(tokens);
    return `${shown(perMillion, options)} / 1M tokens`;
  }
  const words = unit.replace(/_/g, ' ');
  const scale = SCALES.find((s) => Math.abs(exactToMicros(price * s.per)) >= CENT) ?? SCALES[SCALES.length - 1];
  const noun = scale.per === 1n ? words.replace(/s$/, '') : words;
  return `${shown(price * scale.per, options)} / ${scale.label}${noun}`;
}
