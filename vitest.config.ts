import { defineConfig } from 'vitest/config';

// Three projects: Node (shared, core, Electron layer with a mocked electron, CLI), jsdom (renderer
// components) and end-to-end (real Chromium through the harness, spawned processes).
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/shared/**/*.test.ts', 'test/main/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/build/**/*.test.ts', 'test/contracts/**/*.test.ts'],
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
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
