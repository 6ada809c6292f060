/**
 * What every provider's API shares: validating an answer before any of it is used, and following a page cursor
 * safely (bounded, and a cursor that repeats stops the walk instead of looping).
 */
import type { z } from 'zod';
import { AppError } from '../../errors';

const MAX_PAGES = 200;

/** The answer in the schema's shape, or a malformed_response that says where it went wrong. */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  data: unknown,
  provider: string,
  what: string,
): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw new AppError(
      'malformed_response',
      `${provider}'s ${what} response was not in the expected shape (${where}: ${issue?.message}). Nothing was changed.`,
    );
  }
  return result.data;
}

/**
 * Yields pages while `nextCursor` gives one. A repeated cursor ends the walk: with `note`, as a reported problem
 * (what arrived is kept — only delivered days change), else as malformed_response.
 */
export async function* followCursor<P>(options: {
  provider: string;
  path: string;
  fetchPage: (cursor: string | null) => Promise<P>;
  nextCursor: (page: P) => string | null;
  note?: (problem: string) => void;
  /** At most this many pages (default 200): a walk of pages of at least one day each needs no more than its days. */
  maxPages?: number;
}): AsyncGenerator<P> {
  const { provider, path, note } = options;
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < (options.maxPages ?? MAX_PAGES); page++) {
    const answer = await options.fetchPage(cursor);
    yield answer;
    cursor = options.nextCursor(answer);
    if (!cursor) return;
    if (seen.has(cursor)) {
      if (!note) throw new AppError('malformed_response', `${provider} repeated a page cursor on ${path}.`);
      note('paging stopped early because the server repeated a page cursor; days not received were left as they were');
      return;
    }
    seen.add(cursor);
  }
  throw new AppError('malformed_response', `${provider} kept paging ${path} without end.`);
}
