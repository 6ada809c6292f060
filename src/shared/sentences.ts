/**
 * Joins the parts of a sentence or message. Parts that are empty (an optional clause that does not apply) drop
 * out, so a template can never leave two spaces in a row or a space before punctuation.
 */
export function joinSentences(...parts: readonly (string | false | null | undefined)[]): string {
  return tidySpaces(parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' '));
}

/** One space between words, none before ".,;:!?)" and none at either end. */
function tidySpaces(text: string): string {
  return text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([.,;:!?)])/g, '$1')
    .trim();
}
