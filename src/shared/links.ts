/**
 * The only external pages the app opens in the system browser, and the one check every "open this link"
 * goes through. Adding a provider's console is one line in EXTERNAL_LINK_ORIGINS.
 */

/**
 * Exact origins (https, default port, no credentials) whose pages may be opened externally.
 * @internal
 */
export const EXTERNAL_LINK_ORIGINS: readonly string[] = [
  'https://platform.openai.com',
  'https://console.anthropic.com',
];

/** Longest URL we hand to the OS; real console links are far shorter. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The normalised URL to open (the parser's serialisation, so what is opened is exactly what was checked),
 * or null if `raw` is not an https page of an allowed origin.
 */
export function vetExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  // URL.origin drops credentials and a default port, so check both explicitly: neither is ever legitimate here.
  if (url.protocol !== 'https:' || url.username || url.password || url.port !== '') return null;
  if (!EXTERNAL_LINK_ORIGINS.includes(url.origin)) return null;
  return url.href;
}

/** For messages: "https://platform.openai.com" (or "a, b"). */
export const EXTERNAL_LINK_ORIGINS_TEXT = EXTERNAL_LINK_ORIGINS.join(', ');

export const OPENAI_BILLING_URL = 'https://platform.openai.com/settings/organization/billing/overview';
export const OPENAI_USAGE_URL = 'https://platform.openai.com/usage';
export const OPENAI_ADMIN_KEYS_URL = 'https://platform.openai.com/settings/organization/admin-keys';
export const OPENAI_PAYMENT_METHODS_URL = 'https://platform.openai.com/settings/organization/billing/payment-methods';
export const ANTHROPIC_ADMIN_KEYS_URL = 'https://console.anthropic.com/settings/admin-keys';
export const ANTHROPIC_BILLING_URL = 'https://console.anthropic.com/settings/billing';
export const ANTHROPIC_COST_URL = 'https://console.anthropic.com/settings/cost';
