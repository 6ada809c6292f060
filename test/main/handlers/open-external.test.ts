/** openExternal: the shell receives the URL the allow-list produced, and nothing when the check fails. */
import { describe, expect, it, vi } from 'vitest';
import { createIpcHandlers } from '../../../src/main/handlers/handlers';
import type { TestSpendwatch } from '../../support/test-spendwatch';

// openExternal never touches the core; a bare object keeps this test about the link check alone.
const handlersWith = (openExternal: (url: string) => void) => createIpcHandlers({} as TestSpendwatch, { openExternal });

describe('openExternal handler', () => {
  it('opens the normalised URL, not the string it was given', async () => {
    const opened = vi.fn();
    const result = await handlersWith(opened).openExternal({
      url: 'https://Platform.OpenAI.com:443/settings/../usage',
    });
    expect(result).toEqual({ opened: true });
    expect(opened).toHaveBeenCalledWith('https://platform.openai.com/usage');
  });

  it('refuses other sites with a forbidden error and opens nothing', async () => {
    const opened = vi.fn();
    await expect(
      handlersWith(opened).openExternal({ url: 'https://platform.openai.com@evil.example/' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Only links to https://platform.openai.com, https://console.anthropic.com can be opened.',
    });
    expect(opened).not.toHaveBeenCalled();
  });
});
