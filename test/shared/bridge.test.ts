import { describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../src/shared/bridge';
import { CHANNEL_NAMES, ipcContract } from '../../src/shared/ipc-contract';
import { vetExternalUrl } from '../../src/shared/links';
import { maskApiKey } from '../../src/shared/masking';

describe('bridge generated from the contract', () => {
  it('exposes exactly one method per contract channel plus `on`', () => {
    const bridge = createBridge({ invoke: vi.fn(), onEvent: vi.fn() });
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(ipcContract), 'on'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards calls with their channel and delivers only known events, payload only', async () => {
    let sink: (event: string, payload: unknown) => void = () => undefined;
    const invoke = vi.fn().mockResolvedValue({ ok: true, value: [] });
    const bridge = createBridge({ invoke, onEvent: (s) => (sink = s) });
    await bridge.listAccounts({});
    expect(invoke).toHaveBeenCalledWith('listAccounts', {});
    const listener = vi.fn();
    const off = bridge.on('snapshotChanged', listener);
    sink('snapshotChanged', { reason: 'sync', at: 'x' });
    sink('somethingElse', {});
    expect(listener).toHaveBeenCalledExactlyOnceWith({ reason: 'sync', at: 'x' });
    off();
    sink('snapshotChanged', { reason: 'sync', at: 'y' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(() => bridge.on('nope' as 'snapshotChanged', listener)).toThrow(TypeError);
  });

  it('every channel has input and output validators', () => {
    for (const channel of CHANNEL_NAMES) {
      expect(typeof ipcContract[channel].input.safeParse).toBe('function');
      expect(typeof ipcContract[channel].output.safeParse).toBe('function');
    }
  });
});

describe('links and masking', () => {
  it('vets only https://platform.openai.com links', () => {
    expect(vetExternalUrl('https://platform.openai.com/settings/organization/billing/overview') !== null).toBe(true);
    expect(vetExternalUrl('http://platform.openai.com/') !== null).toBe(false);
    expect(vetExternalUrl('https://platform.openai.com.evil.example/') !== null).toBe(false);
    expect(vetExternalUrl('https://user@platform.openai.com/') !== null).toBe(false);
    expect(vetExternalUrl('javascript:alert(1)') !== null).toBe(false);
  });

  it('masks keys to type prefix and last four', () => {
    expect(maskApiKey('sk-admin-abcdefghijklmnopqrstuvwxyz1234')).toBe('sk-admin-…1234');
    expect(maskApiKey('sk-proj-zzzzzzzzzzzzzzzzwxyz')).toBe('sk-proj-…wxyz');
  });
});
