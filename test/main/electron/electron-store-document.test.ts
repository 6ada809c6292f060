/**
 * The app's settings document: read through electron-store, written through Spendwatch's checked atomic write
 * (electron-store's own writer ignored short writes and would cut config.json on a nearly full disk). electron-store
 * itself cannot run outside Electron, so a stand-in reads the file back.
 */
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ElectronStoreDocument } from '../../../src/main/electron/electron-store-document';

// electron-store needs a running Electron to construct; a stand-in reads the file as it does (JSON, whole).
vi.mock('electron-store', async () => {
  const { readFileSync: read } = await import('node:fs');
  const { join: path } = await import('node:path');
  return {
    default: class {
      constructor(private readonly options: { cwd: string; name: string }) {}
      get store(): unknown {
        return JSON.parse(read(path(this.options.cwd, `${this.options.name}.json`), 'utf8'));
      }
    },
  };
});

describe('the app settings document', () => {
  it('writes config.json atomically in electron-store’s format and reads it back through electron-store', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-estore-'));
    const doc = new ElectronStoreDocument(dir);
    const value = { accounts: [{ id: 'acc_1', name: 'Acme' }], general: { pollMinutes: 15 } };
    doc.write(value);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual(value);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toContain('\n\t"accounts"');
    expect(doc.read()).toEqual(value);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces a config.json planted as a symlink instead of writing through it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-estore-'));
    const victim = join(mkdtempSync(join(tmpdir(), 'sw-victim-')), 'v.json');
    writeFileSync(victim, '{"precious":true}');
    symlinkSync(victim, join(dir, 'config.json'));
    new ElectronStoreDocument(dir).write({ general: {} });
    expect(readFileSync(victim, 'utf8')).toBe('{"precious":true}');
  });
});
