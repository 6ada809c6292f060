/**
 * The token a server listening beyond loopback requires. Read from a file (never argv or the environment), and
 * compared in constant time: both sides are hashed first, so neither the length nor a prefix leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { AppError } from '../core/errors';

const MIN_TOKEN_LENGTH = 16;

export function readTokenFile(path: string): { token: string; warning: string | null } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `--token-file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  const token = text.trim();
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new AppError(
      'invalid_input',
      `--token-file must hold one token of at least ${MIN_TOKEN_LENGTH} characters without spaces, e.g. from: openssl rand -hex 32 > ${path}`,
    );
  }
  const mode = statSync(path).mode;
  const warning =
    process.platform !== 'win32' && mode & 0o077
      ? `The token file ${path} is readable by other users; chmod 600 it.`
      : null;
  return { token, warning };
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** A checker for `Authorization: Bearer <token>` headers. */
export function bearerCheck(token: string): (header: string | undefined) => boolean {
  const expected = digest(token);
  return (header) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    // Always compare, even without a header, so a missing token takes as long as a wrong one.
    const given = digest(match?.[1] ?? '');
    return timingSafeEqual(given, expected) && match !== null;
  };
}
