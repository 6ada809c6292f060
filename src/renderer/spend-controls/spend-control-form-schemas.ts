/**
 * What the spend-control forms validate with: amounts read as whole cents and recipients as addresses, then
 * checked by the schemas the setSpendLimit / addSpendEmailAlert calls validate with. Loaded with the first
 * check, not with the dashboard that shows the forms.
 */
import { z } from 'zod';
import type { Budget } from '../../shared/domain';
import { budgetCents, mirrorAlertCents, type MirrorPlan } from './mirror-plan';
import {
  centsToMicros,
  emailRecipientsSchema,
  limitConsequence,
  parseRecipients,
  parseWholeCents,
  wholeCentsSchema,
} from '../../shared/spend-controls';
import { money } from '../lib/format';
import { FORM_MESSAGES } from '../lib/form-messages';
import { formSchema } from '../lib/form-schema';

const dollars = (cents: number) => money(centsToMicros(cents));

function parseCents(text: string): number | null {
  try {
    const cents = parseWholeCents(text);
    return cents > 0 ? cents : null;
  } catch {
    return null;
  }
}

export interface LimitFields {
  amount: string;
}

export const limitFormSchema = formSchema<LimitFields, { cents: number }>(
  (f, problem) => {
    const cents = parseCents(f.amount);
    if (cents === null) problem('amount', FORM_MESSAGES.wholeCents('limit', '750 or 750.25'));
    return { cents: cents ?? 0 };
  },
  z.object({ cents: wholeCentsSchema }),
  () => 'amount',
);

export interface AlertFields {
  amount: string;
  emails: string;
}

export const alertFormSchema = formSchema<AlertFields, { cents: number; recipients: string[] }>(
  (f, problem) => {
    const cents = parseCents(f.amount);
    if (cents === null) problem('amount', FORM_MESSAGES.wholeCents('threshold', '500'));
    const recipients = parseRecipients(f.emails);
    if (!recipients) problem('emails', FORM_MESSAGES.emails);
    return { cents: cents ?? 0, recipients: recipients ?? [] };
  },
  z.object({ cents: wholeCentsSchema, recipients: emailRecipientsSchema }),
  (path) => (path[0] === 'recipients' ? 'emails' : 'amount'),
);

export interface MirrorFields {
  withLimit: boolean;
  withAlerts: boolean;
  emails: string;
}

export const mirrorFormSchema = (budget: Budget, accountName: string) =>
  formSchema<MirrorFields, MirrorPlan>(
    (f, problem) => {
      const cents = budgetCents(budget);
      const alertCents = mirrorAlertCents(budget);
      if (cents === null)
        problem(
          'root',
          'This budget is not a whole number of cents; OpenAI only takes cents. Change the budget first.',
        );
      else if (!f.withLimit && !f.withAlerts) problem('root', 'Choose a hard limit, email alerts, or both.');
      const recipients = f.withAlerts ? parseRecipients(f.emails) : [];
      if (f.withAlerts && !recipients) problem('emails', FORM_MESSAGES.emails);
      const parts = [];
      if (f.withLimit && cents !== null) parts.push(limitConsequence(accountName, dollars(cents)));
      if (f.withAlerts && recipients)
        parts.push(`OpenAI will email ${recipients.join(', ')} at ${alertCents.map(dollars).join(', ')} this month.`);
      return {
        limitCents: f.withLimit ? cents : null,
        alertCents: f.withAlerts ? alertCents : [],
        recipients: recipients ?? [],
        text: parts.join(' '),
      };
    },
    z.object({
      limitCents: wholeCentsSchema.nullable(),
      alertCents: z.array(wholeCentsSchema),
      recipients: z.union([z.tuple([]), emailRecipientsSchema]),
    }),
    (path) => (path[0] === 'recipients' ? 'emails' : undefined),
  );
