/**
 * Names for the projects, API keys and people that costs and usage carry only as ids. A list is fetched only when an id
 * appears that has no name yet; ids a list does not include — or that a failed list could not name — keep their
 * id as name and are looked up again at most once a day, so they never cost a request on every poll. Names are
 * outside text: key-shaped text is redacted before it is stored.
 */
import { isDue } from '../../../shared/elapsed';
import { own } from '../../../shared/records';
import { outsideText } from '../providers/outside-text';
import { toErrorInfo } from '../errors';
import type { SyncState } from '../history/history-store';
import type { SpendProvider } from '../providers/provider';

const DAY_MS = 86_400_000;

/** Runs a secondary fetch; its failure becomes a warning instead of failing the sync. */
export async function optional<T>(fetch: () => Promise<T>, what: string, warnings: string[]): Promise<T | undefined> {
  try {
    return await fetch();
  } catch (error) {
    warnings.push(`${what} could not be fetched: ${toErrorInfo(error).message}`);
    return undefined;
  }
}

const clean = (text: string | null): string | null => (text === null ? null : outsideText(text));

export class NameDirectory {
  constructor(
    private readonly provider: SpendProvider,
    private readonly now: Date,
    private readonly warnings: string[],
  ) {}

  /** Project (workspace) names to store, or undefined when nothing needed fetching. */
  async projects(state: SyncState, seen: Set<string>): Promise<SyncState['projects'] | undefined> {
    if (!this.wanted(state.projects, [...seen], state.projectsFetchedAt, (name) => name).length) return undefined;
    const fetched = await optional(() => this.provider.listProjects(), 'Project names', this.warnings);
    // A Map, then own data properties: ids are outside text ("constructor" is an id like any other).
    const names = new Map(Object.entries(state.projects));
    for (const [id, name] of fetched ?? []) names.set(id, outsideText(name));
    for (const id of seen) if (!names.has(id)) names.set(id, id);
    return Object.fromEntries(names);
  }

  /** The key names to store, or undefined when nothing needed fetching. `seen`: key id → a project it spent in. */
  async apiKeys(state: SyncState, seen: Map<string, string | null>): Promise<SyncState['apiKeys'] | undefined> {
    const wanted = this.wanted(state.apiKeys, [...seen.keys()], state.apiKeysFetchedAt, (k) => k.name);
    if (!wanted.length) return undefined;
    const projects = [...new Set(wanted.map((id) => seen.get(id)).filter((p): p is string => !!p))].sort();
    // Project by project: one list that fails (a project deleted since, a permission) keeps the others' names.
    const failures: string[] = [];
    const keys = new Map(Object.entries(state.apiKeys));
    for (const list of this.provider.apiKeysByProject ? projects.map((p) => [p]) : [projects]) {
      const fetched = await optional(() => this.provider.listApiKeys(list), 'API key names', failures);
      for (const [id, key] of fetched ?? [])
        keys.set(id, {
          name: clean(key.name)!,
          owner: clean(key.owner),
          projectId: key.projectId,
          lastUsedAt: key.lastUsedAt,
        });
    }
    if (failures.length)
      this.warnings.push(
        failures.length > 1
          ? `${failures[0]} (and for ${failures.length - 1} more project${failures.length > 2 ? 's' : ''})`
          : failures[0],
      );
    for (const id of seen.keys())
      if (!keys.has(id)) keys.set(id, { name: id, owner: null, projectId: seen.get(id) ?? null, lastUsedAt: null });
    return Object.fromEntries(keys);
  }

  async users(state: SyncState, seen: Set<string>): Promise<SyncState['users'] | undefined> {
    const listUsers = this.provider.listUsers?.bind(this.provider);
    if (!listUsers) return undefined;
    const wanted = this.wanted(state.users, [...seen], state.usersFetchedAt, (u) => u.name);
    if (!wanted.length) return undefined;
    const fetched = await optional(listUsers, 'User names', this.warnings);
    const users = new Map(Object.entries(state.users));
    for (const [id, user] of fetched ?? []) users.set(id, { name: clean(user.name)!, email: clean(user.email) });
    for (const id of seen) if (!users.has(id)) users.set(id, { name: id, email: null });
    return Object.fromEntries(users);
  }

  /** Ids with no name yet, or (at most daily) ids whose name is still their id. */
  private wanted<T>(
    known: Record<string, T>,
    all: string[],
    fetchedAt: string | null,
    name: (entry: T) => string,
  ): string[] {
    // "__proto__" cannot be kept as a record key (it is dropped when the state is read): it is shown by its id,
    // never asked for on every poll.
    const ids = all.filter((id) => id !== '__proto__');
    const unknown = ids.filter((id) => own(known, id) === undefined);
    if (unknown.length) return unknown;
    if (!isDue(fetchedAt, this.now.getTime(), DAY_MS)) return [];
    return ids.filter((id) => name(own(known, id)!) === id);
  }
}
