/**
 * The renderer's formats. The money rule for every figure in text — here, in main, in alerts and notifications and
 * in the CLI — is written once, at the top of `src/shared/money-text.ts`; `money` is that formatter. What only the
 * renderer needs is written here:
 *
 * 1. A figure in a KPI, table, tooltip or detail is `money` (the shared rule: 2 decimals, thousands separators,
 *    locale-aware, half-even, a non-zero figure under half a cent reads "<$0.01").
 * 2. Its **exact value** — the micro-dollar figure (the exact sum, rounded once half-even by core) — is on
 *    hover, as the element's title (`exactTitle`, `preciseMoney`), and never in the text itself; in a chart
 *    tooltip, which cannot be hovered, a figure that reads "<$0.01" shows its exact value beside it
 *    (`tooltipMoney`). CSV and JSON exports carry exact amounts from core and never pass through here.
 * 3. **Chart axes** use `moneyAxis`: "nice" ticks (1, 2, 2.5 or 5 × 10ⁿ) chosen from the data, each label
 *    with as many digits as its step needs, so a cents-only organisation reads $0.002 … $0.01 and a
 *    $1.2M month reads $250K … $1.25M — never the same label twice. Axis ticks are a scale, not sentences. A
 *    monthly bar's total, written under its month, is a figure: `money`, like every other.
 * 4. A **share** is one decimal (`shareText`); a non-zero share under 0.1% reads "<0.1%" (never "0%"), and
 *    a share that is not all of it never reads "100%".
 * 5. A **change** is against a period with full data only (`changeText`): when the earlier period is not
 *    fully covered by the history (the first month with data, or before it), or it had nothing, the change
 *    reads "new". Across accounts ("All accounts"), a month is compared over the accounts whose history covers
 *    the month before (core's `monthChange`), saying which it leaves out: one account starting later never
 *    makes a month "new"; only an earlier month no account covers does.
 */
import { cachedDateFormat } from '../../shared/dates';
import { ACCOUNT_CURRENCY, formatMoney, MICROS_PER_UNIT, type Micros } from '../../shared/money';
import { moneyText } from '../../shared/money-text';
import { cachedNumberFormat } from '../../shared/number-format';

/** Rule 1: a shown figure, the shared money rule. */
export const money = (micros: Micros, currency: string = ACCOUNT_CURRENCY): string => moneyText(micros, { currency });

/** Rule 2: the exact figure (2 to 6 decimals), for a title on hover. */
export const preciseMoney = (micros: Micros, currency: string = ACCOUNT_CURRENCY) =>
  formatMoney(micros, currency, { precise: true });

/**
 * Rule 2, where nothing can be hovered (a chart tooltip follows the pointer): a figure that reads "<$0.01"
 * carries its exact value beside it.
 */
export function tooltipMoney(micros: Micros, currency: string = ACCOUNT_CURRENCY): string {
  const shown = money(micros, currency);
  return shown.startsWith('<') ? `${shown} (${preciseMoney(micros, currency)})` : shown;
}

/** Rule 2: the hover text of a shown figure. */
export const exactTitle = (micros: Micros, currency: string = ACCOUNT_CURRENCY) =>
  `Exact: ${preciseMoney(micros, currency)}`;

export interface MoneyAxis {
  /** Tick values in currency units (what the charts plot). */
  ticks: number[];
  domain: [number, number];
  format: (value: number) => string;
}

/**
 * Rule 3: ticks and labels for a money axis from `minMicros` (0 unless a stack has negative parts: credits hang
 * below the axis) to `maxMicros`.
 */
export function moneyAxis(
  maxMicros: Micros,
  currency: string = ACCOUNT_CURRENCY,
  tickCount = 5,
  minMicros: Micros = 0,
): MoneyAxis {
  const max = Math.max(0, maxMicros);
  const min = Math.min(0, minMicros);
  if (max === 0 && min === 0)
    return {
      ticks: [0],
      domain: [0, 1],
      format: (v) => axisLabel(Math.round(v * MICROS_PER_UNIT), MICROS_PER_UNIT, currency),
    };
  const step = niceStep((max - min) / (tickCount - 1));
  const top = Math.ceil(max / step) * step;
  const bottom = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let t = bottom; t <= top + step / 2; t += step) ticks.push(Math.round(t) / MICROS_PER_UNIT);
  return {
    ticks,
    domain: [bottom / MICROS_PER_UNIT, top / MICROS_PER_UNIT],
    format: (v) => axisLabel(Math.round(v * MICROS_PER_UNIT), step, currency),
  };
}

/**
 * The smallest "nice" step (1, 2, 2.5, 5 × 10ⁿ micros, at least one micro) not below `raw`.
 * @internal
 */
export function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return Math.round(m * power);
  return Math.round(10 * power);
}

function axisFormat(currency: string, compact: boolean, digits: number): Intl.NumberFormat {
  return cachedNumberFormat(undefined, {
    style: 'currency',
    currency: currency.toUpperCase(),
    ...(compact
      ? { notation: 'compact', maximumFractionDigits: digits }
      : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  });
}

function axisLabel(micros: Micros, stepMicros: number, currency: string): string {
  const units = micros / MICROS_PER_UNIT;
  if (stepMicros >= MICROS_PER_UNIT) {
    // Whole currency units: compact (K, M) with the digits a step like 2.5K or 1.25M needs; Intl drops trailing zeros.
    return axisFormat(currency, true, 2).format(units);
  }
  // Below one unit: enough decimals to tell the step apart (0.25 → 2, 0.002 → 3, 0.0025 → 4), at least 2.
  const digits = Math.min(6, Math.max(2, decimalsOf(stepMicros)));
  return axisFormat(currency, false, digits).format(units);
}

/** How many decimals (of a currency unit) a micro amount needs: 250000 → 2, 2000 → 3, 2500 → 4. */
function decimalsOf(micros: number): number {
  let digits = 6;
  let value = Math.round(micros);
  while (digits > 0 && value % 10 === 0) {
    value /= 10;
    digits--;
  }
  return digits;
}

// Built on first use, not when the module loads: the first Intl object of a page pays for ICU's start-up, and
// that must not delay the dashboard's first request.
const percentFormat = () =>
  cachedNumberFormat(undefined, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 });
const changeFormat = () => cachedNumberFormat(undefined, { maximumFractionDigits: 1 });
let relativeFormatCache: Intl.RelativeTimeFormat | undefined;
const relativeFormat = () => (relativeFormatCache ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));

/** Rule 4: a part's share of a whole, "12.3%", "<0.1%", ">99.9%". */
export function shareText(part: Micros, whole: Micros): string {
  if (whole <= 0) return '—';
  if (part === 0) return percentFormat().format(0);
  const permille = Math.round((part * 1000) / whole) / 10; // one decimal of a percent, from integers
  if (permille < 0.1) return `<${percentFormat().format(0.001)}`;
  if (permille >= 100 && part < whole) return `>${percentFormat().format(0.999)}`;
  return percentFormat().format(permille / 100);
}

/** The share as a number for bar widths (0–100). */
export const sharePercent = (part: Micros, whole: Micros): number =>
  whole > 0 ? Math.min(100, Math.max(0, (part * 100) / whole)) : 0;

/**
 * Rule 5: the change from `previous` to `current`. `comparable` says whether the earlier period is fully
 * covered by the history; when it is not (or it had nothing), the change is "new".
 */
export function changeText(current: Micros, previous: Micros, comparable = true): string {
  if (current === 0 && previous === 0) return '—';
  if (!comparable || previous === 0) return current === 0 ? '—' : 'new';
  // || 0: a change that rounds to nothing reads "0%", never "-0%".
  const change = Math.round(((current - previous) * 1000) / previous) / 10 || 0;
  return `${change > 0 ? '+' : ''}${changeFormat().format(change)}%`;
}

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  // Never "in 3 days": a time after now means the clock was corrected since; its age is zero, not negative.
  const seconds = Math.min(0, Math.round((Date.parse(iso) - now) / 1000));
  const format = relativeFormat();
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

export function localDateTime(iso: string): string {
  return cachedDateFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
