import { describe, expect, it } from 'vitest';
import { AppError, redactSecrets, toErrorInfo } from '../../../src/main/core/errors';

describe('secret redaction', () => {
  it('masks anything key-like, whatever its type', () => {
    expect(redactSecrets('key sk-admin-AbCdEf0123456789xyzw failed')).toBe('key sk-admin-…xyzw failed');
    expect(redactSecrets('sk-proj-abcdefghijklmnop_1234')).toBe('sk-proj-…1234');
    expect(redactSecrets('sk-abcdefghijklmnopqrst')).toBe('sk-…qrst');
    expect(redactSecrets('two: sk-admin-aaaaaaaaaaaa1111 and sk-admin-bbbbbbbbbbbb2222')).toBe(
      'two: sk-admin-…1111 and sk-admin-…2222',
    );
  });

  it('leaves our own help text alone', () => {
    const help = 'Use an organization admin key (sk-admin-…) not a project key (sk-proj-…).';
    expect(redactSecrets(help)).toBe(help);
  });

  it('applies to every error message that leaves core', () => {
    expect(new AppError('internal', 'bad sk-admin-0123456789abcdefWXYZ').message).toBe('bad sk-admin-…WXYZ');
    expect(toErrorInfo(new Error('boom sk-admin-0123456789abcdefWXYZ')).message).toBe(
      'Unexpected error: boom sk-admin-…WXYZ',
    );
  });
});
