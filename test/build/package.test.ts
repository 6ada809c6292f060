/**
 * Packaging dry run: electron-builder's linux `dir` target, x64, against a stand-in Electron distribution
 * (`electronDist`: a folder with a fake `electron` that carries Electron's fuse wire and reports how it was
 * called), so nothing is downloaded. Then the result is inspected: the archive's files (what must be there,
 * what must not), keytar's native module unpacked, the size budget, the fuses flipped in the binary, the
 * CLI launcher, and the shipped CLI running from the archive's contents alone.
 *
 * Not covered here (no Electron can run on this machine): that the real binary honours the fuses, loads the
 * app from the archive and runs the CLI in Node mode; the deb/AppImage/dmg/nsis targets themselves.
 */
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const ARCHIVE_BUDGET_BYTES = 8 * 1024 * 1024;
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, as in a real binary: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
// --inspect on, asar integrity off, only-load-from-asar off, browser V8 snapshot off, file:// privileges on.
const ELECTRON_DEFAULT_WIRE = '10110001';

const work = mkdtempSync(join(tmpdir(), 'sw-package-'));
const appOut = join(work, 'out', 'linux-unpacked');
const resources = join(appOut, 'resources');
const archive = join(resources, 'app.asar');
let files: string[] = [];

/** A stand-in for Electron's linux x64 distribution: what electron-builder copies and renames. */
function fakeElectronDist(): string {
  const dist = join(work, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  mkdirSync(join(dist, 'locales'));
  const script =
    '#!/bin/sh\n# Stand-in for Electron: reports how it was called.\nprintf \'%s\\n\' "ELECTRON_RUN_AS_NODE=${ELECTRON_RUN_AS_NODE:-}" "$0" "$@"\nexit 0\n';
  writeFileSync(
    join(dist, 'electron'),
    Buffer.concat([
      Buffer.from(script),
      Buffer.from(`# ${SENTINEL}`),
      Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
      Buffer.from(`${ELECTRON_DEFAULT_WIRE}\n`),
    ]),
  );
  chmodSync(join(dist, 'electron'), 0o755);
  for (const name of ['chrome-sandbox', 'chrome_crashpad_handler', 'libffmpeg.so', 'resources.pak', 'icudtl.dat'])
    writeFileSync(join(dist, name), '');
  writeFileSync(join(dist, 'LICENSE'), 'MIT');
  writeFileSync(join(dist, 'version'), '45.4.1');
  return dist;
}

beforeAll(() => {
  for (const built of [
    'out/main/index.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    'out/cli/spendwatch.cjs',
  ]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" first (npm test does).`);
  }
  const result = spawnSync(
    process.execPath,
    [
      resolve('node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${fakeElectronDist()}`,
      `-c.directories.output=${join(work, 'out')}`,
    ],
    { encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' }, timeout: 110_000 },
  );
  if (result.status !== 0)
    throw new Error(`electron-builder failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  files = listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
}, 120_000);

describe('the packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  it('has the built app, the CLI and keytar in its archive', () => {
    for (const required of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/out/renderer/intl-warm-up.js',
      '/out/cli/spendwatch.cjs',
      '/out/cli/spendwatch-cli.cjs',
      // undici in its own file, required by the CLI on its first HTTP request (scripts/build-cli.mjs).
      '/out/cli/undici.cjs',
      '/node_modules/keytar/package.json',
      '/node_modules/keytar/lib/keytar.js',
      '/node_modules/keytar/build/Release/keytar.node',
    ]) {
      expect(files, required).toContain(required);
    }
    expect(files.some((f) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
  });

  it("keeps keytar's native module unpacked, next to the archive, where Electron can load it", () => {
    const native = join(`${archive}.unpacked`, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node');
    expect(statSync(native).size).toBeGreaterThan(10_000);
    expect(readFileSync(native).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  });

  it('carries no renderer-only or bundled dependency, no source maps, no sources or tests', () => {
    const packages = new Set(
      files
        .filter((f) => f.startsWith('/node_modules/'))
        .map((f) =>
          f
            .split('/')
            .slice(2, f.split('/')[2].startsWith('@') ? 4 : 3)
            .join('/'),
        ),
    );
    expect([...packages]).toEqual(['keytar']);
    for (const forbidden of [
      'react',
      'react-dom',
      'recharts',
      'd3-shape',
      'zod',
      'undici',
      'electron-store',
      'commander',
      'prebuild-install',
      'node-addon-api',
    ]) {
      expect(
        files.some((f) => f.startsWith(`/node_modules/${forbidden}/`)),
        forbidden,
      ).toBe(false);
    }
    expect(
      files.filter(
        (f) => f.endsWith('.map') || f.startsWith('/src/') || f.startsWith('/test/') || f.startsWith('/scripts/'),
      ),
    ).toEqual([]);
    expect(
      files.filter((f) => f.startsWith('/node_modules/keytar/') && /\/(src|build\/Release\/obj\.target)\//.test(f)),
    ).toEqual([]);
  });

  it('puts only the icons main loads, the CLI launcher and the archive in resources', () => {
    expect(readdirSync(resources).sort()).toEqual(['app.asar', 'app.asar.unpacked', 'assets', 'bin']);
    expect(readdirSync(join(resources, 'assets')).sort()).toEqual([
      'icon.png',
      'tray-ok.png',
      'tray-ok@2x.png',
      'tray-over.png',
      'tray-over@2x.png',
      'tray-warning.png',
      'tray-warning@2x.png',
    ]);
    expect(readdirSync(join(resources, 'bin'))).toEqual(['spendwatch']);
  });

  it(`fits the size budget: app.asar ≤ ${ARCHIVE_BUDGET_BYTES / 1024 / 1024} MB`, () => {
    const size = statSync(archive).size;
    console.log(
      `package: app.asar is ${(size / 1024 / 1024).toFixed(2)} MB (budget ${ARCHIVE_BUDGET_BYTES / 1024 / 1024} MB)`,
    );
    expect(size).toBeLessThanOrEqual(ARCHIVE_BUDGET_BYTES);
  });

  it('has a main bundle that needs nothing from node_modules but keytar (loaded lazily)', () => {
    const main = extractFile(archive, 'out/main/index.js').toString('utf8');
    const specifiers = new Set(
      [...main.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]),
    );
    const bare = [...specifiers].filter((s) => !s.startsWith('node:') && !s.startsWith('.'));
    // ajv's generated-code templates mention these module paths in strings; they are never imported at run time.
    expect(bare.filter((s) => !s.startsWith('ajv/dist/') && !s.startsWith('ajv-formats/dist/'))).toEqual(['electron']);
    expect(main).toContain('keytar');
  });

  it('flips the fuses in the app binary (RunAsNode kept for the CLI)', async () => {
    const wire = await getCurrentFuseWire(join(appOut, 'spendwatch'));
    // A fuse is one byte in the binary: '1' on, '0' off.
    const ON = '1'.charCodeAt(0);
    const OFF = '0'.charCodeAt(0);
    const expected: Record<number, number> = {
      [FuseV1Options.RunAsNode]: ON,
      [FuseV1Options.EnableCookieEncryption]: ON,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: OFF,
      [FuseV1Options.EnableNodeCliInspectArguments]: OFF,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ON,
      [FuseV1Options.OnlyLoadAppFromAsar]: ON,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: OFF,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: OFF,
    };
    for (const [fuse, state] of Object.entries(expected))
      expect(wire[Number(fuse) as FuseV1Options], FuseV1Options[Number(fuse)]).toBe(state);
    // …and these are the settings electron-builder.yml asks for.
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toEqual({
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("ships the CLI launcher, which runs the archive's CLI with the app binary in Node mode, through a symlink too", () => {
    const launcher = join(resources, 'bin', 'spendwatch');
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    // As the .deb does: /usr/bin/spendwatch -> /opt/Spendwatch/resources/bin/spendwatch.
    const onPath = join(work, 'usr-bin');
    mkdirSync(onPath);
    symlinkSync(launcher, join(onPath, 'spendwatch'));
    const run = spawnSync(join(onPath, 'spendwatch'), ['status', '--json', 'two words'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'ELECTRON_RUN_AS_NODE=1',
      join(appOut, 'spendwatch'),
      join(archive, 'out', 'cli', 'spendwatch.cjs'),
      'status',
      '--json',
      'two words',
    ]);
  });

  it("runs the shipped CLI from the archive's contents alone (no node_modules but the archive's), keytar included", () => {
    const extracted = join(work, 'extracted');
    extractAll(archive, extracted);
    const home = mkdtempSync(join(tmpdir(), 'sw-package-home-'));
    const status = spawnSync(process.execPath, [join(extracted, 'out', 'cli', 'spendwatch.cjs'), 'status', '--json'], {
      encoding: 'utf8',
      cwd: work,
      env: { ...process.env, SPENDWATCH_HOME: home },
    });
    expect(status.stderr).toBe('');
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ accounts: [], alerts: [] });
    const keytar = spawnSync(
      process.execPath,
      [
        '-e',
        `const k = require(${JSON.stringify(join(extracted, 'node_modules', 'keytar'))}); process.stdout.write(typeof k.getPassword)`,
      ],
      { encoding: 'utf8', cwd: work },
    );
    expect(keytar.stdout).toBe('function');
    // What a sync loads on its first request: undici, from beside the CLI in the archive, nothing else.
    expect(readFileSync(join(extracted, 'out', 'cli', 'spendwatch-cli.cjs'), 'utf8')).toContain(
      'require("./undici.cjs")',
    );
    const undici = spawnSync(
      process.execPath,
      [
        '-e',
        `process.stdout.write(typeof require(${JSON.stringify(join(extracted, 'out', 'cli', 'undici.cjs'))}).request)`,
      ],
      { encoding: 'utf8', cwd: work },
    );
    expect(undici.stdout).toBe('function');
  });
});

describe('the CLI on each OS', () => {
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, Record<string, unknown>>;

  it('the .deb links /usr/bin/spendwatch to the launcher, and removes only its own link', () => {
    expect(config.deb.afterInstall).toBe('build/linux/after-install.sh');
    expect(config.deb.afterRemove).toBe('build/linux/after-remove.sh');
    // Rendered as electron-builder's FpmTarget does (its macros, an unknown one is an error), for Spendwatch.
    const macros: Record<string, string> = { executable: 'spendwatch', sanitizedProductName: 'Spendwatch' };
    const render = (file: string) =>
      readFileSync(file, 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => {
        if (!(name in macros)) throw new Error(`${file}: macro ${name} is not defined`);
        return macros[name];
      });
    const install = render('build/linux/after-install.sh');
    const remove = render('build/linux/after-remove.sh');
    expect(install).toContain("ln -sf '/opt/Spendwatch/resources/bin/spendwatch' '/usr/bin/spendwatch'\n");
    expect(remove).toContain(
      "if [ \"$(readlink '/usr/bin/spendwatch')\" = '/opt/Spendwatch/resources/bin/spendwatch' ]; then\n    rm -f '/usr/bin/spendwatch'",
    );
    // /opt/Spendwatch is the packaged folder (linux-unpacked): the link's target is the launcher checked above.
    expect(existsSync(join(appOut, 'resources', 'bin', 'spendwatch'))).toBe(true);
    for (const [name, text] of [
      ['after-install', install],
      ['after-remove', remove],
    ]) {
      const rendered = join(work, `${name}.sh`);
      writeFileSync(rendered, text);
      expect(spawnSync('bash', ['-n', rendered]).status, name).toBe(0);
    }
    expect(spawnSync('sh', ['-n', 'build/cli/unix/spendwatch']).status).toBe(0);
  });

  it('macOS: the same launcher finds Contents/MacOS/Spendwatch inside the .app', () => {
    const contents = join(work, 'Spendwatch.app', 'Contents');
    mkdirSync(join(contents, 'MacOS'), { recursive: true });
    mkdirSync(join(contents, 'Resources', 'bin'), { recursive: true });
    writeFileSync(
      join(contents, 'MacOS', 'Spendwatch'),
      '#!/bin/sh\nprintf \'%s\\n\' "ELECTRON_RUN_AS_NODE=${ELECTRON_RUN_AS_NODE:-}" "$@"\n',
    );
    chmodSync(join(contents, 'MacOS', 'Spendwatch'), 0o755);
    copyFileSync('build/cli/unix/spendwatch', join(contents, 'Resources', 'bin', 'spendwatch'));
    chmodSync(join(contents, 'Resources', 'bin', 'spendwatch'), 0o755);
    symlinkSync(join(contents, 'Resources', 'bin', 'spendwatch'), join(work, 'spendwatch-mac'));
    const run = spawnSync(join(work, 'spendwatch-mac'), ['sync'], { encoding: 'utf8' });
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'ELECTRON_RUN_AS_NODE=1',
      join(contents, 'Resources', 'app.asar', 'out', 'cli', 'spendwatch.cjs'),
      'sync',
    ]);
    expect((config.mac.extraResources as { from: string; to: string }[])[0]).toEqual({
      from: 'build/cli/unix',
      to: 'bin',
    });
  });

  it("Windows: resources\\bin\\spendwatch.cmd runs Spendwatch.exe in Node mode on the archive's CLI", () => {
    expect((config.win.extraResources as { from: string; to: string }[])[0]).toEqual({
      from: 'build/cli/win',
      to: 'bin',
    });
    const cmd = readFileSync('build/cli/win/spendwatch.cmd', 'utf8');
    expect(cmd).toContain('set ELECTRON_RUN_AS_NODE=1\r\n');
    expect(cmd).toContain('"%~dp0..\\..\\Spendwatch.exe" "%~dp0..\\app.asar\\out\\cli\\spendwatch.cjs" %*\r\n');
  });
});
