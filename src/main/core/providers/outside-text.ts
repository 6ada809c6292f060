/** Text from a provider's answer as it may be stored: key-shaped text redacted, made well-formed (see CostsCollector). */
import { redactSecrets } from '../../../shared/redact';

export function outsideText(text: string): string {
  return redactSecrets(text).toWellFormed();
}

/** The same for an id that may be absent. */
export function outsideId(id: string | null | undefined): string | null {
  return id ? outsideText(id) : null;
}
