/**
 * What Spendwatch last learned about each account's OpenAI spend controls, in
 * history/<account id>/spend-controls.json (so removing an account removes it). Written at once whenever
 * a poll, `limit get` or a change learns something, so the UI, the tray and the next alert evaluation
 * all use the same, latest knowledge — also across the CLI and the app, which share the data dir.
 */
import { join } from 'node:path';
import {
  accountSpendControlsSchema,
  type AccountSpendControls,
  type ScopeControls,
  type SpendScope,
} from '../../../shared/spend-controls';
import { AppError } from '../errors';
import { readFileIfExists, writeFileAtomic } from '../fs/atomic-file';
import { historyDir } from '../paths';

export class SpendControlsStore {
  constructor(private readonly dataDir: string) {}

  private file(accountId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(accountId)) throw new Error(`Bad account id: ${accountId}`);
    return join(historyDir(this.dataDir), accountId, 'spend-controls.json');
  }

  /** Read each time (it is small): another process (the CLI) may have just written it. */
  read(accountId: string): AccountSpendControls {
    const empty: AccountSpendControls = { accountId, scopes: [], warning: null, readOnly: false };
    const text = readFileIfExists(this.file(accountId));
    if (text === undefined) return empty;
    try {
      return accountSpendControlsSchema.parse(JSON.parse(text));
    } catch {
      // Only a cache of OpenAI's state: a damaged file is simply learned again at the next check.
      return empty;
    }
  }

  update(accountId: string, change: (doc: AccountSpendControls) => void): AccountSpendControls {
    const doc = this.read(accountId);
    change(doc);
    try {
      writeFileAtomic(this.file(accountId), `${JSON.stringify(accountSpendControlsSchema.parse(doc), null, 2)}\n`);
    } catch (error) {
      // Only a cache: on a full or read-only disk, what OpenAI just said is still answered, and learned again later.
      if (!(error instanceof AppError && (error.code === 'disk_full' || error.code === 'read_only'))) throw error;
    }
    return doc;
  }
}

/** The scope's entry, created empty when Spendwatch has not learned anything about it yet. */
export function scopeEntry(doc: AccountSpendControls, scope: SpendScope, name: string | null): ScopeControls {
  let entry = doc.scopes.find((s) => s.scope === scope);
  if (!entry) {
    entry = { scope, name, limit: null, limitCheckedAt: null, emailAlerts: null, emailAlertsCheckedAt: null };
    doc.scopes.push(entry);
  }
  if (name) entry.name = name;
  return entry;
}
