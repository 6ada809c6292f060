/** `--listen HOST:PORT` (IPv6 in brackets: `[::1]:9477`), and whether it stays on this machine. */
import { isIP } from 'node:net';
import { AppError } from '../core/errors';
import { isLoopbackHost } from '../../shared/secure-url';

export const DEFAULT_LISTEN = '127.0.0.1:9477';

export interface ListenAddress {
  host: string;
  port: number;
  loopback: boolean;
}

export function parseListen(text: string): ListenAddress {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535)
    throw new AppError(
      'invalid_input',
      `--listen must be HOST:PORT, e.g. ${DEFAULT_LISTEN} or [::1]:9477 (got "${text}").`,
    );
  const host = match[1] ?? match[2];
  if (match[1] && isIP(host) !== 6) throw new AppError('invalid_input', `--listen: "${host}" is not an IPv6 address.`);
  return { host, port, loopback: isLoopbackHost(host) };
}

/** How an address is written in logs and URLs. */
export const formatAddress = (host: string, port: number): string =>
  isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
