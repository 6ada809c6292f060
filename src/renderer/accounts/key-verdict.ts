/** A pasted admin key judged as it is typed, by the provider registry (zod-free). */
import type { ProviderId } from '../../shared/domain';
import { PROVIDERS } from '../../shared/providers';

/** What the registry says about a pasted key, as the person types: null until there is something to judge. */
export function keyVerdictText(provider: ProviderId, key: string): { ok: boolean; text: string } | null {
  if (!key.trim()) return null;
  const verdict = PROVIDERS[provider].checkKey(key);
  if (!verdict.ok) return { ok: false, text: verdict.reason };
  const info = PROVIDERS[provider];
  return key.trim().startsWith(info.keyExample.replace('…', ''))
    ? { ok: true, text: `An ${info.name} admin key: this is the right kind.` }
    : { ok: true, text: `Not a familiar ${info.name} key format; the test call will tell.` };
}
