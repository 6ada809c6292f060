/** The environment that starts a child Node process (CLI, harness) as if the machine's clock read `iso`, running on. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const clockAt = (iso: string): NodeJS.ProcessEnv => ({
  SPENDWATCH_TEST_NOW: iso,
  // The real instant now (performance is not shifted by the test clock): the child's shift is measured from it.
  SPENDWATCH_TEST_EPOCH: String(performance.timeOrigin + performance.now()),
  NODE_OPTIONS: `--import=${pathToFileURL(resolve('test/support/test-now.mjs')).href}`,
});
