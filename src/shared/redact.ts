/**
 * The one rule for key-shaped text. Every format the providers issue starts with `sk-` and goes on in key
 * characters (letters, digits, `_` and `-`): OpenAI's `sk-admin-`, `sk-proj-`, `sk-svcacct-` and plain `sk-`,
 * Anthropic's `sk-ant-admin01-` and `sk-ant-api03-`. A `-` may come anywhere after the prefix (the old rule
 * missed keys with one in their first 8 characters, and every Anthropic admin key). 20 or more key characters
 * after `sk-` make a key; `sk-` inside a word ("task-list", "risk-free") is left alone.
 */
const KEY_PATTERN = /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}/g;
const KNOWN_PREFIX = /^sk-(?:ant-(?:admin|api)\d{2}-|admin-|proj-|svcacct-)/;

/** "sk-ant-admin01-…wxyz": the recognised prefix and the last four characters, nothing else. */
export function maskKey(key: string): string {
  return `${KNOWN_PREFIX.exec(key)?.[0] ?? 'sk-'}…${key.slice(-4)}`;
}

/** Replaces anything key-shaped with its masked form. */
export function redactSecrets(text: string): string {
  return text.replace(KEY_PATTERN, maskKey);
}

/** Whether text contains anything key-shaped. */
export const containsKey = (text: string): boolean => new RegExp(KEY_PATTERN.source).test(text);
