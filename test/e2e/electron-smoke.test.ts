/**
 * Smoke test of the real desktop app with Playwright's _electron — only where an Electron binary
 * exists (it cannot be downloaded on CI machines here); otherwise it says clearly that it skipped.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

function electronBinary(): string | undefined {
  const pathFile = join('node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
if (!binary)
  console.log(
    'electron smoke test: SKIPPED — no Electron binary is installed on this machine (node_modules/electron/dist).',
  );

describe.skipIf(!binary)('desktop app (Electron)', () => {
  it('starts, opens the dashboard on demo data, and keeps the renderer sandboxed', async () => {
    const app = await _electron.launch({
      executablePath: binary!,
      args: ['.', '--open', '--no-sandbox'],
      env: { ...process.env, SPENDWATCH_HOME: mkdtempSync(join(tmpdir(), 'sw-electron-')) },
    });
    const window = await app.firstWindow();
    await window.getByText('Demo data').waitFor();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (window as { spendwatch?: unknown }).spendwatch)).toBe('object');
    await app.close();
  });
});
