import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Four projects: Node (shared, core, Electron layer with a mocked electron, CLI), Node again with the clock years
// ahead (node-2031), jsdom (renderer components) and end-to-end (real Chromium through the harness, spawned
// processes).
/** Every project, as `npm test` runs them (after building the app and the CLI, inside a throwaway keyring). */
function allProjects(): TestProjectInlineConfiguration[] {
  return [
    {
      test: {
        name: 'node',
        environment: 'node',
        include: [
          'test/shared/**/*.test.ts',
          'test/main/**/*.test.ts',
          'test/lint/**/*.test.ts',
          'test/build/**/*.test.ts',
          'test/contracts/**/*.test.ts',
        ],
        // Runs only with the machine clock years ahead (node-2031).
        exclude: ['test/main/core/clock/**'],
        testTimeout: 30_000,
      },
    },
    {
      // The date-sensitive suites again, with the machine's clock in January 2031 (no time bombs).
      test: {
        name: 'node-2031',
        environment: 'node',
        include: [
          'test/shared/**/*.test.ts',
          'test/main/core/payments/**/*.test.ts',
          'test/main/core/alerts/**/*.test.ts',
          'test/main/core/aggregate/**/*.test.ts',
          'test/main/core/history/**/*.test.ts',
          'test/main/core/sync/sync-engine.test.ts',
          'test/main/core/accounts/**/*.test.ts',
          'test/main/core/clock/**/*.test.ts',
        ],
        setupFiles: ['test/support/clock-years-ahead.ts'],
        testTimeout: 30_000,
      },
    },
    {
      esbuild: { jsx: 'automatic' },
      test: {
        name: 'renderer',
        environment: 'jsdom',
        include: ['test/renderer/**/*.test.tsx', 'test/renderer/**/*.test.ts'],
        // Lazy chunks (the charts) load slowly when the machine is busy; waits inside tests allow for it.
        testTimeout: 30_000,
      },
    },
    {
      test: {
        name: 'e2e',
        environment: 'node',
        include: ['test/e2e/**/*.test.ts'],
        // A view reloading after a change can take more than expect.poll's default second on a loaded 2-core
        // machine (the full suite runs the other projects beside this one): wait up to 10 s, then fail.
        expect: { poll: { timeout: 10_000 } },
        testTimeout: 90_000,
        hookTimeout: 90_000,
        fileParallelism: false,
      },
    },
  ];
}

/**
 * `npm run test:unit`: the Node and jsdom tests that need no build, no keyring and no Chromium, for a quick loop
 * while editing. The suites left out (the built CLI, the package, the real keychain, browsers) are `npm test`'s.
 */
function unitProjects(): TestProjectInlineConfiguration[] {
  const needsMore = [
    'test/build/**',
    'test/main/cli/**',
    'test/main/deploy/**',
    'test/main/core/vault/keytar-vault.test.ts',
    'test/main/core/vault/card-keychain.test.ts',
    'test/main/core/use-cases/doors-agree*.test.ts',
    'test/main/core/use-cases/attack-second-process.test.ts',
  ];
  return allProjects()
    .filter((p) => p.test?.name === 'node' || p.test?.name === 'renderer')
    .map((p) => ({ ...p, test: { ...p.test, exclude: [...(p.test?.exclude ?? []), ...needsMore] } }));
}

export default defineConfig({
  test: {
    pool: 'forks',
    projects: process.env.npm_lifecycle_event === 'test:unit' ? unitProjects() : allProjects(),
  },
});
