/**
 * Free text the user types about billing (support notes, references, invoice numbers) is stored in
 * billing.json and printed in reports, so anything key-like is masked and a pasted card number (13–19 digits,
 * spaces or dashes allowed, Luhn-valid) keeps only its last four: secrets live only in the keychain.
 */
import { digitsOnly, luhnValid } from '../../../shared/cards';
import { redactSecrets } from '../errors';

const maskCardNumbers = (text: string): string =>
  text.replace(/\d(?:[ -]?\d){12,18}/g, (run) =>
    luhnValid(digitsOnly(run)) ? `•••• ${digitsOnly(run).slice(-4)}` : run,
  );

export const scrubSecrets = (text: string): string => maskCardNumbers(redactSecrets(text));
