/**
 * [Electron main] The settings DocumentStore over electron-store, writing the same config.json in the
 * data dir that the CLI reads. Core reads that file itself (RecoveringDocument: a damaged file is moved
 * aside and the last good copy restored), so the Store is created only on the first write, when the file
 * is known to be good: electron-store throws at construction on a damaged file, which must never stop
 * the app from starting.
 */
import { join } from 'node:path';
import Store from 'electron-store';
import { writeFileAtomic } from '../core/fs/atomic-file';
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

  /**
   * Through Spendwatch's checked atomic write, not electron-store's: its writer issues one write and ignores the
   * byte count (a nearly full disk cut config.json to 4,096 bytes), follows a symlinked file, and its ENOSPC/EROFS
   * would not become disk_full/read_only. Same file, same format (electron-store's tab-indented JSON), which
   * electron-store reads back.
   */
  write(value: unknown): void {
    writeFileAtomic(join(this.dataDir, 'config.json'), JSON.stringify(value, undefined, '\t'));
  }
}
