/** The log file: in the data dir, redacts every key and card number, caps and rotates its size. */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLog, LOG_MAX_BYTES, LOG_MAX_FILES, logDir, logFile } from '../../../../src/main/core/logging/file-log';
import { TestClock } from '../../../support/test-clock';

const ADMIN_KEY = `sk-admin-${'Q'.repeat(24)}tail`;
const PROJECT_KEY = 'sk-proj-abcdefghijklmnopqrstuvwx1234';
const CARD = '4242 4242 4242 4242';

describe('log file', () => {
  it('creates nothing until something is written', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'sw-log-')), 'home');
    new FileLog(dataDir, 'cli', new TestClock(new Date('2026-11-22T00:00:00Z')));
    expect(existsSync(dataDir)).toBe(false);
  });

  it('never lets a key or card number through, whatever the caller passes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-log-'));
    const log = new FileLog(dataDir, 'app', new TestClock(new Date('2026-11-22T00:00:00Z')));
    log.warn(`IPC refused: addAccount with apiKey ${ADMIN_KEY}`);
    log.error('Unexpected', new Error(`request failed with Authorization: Bearer ${PROJECT_KEY} for card ${CARD}`));
    log.info(`card 4242-4242-4242-4242 and 4000056655665556 and header authorization=${ADMIN_KEY}`);
    await log.flush();
    const text = readFileSync(logFile(dataDir), 'utf8');
    expect(text).toMatch(/^2026-11-22T00:00:00.000Z app WARN IPC refused/m);
    expect(text).toContain('…tail');
    for (const secret of [
      ADMIN_KEY,
      PROJECT_KEY,
      'Q'.repeat(24),
      '4242 4242 4242 4242',
      '4242-4242-4242-4242',
      '4242424242424242',
      '4000056655665556',
      'abcdefghijklmnop',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(statSync(logFile(dataDir)).mode & 0o077).toBe(0);
  });

  it('never writes through a symlink planted as the log file or its folder', async () => {
    for (const plant of ['file', 'folder'] as const) {
      const dataDir = mkdtempSync(join(tmpdir(), 'sw-log-'));
      const victim = join(mkdtempSync(join(tmpdir(), 'sw-victim-')), 'victim.txt');
      writeFileSync(victim, 'precious\n');
      if (plant === 'file') {
        mkdirSync(logDir(dataDir), { recursive: true });
        symlinkSync(victim, logFile(dataDir));
      } else {
        symlinkSync(join(victim, '..'), logDir(dataDir));
      }
      const log = new FileLog(dataDir, 'cli', new TestClock(new Date('2026-11-22T00:00:00Z')));
      log.warn('a line that must not land in the victim');
      await log.flush();
      expect(readFileSync(victim, 'utf8'), plant).toBe('precious\n');
      expect(lstatSync(logDir(dataDir)).isDirectory(), plant).toBe(true);
      expect(lstatSync(logFile(dataDir)).isFile(), plant).toBe(true);
      expect(readFileSync(logFile(dataDir), 'utf8')).toContain('a line that must not land in the victim');
      // The planted link is kept aside for inspection.
      const where = plant === 'file' ? logDir(dataDir) : dataDir;
      expect(
        readdirSync(where).some((n) => n.includes('.symlink-')),
        plant,
      ).toBe(true);
    }
  });

  it('a FIFO planted as the log never hangs a command: it is moved aside', async () => {
    const { spawnSync } = await import('node:child_process');
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-log-'));
    mkdirSync(logDir(dataDir), { recursive: true });
    expect(spawnSync('mkfifo', [logFile(dataDir)]).status).toBe(0);
    const log = new FileLog(dataDir, 'cli', new TestClock(new Date('2026-11-22T00:00:00Z')));
    log.warn('after the fifo');
    await log.flush();
    expect(lstatSync(logFile(dataDir)).isFile()).toBe(true);
    expect(readFileSync(logFile(dataDir), 'utf8')).toContain('after the fifo');
  });

  it('is size-capped and rotated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-log-'));
    const log = new FileLog(dataDir, 'cli', new TestClock(new Date('2026-11-22T00:00:00Z')));
    const line = 'x'.repeat(3_000);
    for (let i = 0; i < 2_000; i++) log.info(`${i} ${line}`);
    await log.flush();
    const files = readdirSync(logDir(dataDir));
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(LOG_MAX_FILES);
    for (const f of files) expect(statSync(join(logDir(dataDir), f)).size).toBeLessThanOrEqual(LOG_MAX_BYTES * 1.05);
    expect(readFileSync(logFile(dataDir), 'utf8')).toContain('1999 x');
  });
});
