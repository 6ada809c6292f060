/**
 * The words every form uses for what is wrong with a field: one wording per mistake, whichever form shows it.
 * The shared zod schemas (src/shared) carry the rest (names, URLs, emails, amounts too large), and the forms
 * validate with those same schemas (lib/form.ts), so the renderer and main never disagree about a value.
 *
 * Two shapes: "Enter the …" for a field left empty; "Enter the … in dollars, such as ….", with an example, for
 * one that cannot be read.
 */
const dollars = (what: string, example: string) => `Enter the ${what} in dollars, such as ${example}.`;

export const FORM_MESSAGES = {
  /** Something left empty: `what` names it ("total on the invoice", "card number"). */
  missing: (what: string) => `Enter the ${what}.`,
  /** An amount that is not a number of dollars: `what` names it, `example` shows one. */
  dollars,
  /** An empty budget amount: `what` names the budget ("monthly", "daily", "project", "Acme monthly"). */
  budgetMissing: (what: string) => `Enter the ${what} budget.`,
  /** A budget amount that is not a positive number of dollars. */
  budgetAmount: (what: string) => dollars(`${what} budget`, '500'),
  /** The same, for a budget that may be left empty (the daily one). */
  optionalBudgetAmount: (what: string) => `${dollars(`${what} budget`, '500').slice(0, -1)}, or leave it empty.`,
  /** Alert thresholds: whole percentages from 1 to 1000, separated by commas. */
  thresholds: 'Enter thresholds as whole percentages, such as 50, 80, 100.',
  tooManyThresholds: 'Enter at most 10 thresholds.',
  /** An amount OpenAI takes in whole cents (spend limits and email alerts). */
  wholeCents: (what: string, example: string) =>
    `Enter the ${what} in dollars with at most two decimals, such as ${example}.`,
  /** Email recipients. */
  emails: 'Enter one to ten email addresses, separated by commas.',
  /** An admin key field left empty: `provider` names whose key ("OpenAI"). */
  pasteKey: (provider: string) => `Paste the ${provider} admin key.`,
  /** A count that must be a whole number: `what` names its unit ("minutes"). */
  wholeNumber: (what: string, example: string) => `Enter whole ${what}, such as ${example}.`,
  /** Card expiry warnings. */
  expiryDays: 'Enter whole numbers of days between 1 and 365, such as 60, 30, 7, 1.',
  /** A select left on its placeholder: `noun` is what it chooses ("project", "workspace"). */
  choose: (noun: string) => `Choose a ${noun}.`,
} as const;
