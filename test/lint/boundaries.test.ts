/**
 * The process boundaries are enforced by ESLint: these fixtures break them, and lint must fail.
 * The fixtures are linted as if they lived in each layer (ESLint's filePath option).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer boundaries (lint)', () => {
  it.each([
    [
      'src/shared/bad.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      /Only src\/main\/electron may import electron/,
    ],
    [
      'src/shared/bad.ts',
      "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      /no Node built-ins/,
    ],
    [
      'src/main/core/bad.ts',
      "import Store from 'electron-store';\nexport const a = Store;\n",
      /Only src\/main\/electron may import electron-store/,
    ],
    [
      'src/main/core/bad.ts',
      "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n",
      /Only src\/main\/electron may import electron/,
    ],
    [
      'src/renderer/bad.ts',
      "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
      /Only src\/main\/electron may import electron/,
    ],
    ['src/renderer/bad.ts', "import path from 'path';\nexport const a = path;\n", /no Node built-ins/],
    [
      'src/renderer/bad.ts',
      "import { createSpendwatch } from '../main/core/use-cases/spendwatch';\nexport const a = createSpendwatch;\n",
      /typed bridge/,
    ],
    // By path, not package name: each layer's own folders.
    [
      'src/shared/bad.ts',
      "import { AppError } from '../main/core/errors';\nexport const a = AppError;\n",
      /src\/shared imports nothing of src\/main/,
    ],
    [
      'src/shared/bad.ts',
      "import { money } from '../renderer/format';\nexport const a = money;\n",
      /Only the renderer imports renderer code/,
    ],
    [
      'src/main/core/bad.ts',
      "import { createTray } from '../electron/tray';\nexport const a = createTray;\n",
      /never imports the Electron layer/,
    ],
    [
      'src/main/core/sync/bad.ts',
      "import { x } from '../../electron/windows';\nexport const a = x;\n",
      /never imports the Electron layer/,
    ],
    [
      'src/main/core/bad.ts',
      "import { App } from '../../renderer/App';\nexport const a = App;\n",
      /Only the renderer imports renderer code/,
    ],
    [
      'src/main/core/bad.ts',
      "import { main } from '../cli/index';\nexport const a = main;\n",
      /imports the CLI: the CLI is a host/,
    ],
    [
      'src/main/cli/bad.ts',
      "import { x } from '../electron/main';\nexport const a = x;\n",
      /never imports the Electron layer/,
    ],
    // Hosts call the use cases; the services graph behind them stays private.
    [
      'src/main/cli/bad.ts',
      "import { wireCore } from '../core/use-cases/wire-core';\nexport const a = wireCore;\n",
      /never the services graph/,
    ],
    [
      'src/main/electron/bad.ts',
      "import { wireCore } from '../core/use-cases/wire-core';\nexport const a = wireCore;\n",
      /never the services graph/,
    ],
    [
      'src/main/handlers/bad.ts',
      "import { wireCore } from '../core/use-cases/wire-core';\nexport const a = wireCore;\n",
      /never the services graph/,
    ],
    [
      'src/main/electron/bad.ts',
      "import { main } from '../cli/index';\nexport const a = main;\n",
      /imports the CLI: the CLI is a host/,
    ],
  ])('%s: a forbidden import fails lint', async (file, code, message) => {
    const messages = await ruleIds(code, file);
    expect(messages.join('\n')).toMatch(message);
  });

  it.each([
    ['src/shared/bad.ts', 'export const year = () => new Date().getFullYear();\n'],
    ['src/main/core/bad.ts', 'export const stamp = () => Date.now();\n'],
    ['src/main/core/reports/bad.ts', 'export const stamp = () => String(Date());\n'],
  ])('%s: reading the machine clock directly fails lint', async (file, code) => {
    expect((await ruleIds(code, file)).join('\n')).toMatch(/injected Clock/);
  });

  it('allows dates built from a given instant, and the clock itself', async () => {
    expect(
      await ruleIds('export const day = (ms: number) => new Date(ms).toISOString();\n', 'src/shared/ok.ts'),
    ).toEqual([]);
    expect(
      (await ruleIds('export const systemClock = { now: () => new Date() };\n', 'src/main/core/ports.ts')).join('\n'),
    ).not.toMatch(/injected Clock/);
  });

  it('allows electron inside src/main/electron', async () => {
    const messages = await ruleIds(
      "import { app } from 'electron';\nexport const a = app;\n",
      'src/main/electron/ok.ts',
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([]);
  });
});
