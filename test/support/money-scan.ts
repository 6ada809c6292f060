/**
 * The money rule as a test reads it (the rule itself: src/shared/money-text.ts). Scans any text a person reads —
 * an alert, a notification, a report, the CLI's output, a screen's text — for figures that break it.
 */

/** Anything that looks like a dollar figure: a sign, "<", "$", then digits, separators and a fraction. */
const FIGURE = /[-−]?<?[-−]?\$[-−]?[\d.,]*\d/g;
/** The one rule: "$20,144.02", "−$99.41", "-$0.25", "<$0.01", "<-$0.01". */
const GOOD = /^(?:[-−]?\$\d{1,3}(?:,\d{3})*\.\d{2}|<[-−]?\$0\.01)$/;

export interface MoneyViolation {
  figure: string;
  context: string;
}

/** Every figure in `text` that breaks the money rule, with the text around it. */
export function moneyViolations(text: string): MoneyViolation[] {
  const found: MoneyViolation[] = [];
  for (const match of text.matchAll(FIGURE)) {
    // A trailing "." or "," ends the sentence or the list, it is not part of the figure.
    const figure = match[0].replace(/[.,]+$/, '');
    const end = match.index + figure.length;
    if (!GOOD.test(figure))
      found.push({ figure, context: text.slice(Math.max(0, match.index - 40), end + 40).replace(/\s+/g, ' ') });
  }
  return found;
}

/** Two spaces in a row, or a space before punctuation, inside a sentence (not at the start of a line: indents). */
export function spacingViolations(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const body = line.replace(/^\s+/, '');
    for (const m of body.matchAll(/\S( {2,}| [.,;:!?])/g))
      found.push(body.slice(Math.max(0, m.index - 30), m.index + 30));
  }
  return found;
}
