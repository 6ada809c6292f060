/** One redaction rule for every key format the providers issue, tested with random keys of every shape. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskKey, redactSecrets } from '../../src/shared/redact';

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split('');
const body = (min: number, max: number) =>
  fc.array(fc.constantFrom(...KEY_CHARS), { minLength: min, maxLength: max }).map((c) => c.join(''));
const alnum = (n: number) =>
  fc.array(fc.constantFrom(...KEY_CHARS.slice(0, 62)), { minLength: n, maxLength: n }).map((c) => c.join(''));

/** Every shape issued: OpenAI admin, project, service account and plain keys; Anthropic admin and API keys. */
const anyKey = fc.oneof(
  body(40, 160).map((b) => `sk-admin-${b}`),
  body(40, 180).map((b) => `sk-proj-${b}`),
  body(40, 180).map((b) => `sk-svcacct-${b}`),
  body(20, 120).map((b) => `sk-${b}`),
  fc.tuple(body(80, 100), alnum(6)).map(([b, tail]) => `sk-ant-admin01-${b}-${tail}AA`),
  fc.tuple(body(80, 100), alnum(6)).map(([b, tail]) => `sk-ant-api03-${b}-${tail}AA`),
);
/** Text around a key as it arrives from outside: words, punctuation, quotes, JSON, a URL. */
const before = fc.constantFrom(
  '',
  ' ',
  'Invoice ',
  'key=',
  '"',
  "'",
  '(',
  'Bearer ',
  '{"key":"',
  'https://x.test/?k=',
  '\n',
  '\t',
);
const after = fc.constantFrom('', ' ', '.', '"', "'", ')', '", "x": 1}', '&y=2', '\n', ' is invalid');

describe('redactSecrets', () => {
  it('leaves no more of any key than its prefix and last four characters, wherever it stands', () => {
    fc.assert(
      fc.property(before, anyKey, after, (b, key, a) => {
        const out = redactSecrets(`${b}${key}${a}`);
        expect(out).toBe(`${b}${maskKey(key)}${a}`);
        // No run of 8 characters of the secret part survives.
        const secret = key.slice(key.length - 40, key.length - 4);
        for (let i = 0; i + 8 <= secret.length; i += 4) expect(out).not.toContain(secret.slice(i, i + 8));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the kind of key readable', () => {
    expect(maskKey(`sk-ant-admin01-${'a'.repeat(90)}-wxyzAA`)).toBe('sk-ant-admin01-…yzAA');
    expect(maskKey(`sk-ant-api03-${'a'.repeat(90)}`)).toBe('sk-ant-api03-…aaaa');
    expect(maskKey(`sk-proj-${'b'.repeat(60)}1234`)).toBe('sk-proj-…1234');
    expect(maskKey(`sk-svcacct-${'c'.repeat(60)}`)).toBe('sk-svcacct-…cccc');
    expect(maskKey(`sk-admin-${'d'.repeat(60)}`)).toBe('sk-admin-…dddd');
    expect(maskKey(`sk-${'e'.repeat(48)}`)).toBe('sk-…eeee');
    // The shapes the old rule missed: a dash early in the key, every Anthropic admin key.
    expect(redactSecrets('x sk-ab-cdefghijklmnopqrstuvwxyz012345 y')).toBe('x sk-…2345 y');
    expect(redactSecrets(`sk-ant-admin01-${'Q'.repeat(93)}-AbCdEfAA`)).toBe('sk-ant-admin01-…EfAA');
  });

  it('finds keys after URL escapes, JSON escapes, digits and underscores', () => {
    const key = `sk-admin-${'k'.repeat(40)}WXYZ`;
    for (const [b, a] of [
      ['Bearer%20', ''],
      ['key%3D', '&x=1'],
      ['"\\n', '"'],
      ['key_', ''],
      ['0', ''],
      ['\\t', ''],
    ]) {
      expect(redactSecrets(`${b}${key}${a}`)).toBe(`${b}sk-admin-…WXYZ${a}`);
    }
  });

  it('leaves ordinary words alone', () => {
    for (const text of [
      'task-list-for-the-whole-team-2026',
      'task-admin-dashboard-settings-page',
      'risk-free-rate-assumptions-2026',
      'sk-short',
      'ask-me-anything-about-billing-now',
      'Disk-space-low-on-the-server',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });
});

describe('withoutKey', () => {
  it('masks an account’s own key whole or cut short, whatever its shape', async () => {
    const { withoutKey } = await import('../../src/shared/redact');
    const key = 'zz-odd-shape-0123456789abcdefghij';
    expect(withoutKey(`bad key ${key}.`, key)).toBe('bad key sk-…ghij.');
    expect(withoutKey(`bad key ${key.slice(0, 25)}`, key)).not.toContain(key.slice(0, 16));
    expect(withoutKey('nothing here', key)).toBe('nothing here');
  });
});
