/**
 * The test run's clock is test support only: nothing that ships reads SPENDWATCH_TEST_NOW or its epoch, or
 * bundles timekeeper. The product takes the time from its injected Clock; tests shift the machine's instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = /SPENDWATCH_TEST_NOW|SPENDWATCH_TEST_EPOCH|timekeeper/;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('the test clock stays in test support', () => {
  it('no source under src/ mentions it', () => {
    const offenders = filesUnder('src').filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('no built bundle (app, preload, renderer, CLI) carries it', () => {
    const built = filesUnder('out').filter((f) => /\.(c?js|mjs|html)$/.test(f));
    expect(built.length).toBeGreaterThan(0);
    expect(built.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
