import { resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'electron-vite';
import rendererConfig from './src/renderer/vite.config';

// main: one ESM file with its dependencies bundled in (electron-store, undici, zod…), so the package ships
// no node_modules but keytar, whose native module cannot be bundled (it is loaded lazily with
// createRequire, so Rollup never sees it). preload: one CommonJS bundle, as sandboxed preloads require.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: false,
      minify: true,
      rollupOptions: {
        input: { index: resolve('src/main/electron/main.ts') },
        output: { format: 'es' },
        external: ['electron', 'keytar'],
      },
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
  // electron-vite leaves the renderer unminified unless told; the package carries the minified build.
  renderer: mergeConfig(rendererConfig, { build: { minify: true } }),
});
