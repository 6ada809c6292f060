import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, alertKindInfo } from '../../src/shared/alert-kinds';
import { alertKindSchema } from '../../src/shared/domain';

describe('alert-kind registry', () => {
  it('describes exactly the kinds the schema has (the compiler checks it too), each with a badge and a setting', () => {
    expect(Object.keys(ALERT_KINDS).sort()).toEqual([...alertKindSchema.options].sort());
    for (const info of Object.values(ALERT_KINDS)) expect(info.badge && info.setting).toBeTruthy();
  });

  it('answers for kinds given as text, and not for inherited names', () => {
    expect(alertKindInfo('card-expiry')?.opens).toBe('payment-guide');
    expect(alertKindInfo('openai-limit-enforcing')?.badge).toBe('OpenAI limit');
    expect(alertKindInfo('constructor')).toBeUndefined();
    expect(alertKindInfo(undefined)).toBeUndefined();
  });
});
