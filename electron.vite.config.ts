import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import rendererConfig from './src/renderer/vite.config';

// main: ESM (electron-store is ESM-only); preload: one CommonJS bundle, as sandboxed preloads require.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src/main/electron/main.ts') }, output: { format: 'es' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        external: ['electron'],
      },
    },
  },
  renderer: rendererConfig,
});
