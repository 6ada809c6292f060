/** A DocumentStore over a plain JSON file, written atomically; the CLI and harness use it. */
import { readFileIfExists, writeFileAtomic } from '../fs/atomic-file';
import type { DocumentStore } from '../ports';

export class JsonFileStore<T> implements DocumentStore<T> {
  constructor(private readonly path: string) {}

  read(): T | undefined {
    const text = readFileIfExists(this.path);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  write(value: T): void {
    writeFileAtomic(this.path, `${JSON.stringify(value, null, 2)}\n`);
  }
}
