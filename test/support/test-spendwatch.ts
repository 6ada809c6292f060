/**
 * Spendwatch as a host sees it (the use cases), plus — for white-box tests only — the services graph behind
 * them, to seed state and to test a service on its own. Production code never gets `services`.
 */
import { createSpendwatch, type Spendwatch } from '../../src/main/core/use-cases/spendwatch';
import { wireCore, type CoreDependencies, type CoreServices } from '../../src/main/core/use-cases/wire-core';
import { settingsFile } from '../../src/main/core/paths';
import { OpenAiProvider } from '../../src/main/core/providers/openai/openai-provider';
import { JsonFileStore } from '../../src/main/core/settings/json-file-store';
import { FAST_RETRY } from './fast-retry';

export type TestSpendwatch = Spendwatch & { readonly services: CoreServices };

export function createTestSpendwatch(deps: CoreDependencies): TestSpendwatch {
  const services = wireCore(deps);
  return Object.assign(createSpendwatch(services), { services });
}

/**
 * The same against the loopback fake OpenAI server, on a data dir with its settings file, as a process of the app
 * or the CLI would be: two of them on one data dir are two processes.
 */
export function createLoopbackSpendwatch(
  deps: Pick<CoreDependencies, 'dataDir' | 'vault' | 'clock'> & Partial<CoreDependencies>,
): TestSpendwatch {
  return createTestSpendwatch({
    settingsStore: new JsonFileStore(settingsFile(deps.dataDir)),
    createProvider: (account, apiKey) => new OpenAiProvider({ apiKey, baseUrl: account.baseUrl, retry: FAST_RETRY }),
    ...deps,
  });
}
