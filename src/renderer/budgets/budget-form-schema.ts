/**
 * What the budget form validates with: the typed text of whichever fields the form shows, read into the next
 * budget and checked by budgetInputSchema, the schema the setBudget IPC call validates with (so a budget the
 * form accepts is one main accepts). Messages come from the one set in lib/form-messages.
 */
import { budgetInputSchema, type Budget, type BudgetInput } from '../../shared/domain';
import { parseUserAmount } from '../../shared/money';
import { FORM_MESSAGES } from '../lib/form-messages';
import { formSchema } from '../lib/form-schema';

export type BudgetField = 'project' | 'amount' | 'monthly' | 'daily' | 'thresholds';
export type BudgetFormValues = Record<BudgetField, string>;

export interface BudgetFormRules {
  /** The fields the form shows: only these are read from the text, the rest come from `base`. */
  shown: readonly BudgetField[];
  /** The budget being changed (null: none yet, so the monthly amount must be shown). */
  base: Budget | null;
  /** The project whose amount `amount` sets; without it, the `project` field chooses it. */
  projectId?: string;
  /** What the messages call the project ("project", "workspace") and the monthly budget ("monthly"). */
  projectNoun?: string;
  monthlyName?: string;
}

/** A positive amount of dollars ("200", "$1,250.50"), or null. */
function positiveAmount(text: string): number | null {
  try {
    const micros = parseUserAmount(text);
    return micros > 0 ? micros : null;
  } catch {
    return null;
  }
}

/** Alert thresholds as typed ("50, 80, 100"), in the order typed (main sorts them), or null. */
function thresholdList(text: string): number[] | null {
  const parts = text.split(',').map((t) => t.trim());
  if (!text.trim() || parts.some((t) => !/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 1000)) return null;
  return parts.map(Number);
}

/** The field a budgetInputSchema issue belongs to, among those shown. */
function fieldOf(path: PropertyKey[], shown: readonly BudgetField[]): BudgetField {
  const wanted: BudgetField | undefined = {
    monthlyMicros: 'monthly' as const,
    dailyMicros: 'daily' as const,
    thresholds: 'thresholds' as const,
    projects: 'amount' as const,
  }[String(path[0])];
  return wanted && shown.includes(wanted) ? wanted : shown[0];
}

export function budgetFormSchema(rules: BudgetFormRules) {
  const { shown, base } = rules;
  const has = (field: BudgetField) => shown.includes(field);
  const noun = rules.projectNoun ?? 'project';
  const monthlyName = rules.monthlyName ?? 'monthly';
  const missingOr = (text: string, missing: string, wrong: string) => (text.trim() ? wrong : missing);
  return formSchema<BudgetFormValues, BudgetInput>(
    (values, problem) => {
      const projectId = rules.projectId ?? values.project;
      if (has('project') && !values.project) problem('project', FORM_MESSAGES.choose(noun));
      const amount = has('amount') ? positiveAmount(values.amount) : null;
      if (has('amount') && amount === null)
        problem(
          'amount',
          missingOr(values.amount, FORM_MESSAGES.budgetMissing(noun), FORM_MESSAGES.budgetAmount(noun)),
        );
      const monthly = has('monthly') ? positiveAmount(values.monthly) : (base?.monthlyMicros ?? 0);
      if (has('monthly') && monthly === null)
        problem(
          'monthly',
          missingOr(values.monthly, FORM_MESSAGES.budgetMissing(monthlyName), FORM_MESSAGES.budgetAmount(monthlyName)),
        );
      const dailyTyped = has('daily') && values.daily.trim() !== '';
      const daily = has('daily') ? (dailyTyped ? positiveAmount(values.daily) : null) : (base?.dailyMicros ?? null);
      if (dailyTyped && daily === null) problem('daily', FORM_MESSAGES.optionalBudgetAmount('daily'));
      const thresholds = has('thresholds') ? thresholdList(values.thresholds) : (base?.thresholds ?? []);
      if (thresholds === null) problem('thresholds', FORM_MESSAGES.thresholds);
      else if (thresholds.length > 10) problem('thresholds', FORM_MESSAGES.tooManyThresholds);
      return {
        monthlyMicros: monthly ?? 0,
        thresholds: thresholds ?? [],
        dailyMicros: daily,
        projects: has('amount') ? { ...base?.projects, [projectId]: amount ?? 0 } : { ...base?.projects },
      };
    },
    // The rules main applies (amounts up to $100M, at most 500 project budgets), on the very same schema.
    budgetInputSchema,
    (path) => fieldOf(path, shown),
  );
}
