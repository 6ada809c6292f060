/** Ids from a provider's answer as they may be stored: key-shaped text redacted, made well-formed (see CostsCollector). */
import { redactSecrets } from '../../../shared/redact';

export function outsideId(id: string | null | undefined): string | null {
  return id ? redactSecrets(id).toWellFormed() : null;
}
