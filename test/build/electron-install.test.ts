/**
 * `npm install` provisions the Electron binary with Electron's own `install-electron`, and `npm start` says in
 * words what to do when it could not. Nothing reaches GitHub: a loopback mirror (ELECTRON_MIRROR) serves a
 * stand-in distribution zip and its SHASUMS256.txt (electron_use_remote_checksums=1), into a project copy whose
 * node_modules/electron has never had a binary (the rest of node_modules is linked from this checkout).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
const ZIP_NAME = `electron-v${VERSION}-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}.zip`;

/** A project as a fresh clone has it after `npm install` minus the binary: our scripts, Electron's package without dist/. */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-electron-install-'));
  cpSync(join(ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'electron' || entry === '.cache') continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  const electron = join(dir, 'node_modules', 'electron');
  cpSync(join(ROOT, 'node_modules', 'electron'), electron, {
    recursive: true,
    filter: (src) => !/[/\\](dist|path\.txt)$/.test(src),
  });
  expect(existsSync(join(electron, 'path.txt'))).toBe(false);
  return dir;
}

/** The stand-in distribution: an `electron` that says what it is, and the `version` file install.js checks. */
function standInZip(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sw-electron-zip-'));
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in electron $*"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), `v${VERSION}`);
  const zip = spawnSync('zip', ['-q', '-X', join(dir, ZIP_NAME), 'electron', 'version'], { cwd: dir });
  expect(zip.status, String(zip.stderr)).toBe(0);
  return readFileSync(join(dir, ZIP_NAME));
}

/** Runs one of our scripts as npm would, asynchronously: the loopback mirror answers from this process. */
function run(
  script: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // No inherited npm/electron settings: only what each case sets.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|ELECTRON_|electron_)/i.test(k)));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(cwd, 'scripts', script), ...args], {
      cwd,
      env: { ...base, ELECTRON_GET_NO_PROGRESS: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', fail);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr });
    });
  });
}

describe('the Electron binary on install, and npm start without it', () => {
  let mirror: Server;
  let mirrorUrl: string;
  const requests: string[] = [];
  let refused: Server;
  let refusedUrl: string;

  beforeAll(async () => {
    const zip = standInZip();
    const sums = `${createHash('sha256').update(zip).digest('hex')} *${ZIP_NAME}\n`;
    mirror = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === `/v${VERSION}/${ZIP_NAME}`)
        return res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
      if (req.url === `/v${VERSION}/SHASUMS256.txt`) return res.writeHead(200).end(sums);
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => mirror.listen(0, '127.0.0.1', done));
    mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
    // A host that answers every download with 403, as a blocking proxy does.
    refused = createServer((_req, res) => res.writeHead(403).end('blocked'));
    await new Promise<void>((done) => refused.listen(0, '127.0.0.1', done));
    refusedUrl = `http://127.0.0.1:${(refused.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((done) => mirror?.close(done));
    await new Promise((done) => refused?.close(done));
  });

  it('downloads the binary from ELECTRON_MIRROR, checked against its SHASUMS256.txt, and npm start gets past the check', async () => {
    const dir = projectCopy();
    const cache = mkdtempSync(join(tmpdir(), 'sw-electron-cache-'));
    const install = await run('install-electron.mjs', [], dir, {
      ELECTRON_MIRROR: mirrorUrl,
      electron_use_remote_checksums: '1',
      electron_config_cache: cache,
    });
    expect(install.status, install.stderr).toBe(0);
    expect(requests).toEqual(expect.arrayContaining([`/v${VERSION}/SHASUMS256.txt`, `/v${VERSION}/${ZIP_NAME}`]));
    const electron = join(dir, 'node_modules', 'electron');
    expect(readFileSync(join(electron, 'path.txt'), 'utf8')).toBe('electron');
    expect(spawnSync(join(electron, 'dist', 'electron'), ['--x'], { encoding: 'utf8' }).stdout).toBe(
      'stand-in electron --x\n',
    );
    // Electron's cache setting is honoured: the zip was kept there.
    expect(readdirSync(cache, { recursive: true }).some((f) => String(f).endsWith(ZIP_NAME))).toBe(true);
    // `npm start` passes the binary check and hands over to electron-vite.
    const start = await run('electron-run.mjs', ['--version'], dir, {});
    expect(start.status, start.stderr).toBe(0);
    expect(start.stdout).toMatch(/\d+\.\d+\.\d+/);
    // A second install finds it and asks nothing.
    const before = requests.length;
    expect(
      (
        await run('install-electron.mjs', [], dir, {
          ELECTRON_MIRROR: mirrorUrl,
          electron_use_remote_checksums: '1',
          electron_config_cache: cache,
        })
      ).status,
    ).toBe(0);
    expect(requests.length).toBe(before);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a zip whose checksum does not match, and says so', async () => {
    const dir = projectCopy();
    const zip = standInZip();
    const wrongSums = createServer((req, res) => {
      if (req.url?.endsWith('SHASUMS256.txt')) return res.writeHead(200).end(`${'0'.repeat(64)} *${ZIP_NAME}\n`);
      res.writeHead(200).end(zip);
    });
    await new Promise<void>((done) => wrongSums.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(wrongSums.address() as AddressInfo).port}/`;
    const install = await run('install-electron.mjs', [], dir, {
      ELECTRON_MIRROR: url,
      electron_use_remote_checksums: '1',
      electron_config_cache: mkdtempSync(join(tmpdir(), 'sw-electron-cache-')),
    });
    await new Promise((done) => wrongSums.close(done));
    expect(install.status).toBe(0);
    expect(install.stderr).toMatch(/warning: Spendwatch cannot open: the Electron .* binary is not installed/);
    expect(existsSync(join(dir, 'node_modules', 'electron', 'path.txt'))).toBe(false);
  });

  for (const [name, env] of [
    ['unreachable (nothing listens)', () => ({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' })],
    ['blocked (403 from a proxy)', () => ({ ELECTRON_MIRROR: refusedUrl })],
  ] as const) {
    it(`when the download is ${name}: the install completes with a warning, npm start explains and exits non-zero`, async () => {
      const dir = projectCopy();
      const install = await run('install-electron.mjs', [], dir, {
        ...env(),
        electron_use_remote_checksums: '1',
        electron_config_cache: mkdtempSync(join(tmpdir(), 'sw-electron-cache-')),
      });
      expect(install.status, install.stderr).toBe(0);
      expect(install.stderr).toMatch(/spendwatch: warning: Spendwatch cannot open/);
      const start = await run('electron-run.mjs', ['preview'], dir, {});
      expect(start.status).toBe(1);
      const message = start.stderr.trim();
      expect(message.split('\n')).toHaveLength(1); // one paragraph
      expect(message).toContain(`the Electron ${VERSION} binary is not installed`);
      expect(message).toMatch(
        name.startsWith('unreachable')
          ? /did not complete \(127\.0\.0\.1:9 could not be reached\)/
          : /did not complete \(.*403.*\)/,
      );
      for (const fix of ['network or proxy', 'ELECTRON_MIRROR', 'npx install-electron', 'npm run dev:browser'])
        expect(message).toContain(fix);
      expect(message).not.toContain('Electron uninstall');
      expect(start.stdout).toBe('');
    });
  }

  it('honours ELECTRON_SKIP_BINARY_DOWNLOAD: nothing is asked for, and npm start says why', async () => {
    const dir = projectCopy();
    const before = requests.length;
    const install = await run('install-electron.mjs', [], dir, {
      ELECTRON_MIRROR: mirrorUrl,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    });
    expect(install.status).toBe(0);
    expect(install.stdout).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
    expect(requests.length).toBe(before);
    const start = await run('electron-run.mjs', ['preview'], dir, {});
    expect(start.status).toBe(1);
    expect(start.stderr).toContain('(ELECTRON_SKIP_BINARY_DOWNLOAD was set)');
  });
});
