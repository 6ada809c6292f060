/**
 * Contract checks against OpenAI's published OpenAPI description (test/contracts/openai-admin-api.yaml, a copy of
 * ../shared/reference/openai-admin-api.yaml, MIT License, Copyright (c) OpenAI): what the fake server sends and what
 * the client asks for must fit the spec, so the fake cannot drift from the real API.
 *
 * The spec is a floor, not the truth. Each loosening below is where live behaviour is known to differ:
 * - CostsResult.amount.value: the spec says number; live responses also carry decimal strings (up to ~40 fraction
 *   digits, exponent notation, the decimal128 zero "0E-6176"). Both are accepted.
 * Extra fields (project_name, organization_id, start_time_iso, …) need no loosening: the spec's objects are open.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: { type?: string; enum?: string[]; items?: { type?: string; enum?: string[] } };
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }
    >
  >;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const SPEC_PATH = fileURLToPath(new URL('./openai-admin-api.yaml', import.meta.url));

/** Documented in the parameters' descriptions rather than as schema keywords (e.g. "between 1 and 180"), by path template. */
const DOCUMENTED_LIMITS: Record<string, [number, number]> = {
  '/organization/costs': [1, 180],
  '/organization/projects': [1, 100],
  '/organization/projects/{project_id}/api_keys': [1, 100],
  '/organization/users': [1, 100],
};
/** Every /organization/usage/… endpoint documents its maximum per bucket_width (the default width is 1d). */
const USAGE_LIMITS: Record<string, [number, number]> = { '1d': [1, 31], '1h': [1, 168], '1m': [1, 1440] };

function documentedLimit(template: string, query: URLSearchParams): [number, number] | undefined {
  if (template.startsWith('/organization/usage/')) return USAGE_LIMITS[query.get('bucket_width') ?? '1d'];
  return DOCUMENTED_LIMITS[template];
}

let cached: { spec: OpenApi; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;

function load() {
  if (cached) return cached;
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApi;
  const amount = spec.components.schemas.CostsResult.properties as Record<
    string,
    { properties: Record<string, unknown> }
  >;
  // Loosening (see above): live amounts come as numbers or decimal strings.
  amount.amount.properties.value = {
    anyOf: [{ type: 'number' }, { type: 'string', pattern: '^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$' }],
  };
  // strict: false — the spec carries vendor keywords (x-stainless-const) and OpenAPI's `discriminator`.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'openai', components: spec.components }, 'openai');
  cached = { spec, ajv, validators: new Map() };
  return cached;
}

function responseValidator(path: string): ValidateFunction {
  const { spec, ajv, validators } = load();
  // Concrete paths ("/organization/projects/proj_1/api_keys") share their template's validator.
  const template = specPathOf(spec, path);
  let validate = validators.get(template);
  if (!validate) {
    const schema = spec.paths[template]?.get?.responses['200']?.content?.['application/json']?.schema as
      { $ref?: string } | undefined;
    if (!schema?.$ref) throw new Error(`No 200 response schema for GET ${path} in the spec`);
    validate = ajv.compile({ $ref: `openai${schema.$ref}` });
    validators.set(template, validate);
  }
  return validate;
}

/** Problems with a 200 response body for GET `path` (e.g. "/organization/costs", or a concrete path of a template); [] when it fits the spec. */
export function responseViolations(path: string, body: unknown): string[] {
  const validate = responseValidator(path);
  if (validate(body)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `response ${path}${e.instancePath}: ${e.message}`);
}

/** The spec's path for a concrete one: "/organization/projects/proj_1/spend_limit" → ".../{project_id}/spend_limit". */
function specPathOf(spec: OpenApi, path: string): string {
  if (spec.paths[path]) return path;
  const segments = path.split('/');
  return (
    Object.keys(spec.paths).find((template) => {
      const parts = template.split('/');
      return (
        parts.length === segments.length &&
        parts.every((part, i) =>
          /^\{[^}]+\}$/.test(part) ? /^[A-Za-z0-9_-]+$/.test(segments[i]) : part === segments[i],
        )
      );
    }) ?? path
  );
}

/** Problems with a GET request's query for `path`; [] when every parameter is one the spec names, well formed. */
export function requestViolations(path: string, query: URLSearchParams): string[] {
  const { spec } = load();
  const operation = spec.paths[specPathOf(spec, path)]?.get;
  if (!operation) return [`request: GET ${path} is not in the spec`];
  const problems: string[] = [];
  const params = new Map((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const name of new Set(query.keys())) {
    const param = params.get(name.replace(/\[\]$/, ''));
    if (!param) {
      problems.push(`request ${path}: unknown query parameter ${name}`);
      continue;
    }
    const values = query.getAll(name);
    if (param.schema.type !== 'array' && (values.length > 1 || name.endsWith('[]')))
      problems.push(`request ${path}: ${name} given as a list`);
    const itemSchema = param.schema.type === 'array' ? (param.schema.items ?? {}) : param.schema;
    for (const value of values) {
      if (itemSchema.type === 'integer' && !/^-?\d+$/.test(value))
        problems.push(`request ${path}: ${name}=${value} is not an integer`);
      if (itemSchema.type === 'boolean' && !/^(true|false)$/.test(value))
        problems.push(`request ${path}: ${name}=${value} is not a boolean`);
      if (itemSchema.enum && !itemSchema.enum.includes(value))
        problems.push(`request ${path}: ${name}=${value} is not one of ${itemSchema.enum.join(', ')}`);
    }
  }
  for (const [name, param] of params) {
    if (param.required && !query.has(name)) problems.push(`request ${path}: required ${name} missing`);
  }
  const range = documentedLimit(specPathOf(spec, path), query);
  const limit = query.get('limit');
  if (range && limit !== null && !(Number(limit) >= range[0] && Number(limit) <= range[1]))
    problems.push(`request ${path}: limit ${limit} outside ${range[0]}..${range[1]}`);
  return problems;
}
