/**
 * Every validation message is a full sentence ending with a period: the shared zod schemas (src/shared, which
 * main, the CLI and the forms all check with) and the renderer's own form messages. The schemas are scanned
 * as source (TypeScript's parser), because a schema's messages are only produced by the inputs that break it:
 * every string given to a zod check (`.min(…, 'msg')`, `.refine(…, 'msg')`, …) and every `message:` written in
 * a schema file, literal or template. FORM_MESSAGES is called with sample words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FORM_MESSAGES } from '../../src/renderer/lib/form-messages';

const ROOT = join(__dirname, '../..');
/** zod's checks that take a message as an argument. */
const ZOD_CHECKS = new Set([
  'min',
  'max',
  'length',
  'regex',
  'refine',
  'positive',
  'negative',
  'nonnegative',
  'nonpositive',
  'int',
  'email',
  'url',
  'gt',
  'gte',
  'lt',
  'lte',
  'multipleOf',
  'nonempty',
]);

/** A literal's text, with `${…}` as "X" (the sentence's ending is what counts), or null for anything else. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((span) => `X${span.literal.text}`).join('');
  return null;
}

/** Every message a file's zod schemas carry: `where` (file:line) and the text. */
function schemaMessages(file: string): { where: string; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { where: string; text: string }[] = [];
  const add = (node: ts.Node) => {
    const text = literalText(node);
    if (text === null) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ where: `${file.slice(ROOT.length + 1)}:${line}`, text });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      if (ZOD_CHECKS.has(node.expression.name.text)) node.arguments.forEach(add);
    }
    // A form schema's own words: problem(field, 'message') (lib/form-schema.ts).
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'problem')
      node.arguments.slice(1).forEach(add);
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'message')
      add(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const SCHEMA_FILES = [
  ...readdirSync(join(ROOT, 'src/shared'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(ROOT, 'src/shared', name))
    .filter((file) => readFileSync(file, 'utf8').includes("from 'zod'")),
  // The renderer's form schemas (every file that builds one on lib/form-schema.ts) add words of their own.
  ...rendererFiles(join(ROOT, 'src/renderer')).filter((file) => /\bformSchema\s*[<(]/.test(readFileSync(file, 'utf8'))),
];

function rendererFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? rendererFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

const endsAsSentence = (text: string) => /^[A-Z$]/.test(text) && /[.]$/.test(text.trim());

describe('validation messages end consistently', () => {
  it('scans a real number of schema messages (the scanner finds them)', () => {
    // Fewer would mean the scan stopped finding the checks, and the rule below would pass on nothing.
    expect(SCHEMA_FILES.flatMap(schemaMessages).length).toBeGreaterThan(40);
  });

  it.each(SCHEMA_FILES.map((file) => [file.slice(ROOT.length + 1), file]))(
    'every message of %s is a sentence ending with a period',
    (_name, file) => {
      const wrong = schemaMessages(file).filter((m) => !endsAsSentence(m.text));
      expect(wrong).toEqual([]);
    },
  );

  it('every form message is a sentence ending with a period', () => {
    const sample = (value: unknown): string =>
      typeof value === 'function' ? (value as (...words: string[]) => string)('amount', '500') : String(value);
    const wrong = Object.entries(FORM_MESSAGES)
      .map(([name, value]) => [name, sample(value)] as const)
      .filter(([, text]) => !endsAsSentence(text));
    expect(wrong).toEqual([]);
  });
});
