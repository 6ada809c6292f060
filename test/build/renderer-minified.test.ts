/**
 * The renderer electron-vite builds (what the package ships and what `npm run bench:ui` measures) is minified:
 * each script is a few very long lines without comments, and no development-only React build is inside.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm test` (scripts/test.mjs) runs the full electron-vite build before any test starts.
const ASSETS = 'out/renderer/assets';

describe('the shipped renderer build', () => {
  it('is minified', () => {
    const scripts = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThanOrEqual(2); // the entry and the lazy charts chunk at least
    for (const file of scripts) {
      const text = readFileSync(join(ASSETS, file), 'utf8');
      const lines = text.split('\n');
      expect(text.length / lines.length, file).toBeGreaterThan(500);
      // Comments are gone (only multi-line template strings keep their line breaks).
      expect(text, file).not.toMatch(/^\s*\/\/ /m);
      expect(text, file).not.toMatch(/\/\*\*\n\s*\* /);
      expect(text, file).not.toContain('react-dom.development');
    }
  });

  it('is what bench:ui measures', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['bench:ui']).toMatch(/^electron-vite build\b/);
  });
});
