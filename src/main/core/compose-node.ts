/**
 * Composition root for plain-Node hosts (the CLI and the browser harness): Spendwatch over the real
 * keychain (keytar), a JSON settings file in the data dir, and the system clock.
 */
import { settingsFile } from './paths';
import type { EventSink, Logger, Notifier, SecretVault } from './ports';
import { systemClock } from './ports';
import { JsonFileStore } from './settings/json-file-store';
import { createSpendwatch, type CoreDependencies, type Spendwatch } from './use-cases/spendwatch';
import { KeytarVault } from './vault/keytar-vault';

export function nodeDependencies(options: {
  dataDir: string;
  vault?: SecretVault;
  emit?: EventSink;
  notifier?: Notifier;
  logger?: Logger;
  overrides?: Partial<CoreDependencies>;
}): CoreDependencies {
  return {
    dataDir: options.dataDir,
    vault: options.vault ?? new KeytarVault(),
    settingsStore: new JsonFileStore(settingsFile(options.dataDir)),
    clock: systemClock,
    emit: options.emit,
    notifier: options.notifier,
    logger: options.logger,
    ...options.overrides,
  };
}

export function createNodeSpendwatch(options: Parameters<typeof nodeDependencies>[0]): Spendwatch {
  return createSpendwatch(nodeDependencies(options));
}
