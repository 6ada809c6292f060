/**
 * The one rule for key-shaped text. Every format the providers issue starts with `sk-` and goes on in key
 * characters (letters, digits, `_` and `-`): OpenAI's `sk-admin-`, `sk-proj-`, `sk-svcacct-` and plain `sk-`,
 * Anthropic's `sk-ant-admin01-` and `sk-ant-api03-`. A `-` may come anywhere after the prefix (the old rule
 * missed keys with one in their first 8 characters, and every Anthropic admin key).
 *  - A key with a typed prefix needs 16 more key characters, a plain `sk-` key 20 (real ones have 48). Erring
 *    towards masking: a long `sk-` word such as "sk-learn-compatible-estimator" is masked too.
 *  - It may follow anything but a letter ("task-admin-…" is a word): a digit, `_`, a URL escape such as `%20` or `%3D`
 *    (whose last character may be a letter), or a JSON escape such as `\n`.
 */
const BEFORE = String.raw`(?:(?<![A-Za-z])|(?<=\\[nrtbf])|(?<=%[0-9A-Fa-f]{2}))`;
const KEY_PATTERN = new RegExp(
  `${BEFORE}sk-(?:(?:admin|proj|svcacct|ant-(?:admin|api)\\d{2})-[A-Za-z0-9_-]{16,}|[A-Za-z0-9_-]{20,})`,
  'g',
);
const KNOWN_PREFIX = /^sk-(?:ant-(?:admin|api)\d{2}-|admin-|proj-|svcacct-)/;

/**
 * "sk-ant-admin01-…wxyz": the recognised prefix and the last four characters, nothing else.
 * @internal
 */
export function maskKey(key: string): string {
  return `${KNOWN_PREFIX.exec(key)?.[0] ?? 'sk-'}…${key.slice(-4)}`;
}

/** Replaces anything key-shaped with its masked form. */
export function redactSecrets(text: string): string {
  return text.replace(KEY_PATTERN, maskKey);
}

/**
 * Text with one known key masked wherever it appears verbatim, whole or cut short (a server's message truncated
 * mid-key still carries most of it), whatever its shape: the account's own key, when its server echoes it.
 */
export function withoutKey(text: string, key: string | null | undefined): string {
  if (!key || key.length < 8) return text;
  let out = text.split(key).join(maskKey(key));
  for (let length = key.length - 1; length >= 16; length--) {
    const part = key.slice(0, length);
    if (out.includes(part)) out = out.split(part).join(maskKey(key));
  }
  return out;
}
