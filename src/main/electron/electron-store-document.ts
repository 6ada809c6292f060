/**
 * [Electron main] The settings DocumentStore over electron-store, writing the same config.json in the
 * data dir that the CLI reads. Core reads that file itself (RecoveringDocument: a damaged file is moved
 * aside and the last good copy restored), so the Store is created only on the first write, when the file
 * is known to be good: electron-store throws at construction on a damaged file, which must never stop
 * the app from starting.
 */
import Store from 'electron-store';
import type { DocumentStore } from '../core/ports';

export class ElectronStoreDocument implements DocumentStore<unknown> {
  private store: Store<Record<string, unknown>> | undefined;

  constructor(private readonly dataDir: string) {}

  private get opened(): Store<Record<string, unknown>> {
    this.store ??= new Store({ cwd: this.dataDir, name: 'config', clearInvalidConfig: false });
    return this.store;
  }

  read(): unknown {
    const value = this.opened.store;
    return Object.keys(value).length ? value : undefined;
  }

  write(value: unknown): void {
    this.opened.store = value as Record<string, unknown>;
  }
}
