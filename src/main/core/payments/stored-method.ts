/**
 * How a payment method is kept in config.json, including records saved by the old form, which stored the name on
 * the card and the whole billing address in the settings file (the full number was always in the keychain as
 * `card:<id>`). Such a record is read as the minimal one: the country stays in the record (it was never secret
 * there), and the name and street address wait in `legacyCardDetails` until the payment service has moved them
 * to the keychain. Nothing is lost if the keychain cannot be reached: they stay where they were.
 */
import { z } from 'zod';
import { paymentMethodSchema, type PaymentMethod } from '../../../shared/payments';

/** What the keychain's `card-address:<id>` entry holds (as JSON), and what an old record has to move there. */
export const cardDetailsSchema = z.object({
  cardholderName: z.string().default(''),
  line1: z.string().default(''),
  line2: z.string().default(''),
  city: z.string().default(''),
  postalCode: z.string().default(''),
});
export type CardDetails = z.infer<typeof cardDetailsSchema>;

const oldCardSchema = z.object({
  cardholderName: z.string().optional(),
  billingAddress: z
    .object({
      country: z.string().optional(),
      postalCode: z.string().optional(),
      line1: z.string().optional(),
      line2: z.string().optional(),
      city: z.string().optional(),
    })
    .optional(),
});

/** An old-format card becomes the minimal record plus the details still to move; any other value is untouched. */
function migrateOldCard(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const method = raw as { card?: unknown; legacyCardDetails?: unknown };
  const card = method.card as Record<string, unknown> | null | undefined;
  if (!card || !('billingAddress' in card || 'cardholderName' in card)) return raw;
  const old = oldCardSchema.safeParse(card);
  if (!old.success) return raw;
  const { cardholderName = '', billingAddress = {} } = old.data;
  const { cardholderName: _name, billingAddress: _address, ...rest } = card;
  return {
    ...method,
    card: {
      ...rest,
      billingCountry: billingAddress.country ?? '',
      // The old form required the full number, so the keychain has it.
      inKeychain: true,
    },
    legacyCardDetails: {
      cardholderName,
      line1: billingAddress.line1 ?? '',
      line2: billingAddress.line2 ?? '',
      city: billingAddress.city ?? '',
      postalCode: billingAddress.postalCode ?? '',
    },
  };
}

export const storedPaymentMethodSchema = z.preprocess(
  migrateOldCard,
  paymentMethodSchema.extend({ legacyCardDetails: cardDetailsSchema.optional() }),
);
export type StoredPaymentMethod = z.infer<typeof storedPaymentMethodSchema>;

/** The record as the renderer, alerts and exports see it: without details still waiting to move. */
export function publicMethod(method: StoredPaymentMethod): PaymentMethod {
  const { legacyCardDetails: _waiting, ...shown } = method;
  return shown;
}
