import { describe, expect, it } from 'vitest';
import { requestViolations, responseViolations } from './openai-contract';

const page = (results: unknown[], extra: Record<string, unknown> = {}) => ({
  object: 'page',
  data: [{ object: 'bucket', start_time: 0, end_time: 86_400, results }],
  has_more: false,
  next_page: null,
  ...extra,
});
const result = (amount: unknown) => ({ object: 'organization.costs.result', amount, line_item: 'gpt-4o, input', project_id: null });

describe('OpenAI contract (published spec, loosened only where live behaviour differs)', () => {
  it('accepts spec-shaped costs and the live shapes: string amounts, the decimal128 zero, extra fields', () => {
    expect(responseViolations('/organization/costs', page([result({ value: 1.5, currency: 'usd' })]))).toEqual([]);
    expect(responseViolations('/organization/costs', page([result({ value: '0E-6176', currency: 'usd' }), result({ value: '4.5E-7', currency: 'usd' })]))).toEqual([]);
    const live = { ...result({ value: '0.00003420000000000000000000000000000000', currency: 'usd' }), project_name: 'Web', organization_id: 'org-1', user_email: null };
    expect(responseViolations('/organization/costs', page([live], { extra: true }))).toEqual([]);
    expect(responseViolations('/organization/costs', page([{ object: 'organization.costs.result' }]))).toEqual([]); // every field but object is optional
  });

  it('rejects what the spec rules out, so the fake cannot drift', () => {
    expect(responseViolations('/organization/costs', page([result({ value: { cents: 1 }, currency: 'usd' })]))).not.toEqual([]);
    expect(responseViolations('/organization/costs', page([result({ value: 'twelve', currency: 'usd' })]))).not.toEqual([]);
    expect(responseViolations('/organization/costs', { object: 'page', data: [], next_page: null })).not.toEqual([]); // has_more required
    expect(responseViolations('/organization/costs', page([{ amount: { value: 1 } }]))).not.toEqual([]); // no object tag
    expect(responseViolations('/organization/projects', { object: 'list', data: [{ id: 1 }], has_more: false })).not.toEqual([]);
  });

  it('checks the client side: parameter names, types, enums, required ones and documented limits', () => {
    const ok = new URLSearchParams([['start_time', '1740787200'], ['end_time', '1741046400'], ['bucket_width', '1d'], ['group_by[]', 'line_item'], ['group_by[]', 'project_id'], ['limit', '180']]);
    expect(requestViolations('/organization/costs', ok)).toEqual([]);
    expect(requestViolations('/organization/costs', new URLSearchParams({ end_time: '1' }))).toContain('request /organization/costs: required start_time missing');
    expect(requestViolations('/organization/costs', new URLSearchParams({ start_time: '1', limit: '181' }))).toHaveLength(1);
    expect(requestViolations('/organization/costs', new URLSearchParams([['start_time', '1'], ['group_by[]', 'model']]))).toHaveLength(1);
    expect(requestViolations('/organization/costs', new URLSearchParams({ start_time: 'yesterday' }))).toHaveLength(1);
    expect(requestViolations('/organization/costs', new URLSearchParams({ start_time: '1', bucket_width: '1h' }))).toHaveLength(1);
    expect(requestViolations('/organization/costs', new URLSearchParams({ start_time: '1', cursor: 'x' }))).toHaveLength(1);
  });
});

describe('the spec copy', () => {
  it('is the reference the project was given, when that reference is beside the clone', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const reference = new URL('../../../shared/reference/openai-admin-api.yaml', import.meta.url);
    if (!existsSync(reference)) return; // a clone on its own checks against its copy alone
    expect(readFileSync(new URL('./openai-admin-api.yaml', import.meta.url), 'utf8')).toBe(readFileSync(reference, 'utf8'));
  });
});
