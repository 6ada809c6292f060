import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_ORIGINS, vetExternalUrl } from '../../src/shared/links';

describe('external link allow-list', () => {
  it('allows https pages of the listed origins and returns the parser-normalised URL', () => {
    expect(EXTERNAL_LINK_ORIGINS).toEqual(['https://platform.openai.com', 'https://console.anthropic.com']);
    expect(vetExternalUrl('https://console.anthropic.com/settings/billing')).toBe(
      'https://console.anthropic.com/settings/billing',
    );
    expect(vetExternalUrl('https://platform.openai.com/usage')).toBe('https://platform.openai.com/usage');
    expect(vetExternalUrl('https://PLATFORM.openai.COM/usage')).toBe('https://platform.openai.com/usage');
    expect(vetExternalUrl('https://platform.openai.com:443/a/../usage?q=a b#x')).toBe(
      'https://platform.openai.com/usage?q=a%20b#x',
    );
    expect(vetExternalUrl('https://platform.openai.com')).toBe('https://platform.openai.com/');
  });

  it('refuses everything else', () => {
    for (const raw of [
      'http://platform.openai.com/',
      'https://platform.openai.com.evil.example/',
      'https://platform.openai.com./',
      'https://evil.example/#https://platform.openai.com/',
      'https://user@platform.openai.com/',
      'https://platform.openai.com@evil.example/',
      'https://platform.openai.com:8443/',
      'https://console.anthropic.com.evil.example/',
      'http://console.anthropic.com/',
      'https://anthropic.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://spendwatch/index.html',
      `https://platform.openai.com/${'a'.repeat(3000)}`,
      'not a url',
    ]) {
      expect(vetExternalUrl(raw), raw).toBeNull();
      expect(vetExternalUrl(raw) !== null, raw).toBe(false);
    }
  });
});
