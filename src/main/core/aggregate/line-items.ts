/**
 * OpenAI's line item text is opaque ("gpt-4o-2024-08-06, input"); the model is the part before the
 * last comma when there is one. Used only for grouping, never for money.
 */
export function modelFromLineItem(lineItem: string | null): string {
  if (!lineItem) return '(other)';
  const comma = lineItem.lastIndexOf(',');
  return (comma > 0 ? lineItem.slice(0, comma) : lineItem).trim() || '(other)';
}
