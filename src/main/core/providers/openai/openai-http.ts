/** How Spendwatch talks to OpenAI's admin API, for the spend provider and the spend controls alike. */
import type { Clock } from '../../ports';
import { JsonHttpClient, type HttpOptions } from '../http/json-http-client';
import { classifyOpenAiError } from './errors';

const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export type OpenAiClientOptions = { apiKey: string; baseUrl?: string; clock?: Clock } & HttpOptions;

export function openAiHttpClient(options: OpenAiClientOptions): JsonHttpClient {
  return new JsonHttpClient({
    baseUrl: options.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
    headers: { authorization: `Bearer ${options.apiKey}` },
    classify: classifyOpenAiError,
    serviceName: 'OpenAI',
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    sleep: options.sleep,
    clock: options.clock,
    maxResponseBytes: options.maxResponseBytes,
  });
}
