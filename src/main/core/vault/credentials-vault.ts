/**
 * systemd credentials as the vault of a headless `spendwatch serve --credentials` (opt-in): the unit's
 * `LoadCredential=` puts each secret in a file of `$CREDENTIALS_DIRECTORY`, readable by the service alone, and
 * Spendwatch reads it there — never from argv or the environment. Files are named for what they hold:
 * `openai-<account name>`, `anthropic-<account name>` (an admin key), `webhook-slack-<name>`, `webhook-json-<name>`
 * (a webhook URL). Nothing is ever written: a secret that is not one of those files is refused, and there is no
 * plaintext fallback.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import type { SecretVault } from '../ports';

type CredentialKind = 'openai' | 'anthropic' | 'webhook-slack' | 'webhook-json';
export interface Credential {
  kind: CredentialKind;
  /** The account's or webhook's name. */
  name: string;
  file: string;
}

// Longest first: "webhook-slack-x" is a webhook, not an account named "slack-x" of a provider "webhook".
const KINDS: CredentialKind[] = ['webhook-slack', 'webhook-json', 'anthropic', 'openai'];
const MAX_SECRET_BYTES = 16 * 1024;

function unavailable(message: string): AppError {
  return new AppError('keychain_unavailable', message);
}

/** The credentials in the directory that Spendwatch knows how to use; other files are left alone. */
export function listCredentials(dir: string): Credential[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw unavailable(
      `The systemd credentials directory ${dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check LoadCredential= in the unit.`,
    );
  }
  return names.sort().flatMap((file) => {
    const kind = KINDS.find((k) => file.startsWith(`${k}-`) && file.length > k.length + 1);
    // systemd writes regular files: a directory or a link here was put by someone else, and is not read.
    if (!kind || !lstatSync(join(dir, file), { throwIfNoEntry: false })?.isFile()) return [];
    return [{ kind, name: file.slice(kind.length + 1), file }];
  });
}

export class CredentialsVault implements SecretVault {
  /** Vault reference (account:<id>, webhook:<id>) → credential file name. */
  private readonly refs = new Map<string, string>();

  constructor(private readonly dir: string) {}

  /** Binds a vault reference to a credential file (an account or webhook registered from it). */
  bind(ref: string, file: string): void {
    this.refs.set(ref, file);
  }

  read(file: string): string {
    const path = join(this.dir, file);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw unavailable(`The credential ${file} is missing from ${this.dir}.`);
    if (stat.size > MAX_SECRET_BYTES) throw unavailable(`The credential ${file} is larger than a secret can be.`);
    return readFileSync(path, 'utf8').trim();
  }

  async get(ref: string): Promise<string | null> {
    const file = this.refs.get(ref);
    return file ? this.read(file) : null;
  }

  /** Only a secret one of the credentials already holds (adding an account from it): nothing is ever written. */
  async set(ref: string, secret: string): Promise<void> {
    const readable = (file: string): string | null => {
      try {
        return this.read(file);
      } catch {
        return null; // one odd file (too large, gone) must not stop the others from being used
      }
    };
    const match = listCredentials(this.dir).find((c) => readable(c.file) === secret.trim());
    if (!match)
      throw unavailable(
        'With --credentials, secrets come only from systemd credentials: add a LoadCredential= line to the unit and restart it. Nothing was saved.',
      );
    this.refs.set(ref, match.file);
  }

  async delete(ref: string): Promise<boolean> {
    return this.refs.delete(ref);
  }

  async probe(): Promise<void> {
    listCredentials(this.dir);
  }
}
