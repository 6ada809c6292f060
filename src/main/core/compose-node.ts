/**
 * Composition root for plain-Node hosts (the CLI and the browser harness): the core over the real
 * keychain (keytar), a JSON settings file in the data dir, and the system clock.
 */
import { settingsFile } from './paths';
import type { EventSink, Logger, Notifier, SecretVault } from './ports';
import { systemClock } from './ports';
import { JsonFileStore } from './settings/json-file-store';
import { SpendwatchCore, type CoreDependencies } from './spendwatch-core';
import { KeytarVault } from './vault/keytar-vault';

export function createNodeCore(options: {
  dataDir: string;
  vault?: SecretVault;
  emit?: EventSink;
  notifier?: Notifier;
  logger?: Logger;
  overrides?: Partial<CoreDependencies>;
}): SpendwatchCore {
  return new SpendwatchCore({
    dataDir: options.dataDir,
    vault: options.vault ?? new KeytarVault(),
    settingsStore: new JsonFileStore(settingsFile(options.dataDir)),
    clock: systemClock,
    emit: options.emit,
    notifier: options.notifier,
    logger: options.logger,
    ...options.overrides,
  });
}
