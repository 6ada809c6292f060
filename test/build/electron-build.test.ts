/**
 * The desktop build's shape: package.json "main" is the built main process, the preload is one
 * self-contained CommonJS file (as sandboxed preloads must be), and the renderer carries the CSP.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm test` (scripts/test.mjs) runs the full electron-vite build before any test starts.
describe('npm run build output', () => {
  it('points package.json "main" at the built main process, an ES module importing electron', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; type: string };
    expect(existsSync(pkg.main)).toBe(true);
    expect(pkg.type).toBe('module');
    const main = readFileSync(pkg.main, 'utf8');
    expect(main).toMatch(/from\s*"electron"/);
    // Paths resolved from out/main at run time: they must reach the other two outputs (the renderer folder is
    // what app://spendwatch/ serves).
    expect(main).toMatch(/["'`]\.\.\/renderer["'`]/);
    expect(main).toMatch(/["'`]\.\.\/preload\/index\.cjs["'`]/);
    expect(main).toContain('app://spendwatch/index.html');
  });

  it('emits the preload as a single CommonJS file that requires nothing but electron', () => {
    expect(readdirSync('out/preload')).toEqual(['index.cjs']);
    const preload = readFileSync('out/preload/index.cjs', 'utf8');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
    expect(preload.length).toBeLessThan(20_000);
  });

  it('ships the renderer with its strict Content-Security-Policy', () => {
    const html = readFileSync('out/renderer/index.html', 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;/,
    );
  });

  it("starts ICU from a classic script that the parser reaches after the app's module script, so both load at once", () => {
    const html = readFileSync('out/renderer/index.html', 'utf8');
    const module = html.indexOf('<script type="module"');
    const warmUp = html.indexOf('<script src="./intl-warm-up.js"></script>');
    expect(module).toBeGreaterThan(-1);
    expect(warmUp).toBeGreaterThan(module);
    // Served from the build's own folder ('self' under the CSP), and doing nothing but build Intl formatters.
    const code = readFileSync('out/renderer/intl-warm-up.js', 'utf8')
      .replace(/^\/\/.*$/gm, '')
      .trim();
    for (const statement of code.split(';').filter((s) => s.trim()))
      expect(statement.trim()).toMatch(/^new Intl\.\w+\(/);
  });
});
