/**
 * Lookups in records keyed by text that came from outside (project ids): only the record's own values count.
 * Without this, an id such as "constructor" or "toString" finds Object.prototype's functions instead of a name.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
