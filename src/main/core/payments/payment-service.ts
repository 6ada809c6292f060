/**
 * The user's own record of how they pay OpenAI. Settings keep a card's brand, last four, expiry and billing
 * country. Only if the user opts in, the full number (`card:<id>`) and the name and street address
 * (`card-address:<id>`) go to the keychain, and nowhere else. The security code is never accepted. Every write is
 * validated against the shared schemas first; an invalid one changes nothing.
 */
import { scrubSecrets } from '../billing/scrub';
import { randomHex } from '../random-id';
import type { z } from 'zod';
import { digitsOnly } from '../../../shared/cards';
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
import { cardDetailsSchema, publicMethod, type CardDetails } from './stored-method';

const cardKeyRef = (methodId: string): string => `card:${methodId}`;
const addressKeyRef = (methodId: string): string => `card-address:${methodId}`;
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
    return this.deps.settings.read().payments.methods.map(publicMethod);
  }

  /**
   * Moves the name and street address of records saved by the old form from config.json to the keychain. When
   * the keychain cannot be reached they stay where they were (readable, not lost) and the next call tries again.
   */
  async migrateOldCards(): Promise<void> {
    const waiting = this.deps.settings.read().payments.methods.filter((m) => m.legacyCardDetails);
    const moved = new Set<string>();
    for (const method of waiting) {
      try {
        // An entry already there came from an earlier, interrupted move (or a later edit): it wins.
        if ((await this.readDetails(method.id)) === null) await this.writeDetails(method.id, method.legacyCardDetails!);
        moved.add(method.id);
      } catch {
        break;
      }
    }
    if (moved.size === 0) return;
    this.deps.settings.update((s) => {
      for (const m of s.payments.methods) if (moved.has(m.id)) delete m.legacyCardDetails;
    });
  }

  /** Adds (no id) or edits (id) a payment method; with the keychain opt-in, a new card number replaces the stored one. */
  async save(id: string | undefined, raw: unknown): Promise<PaymentMethod> {
    const input = parse(paymentMethodInputSchemaFor(localDay(this.deps.clock.now())), raw);
    const now = this.deps.clock.now().toISOString();
    if (id && !this.list().some((m) => m.id === id))
      throw new AppError('not_found', 'That payment method no longer exists.');
    // An old record's details move first, so an edit merges with (or removes) them in one place: the keychain.
    if (id) await this.migrateOldCards();
    const existing = id ? this.list().find((m) => m.id === id) : undefined;
    const methodId = existing?.id ?? newId('pm');

    let card: PaymentMethod['card'] = null;
    if (input.type === 'card') {
      const details = input.keychain;
      card = {
        brand: input.brand,
        last4: input.last4,
        expMonth: input.expMonth,
        expYear: input.expYear,
        // Free text too: a number pasted into the wrong field keeps only its last four.
        billingCountry: scrubSecrets(input.billingCountry),
        inKeychain: details !== null,
      };
      // The keychain first: if it is unreachable, nothing is recorded at all.
      if (details) {
        const number = details.cardNumber === undefined ? '' : digitsOnly(details.cardNumber);
        if (!number && !existing?.card?.inKeychain)
          throw new AppError(
            'invalid_input',
            'keychain.cardNumber: Enter the full card number, or turn the keychain option off.',
          );
        if (number) await this.deps.vault.set(cardKeyRef(methodId), number);
        if (details.cardholderName !== undefined || details.billingAddress) {
          const stored = existing?.card?.inKeychain ? await this.readDetails(methodId) : null;
          await this.writeDetails(methodId, {
            ...(stored ?? cardDetailsSchema.parse({})),
            ...(details.cardholderName !== undefined ? { cardholderName: details.cardholderName } : {}),
            ...details.billingAddress,
          });
        }
      } else if (existing?.card?.inKeychain) {
        await this.forgetKeychainDetails(methodId);
      }
    } else if (existing?.card?.inKeychain) {
      await this.forgetKeychainDetails(methodId);
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

  /** Removes a method and whatever of it the keychain holds. */
  async remove(id: string): Promise<boolean> {
    const method = this.deps.settings.read().payments.methods.find((m) => m.id === id);
    if (!method) throw new AppError('not_found', 'That payment method no longer exists.');
    if (method.card?.inKeychain) await this.forgetKeychainDetails(id);
    this.deps.settings.update((s) => {
      s.payments.methods = s.payments.methods.filter((m) => m.id !== id);
    });
    return true;
  }

  /** The keychain's name and address for a card, or null when it holds none (or nothing readable). */
  private async readDetails(methodId: string): Promise<CardDetails | null> {
    const json = await this.deps.vault.get(addressKeyRef(methodId));
    if (json === null) return null;
    try {
      return cardDetailsSchema.parse(JSON.parse(json));
    } catch {
      return null;
    }
  }

  private async writeDetails(methodId: string, details: CardDetails): Promise<void> {
    await this.deps.vault.set(addressKeyRef(methodId), JSON.stringify(cardDetailsSchema.parse(details)));
  }

  private async forgetKeychainDetails(methodId: string): Promise<void> {
    await this.deps.vault.delete(cardKeyRef(methodId));
    await this.deps.vault.delete(addressKeyRef(methodId));
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
