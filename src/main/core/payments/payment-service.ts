/**
 * The user's own record of how they pay OpenAI. A card's full number goes only to the keychain
 * (`card:<id>`); settings keep brand, last four, expiry and the billing address. The security code is
 * never accepted. Every write is validated against the shared schemas first; an invalid one changes nothing.
 */
import { scrubSecrets } from '../billing/scrub';
import { randomHex } from '../random-id';
import type { z } from 'zod';
import { detectBrand, digitsOnly, lastFour } from '../../../shared/cards';
import { addDays } from '../../../shared/dates';
import {
  creditEntryInputSchema,
  paymentEventInputSchema,
  paymentMethodInputSchemaFor,
  PAYMENT_LIMITS,
  recordedBalanceInputSchema,
  autoRechargeInputSchema,
  type PaymentEvent,
  type PaymentMethod,
} from '../../../shared/payments';
import { localDay } from '../../../shared/cards';
import { AppError } from '../errors';
import type { Clock, SecretVault } from '../ports';
import type { SettingsRepository } from '../settings/settings';

const cardKeyRef = (methodId: string): string => `card:${methodId}`;
const newId = (prefix: string) => `${prefix}_${randomHex(8)}`;

export class PaymentService {
  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      vault: SecretVault;
      clock: Clock;
    },
  ) {}

  list(): PaymentMethod[] {
    return this.deps.settings.read().payments.methods;
  }

  /** Adds (no id) or edits (id) a payment method; a new card number replaces the stored one. */
  async save(id: string | undefined, raw: unknown): Promise<PaymentMethod> {
    const input = parse(paymentMethodInputSchemaFor(localDay(this.deps.clock.now())), raw);
    const now = this.deps.clock.now().toISOString();
    const existing = id ? this.list().find((m) => m.id === id) : undefined;
    if (id && !existing) throw new AppError('not_found', 'That payment method no longer exists.');
    const methodId = existing?.id ?? newId('pm');

    let card: PaymentMethod['card'] = null;
    if (input.type === 'card') {
      const number = input.cardNumber === undefined ? undefined : digitsOnly(input.cardNumber);
      if (!number && existing?.card == null) throw new AppError('invalid_input', 'cardNumber: Enter the card number.');
      card = {
        brand: number ? detectBrand(number) : existing!.card!.brand,
        last4: number ? lastFour(number) : existing!.card!.last4,
        cardholderName: input.cardholderName,
        expMonth: input.expMonth,
        expYear: input.expYear,
        billingAddress: input.billingAddress,
      };
      // The keychain first: if it is unreachable, nothing is recorded at all.
      if (number) await this.deps.vault.set(cardKeyRef(methodId), number);
    } else if (existing?.card) {
      await this.deps.vault.delete(cardKeyRef(methodId));
    }

    const method: PaymentMethod = {
      id: methodId,
      type: input.type,
      label: input.label === null || input.label === undefined ? input.label : scrubSecrets(input.label),
      role: input.role,
      accountIds: input.accountIds,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      card,
      email: input.type === 'paypal' ? input.email : null,
      // Free text from the user: a pasted key or card number never reaches config.json.
      note: scrubSecrets('note' in input ? input.note : 'reference' in input ? input.reference : ''),
    };
    this.deps.settings.update((s) => {
      const methods = s.payments.methods.filter((m) => m.id !== methodId);
      if (methods.length >= PAYMENT_LIMITS.methods)
        throw new AppError('invalid_input', `At most ${PAYMENT_LIMITS.methods} payment methods can be recorded.`);
      // One primary per account (or overall, for methods not tied to an account).
      if (method.role === 'primary') {
        for (const other of methods) {
          const shared =
            method.accountIds.length === 0 ||
            other.accountIds.length === 0 ||
            other.accountIds.some((a) => method.accountIds.includes(a));
          if (other.role === 'primary' && shared) other.role = 'backup';
        }
      }
      s.payments.methods = [...methods, method];
    });
    return method;
  }

  async remove(id: string): Promise<boolean> {
    const method = this.list().find((m) => m.id === id);
    if (!method) throw new AppError('not_found', 'That payment method no longer exists.');
    if (method.card) await this.deps.vault.delete(cardKeyRef(id));
    this.deps.settings.update((s) => {
      s.payments.methods = s.payments.methods.filter((m) => m.id !== id);
    });
    return true;
  }

  addCredit(raw: unknown) {
    const input = parse(creditEntryInputSchema, raw);
    this.requireAccount(input.accountId);
    const entry = {
      id: newId('cr'),
      kind: input.kind,
      amountMicros: input.amountMicros,
      date: input.date,
      // Prepaid credit expires one year after purchase.
      expiresOn: input.expiresOn ?? addDays(input.date, 365),
      note: scrubSecrets(input.note),
    };
    this.deps.settings.update((s) => {
      const credits = (s.credits[input.accountId] ??= { entries: [], recordedBalance: null, autoRecharge: null });
      if (credits.entries.length >= PAYMENT_LIMITS.creditEntries)
        throw new AppError(
          'invalid_input',
          `At most ${PAYMENT_LIMITS.creditEntries} credits can be recorded per account.`,
        );
      credits.entries.push(entry);
    });
    return entry;
  }

  removeCredit(accountId: string, entryId: string): void {
    this.deps.settings.update((s) => {
      const credits = s.credits[accountId];
      if (!credits?.entries.some((e) => e.id === entryId))
        throw new AppError('not_found', 'No such credit entry: nothing removed.');
      credits.entries = credits.entries.filter((e) => e.id !== entryId);
    });
  }

  setRecordedBalance(accountId: string, raw: { amountMicros: number; asOf: string } | null): void {
    const balance = raw === null ? null : parse(recordedBalanceInputSchema, raw);
    this.requireAccount(accountId);
    this.deps.settings.update((s) => {
      (s.credits[accountId] ??= { entries: [], recordedBalance: null, autoRecharge: null }).recordedBalance = balance;
    });
  }

  setAutoRecharge(accountId: string, raw: { thresholdMicros: number; amountMicros: number } | null): void {
    const autoRecharge = raw === null ? null : parse(autoRechargeInputSchema, raw);
    this.requireAccount(accountId);
    this.deps.settings.update((s) => {
      (s.credits[accountId] ??= { entries: [], recordedBalance: null, autoRecharge: null }).autoRecharge = autoRecharge;
    });
  }

  addEvent(raw: unknown): PaymentEvent {
    const input = parse(paymentEventInputSchema, raw);
    const event = { ...input, note: scrubSecrets(input.note), id: newId('pe') };
    this.deps.settings.update((s) => {
      s.payments.events = [event, ...s.payments.events]
        .sort((a, b) => b.date.localeCompare(a.date))
        .slice(0, PAYMENT_LIMITS.events);
    });
    return event;
  }

  removeEvent(id: string): void {
    this.deps.settings.update((s) => {
      if (!s.payments.events.some((e) => e.id === id))
        throw new AppError('not_found', 'No such payment log entry: nothing removed.');
      s.payments.events = s.payments.events.filter((e) => e.id !== id);
    });
  }

  setExpiryAlertDays(days: number[]): void {
    this.deps.settings.update((s) => {
      s.payments.expiryAlertDays = [...new Set(days)].sort((a, b) => b - a);
    });
  }

  forgetAccount(accountId: string): void {
    this.deps.settings.update((s) => {
      delete s.credits[accountId];
      for (const m of s.payments.methods) m.accountIds = m.accountIds.filter((a) => a !== accountId);
    });
  }

  private requireAccount(accountId: string): void {
    if (!this.deps.settings.read().accounts.some((a) => a.id === accountId))
      throw new AppError('not_found', 'No such account.');
  }
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError('invalid_input', `${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  return result.data;
}
