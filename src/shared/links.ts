/** The only external links the app opens: OpenAI's platform pages, over https. */
export function isVettedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname === 'platform.openai.com' && !url.username && !url.password && url.port === '';
}

export const OPENAI_BILLING_URL = 'https://platform.openai.com/settings/organization/billing/overview';
export const OPENAI_USAGE_URL = 'https://platform.openai.com/usage';
export const OPENAI_ADMIN_KEYS_URL = 'https://platform.openai.com/settings/organization/admin-keys';
export const OPENAI_PAYMENT_METHODS_URL = 'https://platform.openai.com/settings/organization/billing/payment-methods';
