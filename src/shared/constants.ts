/** Plain constants the renderer needs without pulling in the zod schemas. */
export const ALL_ACCOUNTS = 'all';
export const DEFAULT_THRESHOLDS_TEXT = '50, 80, 100';
