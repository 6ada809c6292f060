/**
 * Parsers for the CLI's option values, one place for all commands: a bad value is commander's usage error
 * (exit 2) before anything is read or sent.
 */
import { InvalidArgumentError } from 'commander';
import { isUtcDay } from '../../shared/dates';
import { MAX_AMOUNT_MICROS } from '../../shared/domain';
import { parseUserAmount } from '../../shared/money';
import { emailRecipientsSchema, parseWholeCents } from '../../shared/spend-controls';

export const dayArg = (value: string) => {
  if (!isUtcDay(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
};

export const monthArg = (value: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError('expected a month as YYYY-MM');
  return value;
};

export const thresholdsArg = (value: string) => {
  const list = value.length <= 200 ? value.split(',').map((v) => Number(v.trim())) : [];
  if (!list.length || list.length > 10 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 1000))
    throw new InvalidArgumentError('expected whole percentages such as 50,80,100');
  return [...new Set(list)].sort((a, b) => a - b);
};

export const amountArg = (value: string) => {
  try {
    const micros = value.length <= 40 ? parseUserAmount(value) : NaN;
    if (!(micros > 0) || micros > MAX_AMOUNT_MICROS) throw new Error();
    return micros;
  } catch {
    throw new InvalidArgumentError('expected a positive amount in USD up to 100,000,000, such as 500 or 1250.50');
  }
};

/** Invoice amounts in USD; zero is fine (a month paid entirely by credits), negative is not. */
export const usdArg = (value: string) => {
  try {
    const micros = parseUserAmount(value);
    if (micros < 0) throw new Error();
    return micros;
  } catch {
    throw new InvalidArgumentError('expected an amount in USD, such as 120 or 1250.50');
  }
};

export const textArg = (value: string) => {
  // Controls, C1 controls and bidi overrides included: an invoice number is shown on terminals and in reports.
  // eslint-disable-next-line no-control-regex
  if (value.length > 64 || /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value))
    throw new InvalidArgumentError('expected at most 64 printable characters');
  return value;
};

export const centsArg = (value: string) => {
  let cents: number;
  try {
    cents = parseWholeCents(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  if (cents < 1) throw new InvalidArgumentError('expected an amount of at least $0.01');
  return cents;
};

export const emailsArg = (value: string) => {
  const parsed = emailRecipientsSchema.safeParse(
    value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );
  if (!parsed.success)
    throw new InvalidArgumentError(
      `${(parsed.error.issues[0]?.message ?? 'invalid').replace(/\.$/, '')}: expected addresses separated by commas, such as ops@example.com,cfo@example.com`,
    );
  return parsed.data;
};

export const alertIdArg = (value: string) => {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value))
    throw new InvalidArgumentError('expected an alert id as listed by "spendwatch email-alerts list"');
  return value;
};
