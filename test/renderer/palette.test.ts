import { describe, expect, it } from 'vitest';
import { hashKey, OTHER_COLOUR, PALETTE, seriesColour, seriesColours } from '../../src/renderer/dashboard/palette';

const MODELS = ['gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'o3-mini-2025-01-31', 'whisper-1', 'text-embedding-3-small'];

describe('series colours', () => {
  it('come from the key, not the position: the same key keeps its colour whatever comes before it', () => {
    const forward = seriesColours(MODELS);
    const reversed = seriesColours([...MODELS].reverse());
    for (const m of MODELS) expect(reversed.get(m)).toBe(forward.get(m));
    // Ranked differently in another chart (e.g. usage by tokens, not by cost): still the same colours.
    const reranked = seriesColours([MODELS[3], MODELS[0], MODELS[4], MODELS[2], MODELS[1]]);
    for (const m of MODELS) expect(reranked.get(m)).toBe(forward.get(m));
  });

  it('are the same after a reload: a fixed hash (FNV-1a), no randomness, no state', () => {
    expect(hashKey('')).toBe(0x811c9dc5);
    expect(hashKey('a')).toBe(0xe40c292c);
    expect(seriesColour('gpt-4o-2024-08-06')).toBe(PALETTE[hashKey('gpt-4o-2024-08-06') % PALETTE.length]);
    expect(seriesColour('proj_web')).toBe(seriesColour('proj_web'));
  });

  it('never give two series in one chart the same colour, up to the size of the palette', () => {
    const keys = Array.from({ length: PALETTE.length }, (_, i) => `proj_${i}`);
    expect(new Set(seriesColours(keys).values()).size).toBe(PALETTE.length);
  });

  it('fold "Other" into a neutral grey, never a series colour', () => {
    expect(seriesColour('__other__')).toBe(OTHER_COLOUR);
    expect(seriesColours(['Other', 'gpt-4o']).get('Other')).toBe(OTHER_COLOUR);
    expect(PALETTE).not.toContain(OTHER_COLOUR);
  });
});
