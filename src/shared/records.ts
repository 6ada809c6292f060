/**
 * Lookups in records keyed by text that came from outside (project ids): only the record's own values count.
 * Without this, an id such as "constructor" or "toString" finds Object.prototype's functions instead of a name.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The entry of a names-by-id record that `idOrName` names: by its own id, else by name ignoring case (the first
 * such). Projects and workspaces are looked up this way wherever a user types one.
 */
export function findByIdOrName(
  names: Readonly<Record<string, string>>,
  idOrName: string,
): { id: string; name: string } | undefined {
  const named = own(names, idOrName);
  if (named !== undefined) return { id: idOrName, name: named };
  const wanted = idOrName.toLowerCase();
  const match = Object.entries(names).find(([, name]) => name.toLowerCase() === wanted);
  return match ? { id: match[0], name: match[1] } : undefined;
}
