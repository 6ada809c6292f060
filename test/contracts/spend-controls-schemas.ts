/**
 * Validates JSON against a named component schema of the reference OpenAPI excerpt
 * (test/contracts/openai-admin-api.yaml, the repository's copy of ../shared/reference/openai-admin-api.yaml, so a
 * clone checks itself without anything beside it), so the spend-control client's requests and the fake's
 * answers are checked against OpenAI's published shapes, not against our own reading of them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const SPEC_PATH = resolve(__dirname, 'openai-admin-api.yaml');
const SPEC_ID = 'openai-admin-api';

let ajv: Ajv2020 | undefined;
let spec: { paths: Record<string, Record<string, unknown>> } | undefined;

function load(): Ajv2020 {
  if (ajv) return ajv;
  spec = parse(readFileSync(SPEC_PATH, 'utf8'));
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; vendor keywords (x-stainless-*, example) are ignored.
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(spec as object, SPEC_ID);
  return ajv;
}

/** Errors of `data` against `#/components/schemas/<name>`, as readable lines ([] when valid). */
export function schemaErrors(name: string, data: unknown): string[] {
  const validate = load().getSchema(`${SPEC_ID}#/components/schemas/${name}`);
  if (!validate) throw new Error(`No component schema ${name} in the reference OpenAPI`);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}

/** The component schema a path's request body (or a response status) refers to, by the spec itself. */
export function schemaNameFor(path: string, method: string, part: 'request' | '200'): string {
  load();
  const operation = spec!.paths[path]?.[method.toLowerCase()] as
    | {
        requestBody?: { content: Record<string, { schema: { $ref: string } }> };
        responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
      }
    | undefined;
  if (!operation) throw new Error(`No ${method} ${path} in the reference OpenAPI`);
  const content = part === 'request' ? operation.requestBody?.content : operation.responses[part]?.content;
  const ref = content?.['application/json']?.schema.$ref;
  if (!ref) throw new Error(`No JSON ${part} schema for ${method} ${path}`);
  return ref.replace('#/components/schemas/', '');
}

/** The spec's path template for a concrete request path (`/v1/organization/projects/proj_a/spend_limit`). */
export function specPathFor(requestPath: string): string {
  const path = requestPath.replace(/^\/v1/, '');
  return path
    .replace(/^\/organization\/projects\/[^/]+\//, '/organization/projects/{project_id}/')
    .replace(/\/spend_alerts\/[^/]+$/, '/spend_alerts/{alert_id}');
}
