/**
 * Where a secret may be sent: https anywhere, plain http only to this machine. An API key (base URLs) or a webhook
 * URL (itself a credential) sent over plain http elsewhere could be read on the way. One rule for both.
 */

/** 127.0.0.0/8, ::1, localhost and *.localhost: what never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/** Why `value` is not a URL a secret may go to, or null; `example` is shown to someone who typed something else. */
export function secureUrlProblem(value: string, example: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Enter a full URL such as ${example}`;
  }
  if (url.username || url.password) return 'Leave user name and password out of the URL';
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'Use an https:// URL';
  return isLoopbackHost(url.hostname)
    ? null
    : 'Plain http:// is refused except for this machine (127.0.0.1, ::1, localhost): use https://';
}
