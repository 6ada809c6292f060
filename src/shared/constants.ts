/** Plain constants the renderer needs without pulling in the zod schemas. */
export const ALL_ACCOUNTS = 'all';
