// Lint, including the process-boundary rules: what runs where is enforced here, not remembered.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronOnly = [
  { name: 'electron', message: 'Only src/main/electron may import electron.' },
  { name: 'electron-store', message: 'Only src/main/electron may import electron-store.' },
];
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This layer runs without Node: no Node built-ins.' }));
// Layers by path, not only by package: what a file may import from the project's own folders.
const notMain = {
  group: ['**/main/**', '**/main'],
  message: 'src/shared imports nothing of src/main: it is shared by main and the renderer.',
};
const notRenderer = { group: ['**/renderer/**', '**/renderer'], message: 'Only the renderer imports renderer code.' };
const notElectronLayer = {
  group: ['**/electron/**', '**/main/electron', '../electron', './electron'],
  message: 'src/main/core never imports the Electron layer (src/main/electron): the CLI and the harness share core.',
};
const notServicesGraph = {
  group: ['**/use-cases/wire-core', './wire-core'],
  message:
    'Hosts (the app, the CLI, IPC handlers) use the use cases (use-cases/spendwatch.ts), never the services graph behind them.',
};
const notCli = {
  group: ['**/cli/**', '../cli', './cli'],
  message: 'Neither core nor the app (src/main/electron) imports the CLI: the CLI is a host of core, like the app.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/lint/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // src/shared: pure TypeScript, no Node, no DOM-specific modules, no Electron.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...electronOnly, ...noNode], patterns: [notMain, notRenderer] }],
    },
  },
  // src/main/core: Node only, never Electron.
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: electronOnly, patterns: [notElectronLayer, notRenderer, notCli] }],
    },
  },
  // The IPC handlers: one door into the use cases, like the CLI.
  {
    files: ['src/main/handlers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: electronOnly, patterns: [notElectronLayer, notRenderer, notCli, notServicesGraph] },
      ],
    },
  },
  // src/main/cli: a host of core, like the app; it never reaches into the Electron layer or the renderer.
  {
    files: ['src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: electronOnly, patterns: [notElectronLayer, notRenderer, notServicesGraph] },
      ],
    },
  },
  // src/main/server: `spendwatch serve`, a host of core like the CLI (which starts it) and the app.
  {
    files: ['src/main/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: electronOnly, patterns: [notElectronLayer, notRenderer, notCli, notServicesGraph] },
      ],
    },
  },
  // src/main/electron: the only Electron code; a host of core like the CLI.
  {
    files: ['src/main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [notRenderer, notCli, notServicesGraph] }] },
  },
  // src/renderer: React in the browser; talks to main only through window.spendwatch.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/vite.config.ts'], // build config: runs in Node, not in the renderer
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...electronOnly, ...noNode],
          patterns: [
            { group: ['**/main/**', '**/main'], message: 'The renderer reaches main only through the typed bridge.' },
          ],
        },
      ],
    },
  },
  // Time only through the injected Clock (src/main/core/ports.ts): a bare `new Date()` or `Date.now()`
  // makes code depend on the machine's date (tests that break when the year turns). `new Date(ms)` is fine.
  {
    files: ['src/shared/**/*.ts', 'src/main/core/**/*.ts'],
    ignores: ['src/main/core/ports.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No bare new Date() here: take the time from the injected Clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No Date.now() here: take the time from the injected Clock.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'No Date() here: take the time from the injected Clock.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The CommonJS launcher (bin/spendwatch.cjs): require() is what it is for.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
