/** The environment that starts a child Node process (CLI, harness) as if the machine's clock read `iso`, running on. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clock } from '../../src/main/core/ports';

export const clockAt = (iso: string): NodeJS.ProcessEnv => ({
  SPENDWATCH_TEST_NOW: iso,
  // The real instant now (performance is not shifted by the test clock): the child's shift is measured from it.
  SPENDWATCH_TEST_EPOCH: String(performance.timeOrigin + performance.now()),
  NODE_OPTIONS: `--import=${pathToFileURL(resolve('test/support/test-now.mjs')).href}`,
});

/**
 * For a test file whose fixtures are built once for "today": noon (UTC) of the day the file loaded, and an
 * environment that starts its child processes (CLI, harness) there, so a file that runs across midnight or a
 * month's end (CI's instants start minutes before one) compares figures of one day. Each call is fixed when made.
 */
export function pinnedToLoadDay(): { noon: string; env: () => NodeJS.ProcessEnv; clock: () => Clock } {
  const noon = `${new Date().toISOString().slice(0, 10)}T12:00:00Z`;
  return {
    noon,
    env: () => clockAt(noon),
    // For a core in this process (an in-process harness): the same noon, running on from when it is made.
    clock: () => {
      const start = performance.now();
      return { now: () => new Date(Date.parse(noon) + (performance.now() - start)) };
    },
  };
}
