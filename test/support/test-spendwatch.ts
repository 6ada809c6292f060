/**
 * Spendwatch as a host sees it (the use cases), plus — for white-box tests only — the services graph behind
 * them, to seed state and to test a service on its own. Production code never gets `services`.
 */
import { createSpendwatch, type Spendwatch } from '../../src/main/core/use-cases/spendwatch';
import { wireCore, type CoreDependencies, type CoreServices } from '../../src/main/core/use-cases/wire-core';

export type TestSpendwatch = Spendwatch & { readonly services: CoreServices };

export function createTestSpendwatch(deps: CoreDependencies): TestSpendwatch {
  const services = wireCore(deps);
  return Object.assign(createSpendwatch(services), { services });
}
