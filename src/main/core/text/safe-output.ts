/**
 * Output that others' text cannot take over. Project and line-item names come from the provider, where
 * any member of the organisation can set them; account names from the user. They reach spreadsheets
 * (CSV) and terminals, so they are made inert there while staying readable.
 */

/**
 * The common spreadsheet-injection rule (OWASP "CSV injection"): a text cell starting with = + - @, a tab
 * or a carriage return would be read as a formula, so it gets a leading apostrophe, which spreadsheets
 * show as plain text. Apply it to text cells only: a negative amount in a number column stays a number.
 */
export function neutraliseCsvCell(value: string): string {
  // A CSV is also printed to terminals (`spendwatch export`): escape sequences and controls go first (tab and
  // line breaks stay: inside a quoted cell they are text).
  const text = value.replace(ESCAPE_SEQUENCE, '').replace(CSV_CONTROL, '');
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

// ESC/CSI/OSC sequences first (so their parameters go with them), then any remaining control character,
// DEL, C1 controls and bidirectional overrides (which can make a name display as something else).
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// eslint-disable-next-line no-control-regex
const CSV_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A name as it may appear on a terminal: escape sequences and control characters removed. */
export function terminalSafe(value: string): string {
  return value.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}
