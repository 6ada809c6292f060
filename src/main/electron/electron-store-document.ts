/**
 * [Electron main] The settings DocumentStore over electron-store, writing the same config.json in the
 * data dir that the CLI reads.
 */
import Store from 'electron-store';
import type { DocumentStore } from '../core/ports';

export class ElectronStoreDocument implements DocumentStore<unknown> {
  private readonly store: Store<Record<string, unknown>>;

  constructor(dataDir: string) {
    this.store = new Store({ cwd: dataDir, name: 'config', clearInvalidConfig: false });
  }

  read(): unknown {
    const value = this.store.store;
    return Object.keys(value).length ? value : undefined;
  }

  write(value: unknown): void {
    this.store.store = value as Record<string, unknown>;
  }
}
