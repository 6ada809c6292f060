import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY } from '../shared/csp.ts';

// Shared by electron-vite (the app) and the browser harness, so both serve the same renderer build.
// Paths are relative to the project root: every npm script runs from there.
const root = resolve('src/renderer');

/** The strict CSP goes into the built page (the dev server needs inline scripts, so only at build). */
const cspMeta = (): Plugin => ({
  name: 'spendwatch-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
});

/**
 * ICU's warm-up (public/intl-warm-up.js) as a classic script after the app's module script: it runs while the
 * module is still being fetched and compiled. Injected here, after Vite's own HTML processing, because Vite
 * cannot bundle a classic script and would warn about one written in index.html.
 */
const intlWarmUp = (): Plugin => ({
  name: 'spendwatch-intl-warm-up',
  transformIndexHtml: {
    order: 'post',
    handler: () => [{ tag: 'script', attrs: { src: './intl-warm-up.js' }, injectTo: 'body' }],
  },
});

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspMeta(), intlWarmUp()],
  build: {
    outDir: resolve('out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(root, 'index.html') },
  },
});
