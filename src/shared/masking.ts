/** Masked forms of secrets: the only forms that may leave the keychain. */

/** "sk-admin-…abcd": the key's type prefix and last four characters. */
export function maskApiKey(key: string): string {
  const trimmed = key.trim();
  const prefix = /^(sk-admin-|sk-proj-|sk-svcacct-|sk-ant-admin\d*-|sk-)/.exec(trimmed)?.[1] ?? '';
  return `${prefix}…${trimmed.slice(-4)}`;
}
