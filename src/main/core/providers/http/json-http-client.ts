/**
 * JSON over undici (GET, and POST/DELETE for the spend controls) with timeouts, retries (429, 5xx, network errors, truncated bodies) honouring
 * Retry-After, and no retry on 4xx answers that retrying cannot fix. Errors come out as AppError.
 */
import { systemClock, type Clock } from '../../ports';
import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';
import { USER_AGENT } from '../../../../shared/app-info';
import { redactSecrets } from '../../../../shared/redact';
import { AppError } from '../../errors';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy';

export interface HttpErrorBody {
  status: number;
  type?: string;
  code?: string | null;
  message?: string;
}

/** Transport settings a host may set for every provider (a timeout for the CLI, fast retries in tests). */
export type HttpOptions = Partial<
  Pick<JsonHttpClientOptions, 'dispatcher' | 'timeoutMs' | 'retry' | 'sleep' | 'maxResponseBytes'>
>;

export interface JsonHttpClientOptions {
  baseUrl: string;
  headers: Record<string, string>;
  /** Maps a non-2xx answer that is not retried (or out of retries) to a user-facing error. */
  classify: (error: HttpErrorBody) => AppError;
  /** Who the user thinks they are talking to ("OpenAI"): network errors name it, the host goes in the detail. */
  serviceName?: string;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  /** For Retry-After dates; the system clock unless one is injected. */
  clock?: Clock;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The largest answer read (default 64 MB); a larger one is dropped unread and throws AnswerTooLarge. */
  maxResponseBytes?: number;
}

/**
 * An answer larger than Spendwatch reads at once. Not the server's fault when the client asked for it (a long
 * range of a large organisation): callers that can ask for less (smaller pages) catch it and do.
 */
export class AnswerTooLarge extends AppError {
  constructor(
    readonly maxBytes: number,
    host: string,
  ) {
    super(
      'malformed_response',
      `The answer from ${host} was larger than ${formatBytes(maxBytes)}, the most Spendwatch reads at once. Nothing was changed.`,
    );
  }
}

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

class RetryableFailure extends Error {
  constructor(
    readonly final: AppError,
    readonly retryAfterMs?: number,
  ) {
    super(final.message);
  }
}

export class JsonHttpClient {
  private sent = 0;
  private answerBytes = 0;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly timeoutMs: number;

  constructor(private readonly options: JsonHttpClientOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get requestCount(): number {
    return this.sent;
  }

  /** The most this client reads of one answer. */
  get maxAnswerBytes(): number {
    return this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  }

  /** The size of the last answer's body in bytes (callers size their next page by it). */
  get lastAnswerBytes(): number {
    return this.answerBytes;
  }

  /**
   * `exactNumbers`: every JSON number under a `value` key comes back as its source text ("0.10000000000000000001"),
   * not as the nearest double, so money keeps every digit the server wrote.
   */
  async getJson(
    path: string,
    query: URLSearchParams,
    options: { exactNumbers?: boolean; maxBytes?: number } = {},
  ): Promise<unknown> {
    return this.requestJson('GET', path, { query, exactNumbers: options.exactNumbers, maxBytes: options.maxBytes });
  }

  /**
   * Any method, with an optional JSON body. `retry: false` for requests that are not idempotent (creating
   * an object): a lost answer must not create it twice, so only a 429 rate limit (refused, not done) retries.
   */
  async requestJson(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    /** `maxBytes`: a smaller cap than the client's for this request (never a larger one). */
    options: {
      query?: URLSearchParams;
      body?: unknown;
      retry?: boolean;
      exactNumbers?: boolean;
      maxBytes?: number;
    } = {},
  ): Promise<unknown> {
    const cap = Math.min(options.maxBytes ?? Infinity, this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
    const search = options.query?.toString();
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url, method, options.body, options.exactNumbers === true, cap);
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        if (options.retry === false && error.final.code !== 'rate_limited') throw error.final;
        const lastAttempt = attempt + 1 >= this.retry.maxAttempts;
        if (error.retryAfterMs !== undefined && error.retryAfterMs > this.retry.maxRetryAfterMs) throw error.final;
        if (lastAttempt) throw error.final;
        await this.sleep(error.retryAfterMs ?? backoffDelay(this.retry, attempt, this.random));
      }
    }
  }

  private async attempt(
    url: string,
    method: 'GET' | 'POST' | 'DELETE',
    payload: unknown,
    exactNumbers: boolean,
    cap: number,
  ): Promise<unknown> {
    this.sent++;
    let statusCode: number;
    let text: string;
    let retryAfter: string | string[] | undefined;
    try {
      const { request } = await loadUndici();
      const response = await request(url, {
        method,
        headers: {
          accept: 'application/json',
          'user-agent': USER_AGENT,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...this.options.headers,
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        dispatcher: this.options.dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs * 2),
      });
      statusCode = response.statusCode;
      retryAfter = response.headers['retry-after'];
      const answer = await readCapped(response.body, cap);
      text = answer.text;
      this.answerBytes = answer.bytes;
    } catch (error) {
      if (error instanceof ResponseTooLarge) throw new AnswerTooLarge(cap, originOf(url));
      throw this.transportFailure(error, url);
    }
    if (statusCode >= 200 && statusCode < 300) {
      try {
        return (exactNumbers ? JSON.parse(text, keepValueDigits) : JSON.parse(text)) as unknown;
      } catch {
        // A cut-off body is usually a dropped connection: worth another try.
        throw new RetryableFailure(
          new AppError(
            'malformed_response',
            `The server at ${originOf(url)} sent an incomplete or invalid JSON response. Try again later.`,
          ),
        );
      }
    }
    const body = parseErrorBody(statusCode, text);
    const final = this.options.classify(body);
    const retryable = (statusCode === 429 && final.code === 'rate_limited') || statusCode >= 500;
    if (!retryable) throw final;
    throw new RetryableFailure(final, parseRetryAfter(retryAfter, (this.options.clock ?? systemClock).now().getTime()));
  }

  private transportFailure(error: unknown, url: string): RetryableFailure {
    const code =
      (error as { code?: string; cause?: { code?: string } }).code ??
      (error as { cause?: { code?: string } }).cause?.code ??
      '';
    const name = (error as Error).name;
    const host = originOf(url);
    const service = this.options.serviceName ?? host;
    if (TIMEOUT_CODES.has(code) || name === 'TimeoutError' || name === 'AbortError') {
      return new RetryableFailure(
        new AppError('timeout', timeoutMessage(service, waited(this.timeoutMs)), {
          cause: error,
          detail: `${host} did not answer within ${waited(this.timeoutMs)} (${code || name}).`,
        }),
      );
    }
    const known = NETWORK_CODES.has(code) ? code : code || (error as Error).message;
    return new RetryableFailure(
      new AppError('offline', unreachableMessage(service), {
        cause: error,
        detail: `Cannot reach ${host} (${known}).`,
      }),
    );
  }
}

/**
 * A network failure in words, with the fix: the user knows "OpenAI", not "127.0.0.1:45763", and an ECONNREFUSED
 * means nothing to them; both stay in the error's detail. The scheduler retries on its own, with backoff.
 */
const unreachableMessage = (service: string): string =>
  `Spendwatch could not reach ${service}. Check your internet connection or proxy; Spendwatch will try again automatically.`;

const timeoutMessage = (service: string, waitedFor: string): string =>
  `${service} did not answer within ${waitedFor}. Check your internet connection; Spendwatch will try again automatically.`;

const waited = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** JSON.parse reviver: numbers under a `value` key keep their source digits (ES2026 JSON.parse source text access). */
function keepValueDigits(this: unknown, key: string, value: unknown, context?: { source?: string }): unknown {
  if (key === 'value' && typeof value === 'number') return context?.source ?? String(value);
  return value;
}

/**
 * undici is loaded on the first request, not at start-up: evaluating it costs more than most CLI commands
 * (status, export, budget) take in total, and they never touch the network.
 */
let undici: Promise<typeof Undici> | undefined;
export const loadUndici = () => (undici ??= import('undici'));

/** Above any answer the client asks for (Costs pages are sized to ~4 MB, one day at most to this); larger is refused unread. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

class ResponseTooLarge extends Error {}

/** The body as text, refusing (and dropping the connection) past `max` bytes, so a lying server cannot exhaust memory. */
async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown },
  max: number,
): Promise<{ text: string; bytes: number }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) {
      body.destroy();
      throw new ResponseTooLarge(`The answer was larger than ${max / 1024 / 1024} MB.`);
    }
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes: size };
}

function originOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

function parseErrorBody(status: number, text: string): HttpErrorBody {
  try {
    const parsed = JSON.parse(text) as { error?: { type?: unknown; code?: unknown; message?: unknown } };
    const e = parsed?.error;
    if (e && typeof e === 'object') {
      return {
        status,
        type: typeof e.type === 'string' ? e.type : undefined,
        code: typeof e.code === 'string' ? e.code : null,
        // Masked before it is cut: a key cut in half by the limit would no longer look like one.
        message: typeof e.message === 'string' ? redactSecrets(e.message).slice(0, 300) : undefined,
      };
    }
  } catch {
    // Not JSON: classify by status alone.
  }
  return { status };
}
