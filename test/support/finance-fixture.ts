/**
 * The organisation the "finance lead" pass was judged on: one OpenAI organisation of 19 projects at about $20k a
 * month over 13 months, a $250 credit grant this month, a spike, and line items with long names. Used by the
 * series-colours e2e test and the chart screenshots.
 */
import { addDays, addMonths, firstDayOfMonth, monthOf, type UtcDay } from '../../src/shared/dates';
import { costRow } from './cost-row';
import { seedDataDir } from './seed-account';

/** Project names as a finance lead would see them (one long enough to wrap). */
export const FINANCE_PROJECTS = [
  'Customer support assistant (production)',
  'Search ranking',
  'Sales email drafts',
  'Internal wiki Q&A',
  'Fraud review',
  'Onboarding bot',
  'Data labelling',
  'Mobile app chat',
  'Marketing copy',
  'Legal summaries',
  'Analytics notebooks',
  'Partner API',
  'QA test generation',
  'Voice transcription',
  'Translation',
  'Recruiting screener',
  'Finance close helper',
  'Prototype: agents',
  'Staging',
];

const LINE_ITEMS = [
  'gpt-4o-2024-08-06, input',
  'gpt-4o-2024-08-06, cached input (batch, flex processing tier)',
  'o3-2025-04-16, output',
];

export function seedFinanceOrganisation(now: Date): string {
  const today = now.toISOString().slice(0, 10) as UtcDay;
  const from = firstDayOfMonth(addMonths(monthOf(today), -12));
  const creditDay = addDays(firstDayOfMonth(monthOf(today)), 0);
  const spikeDay = addDays(today, -9);
  const projects = Object.fromEntries(FINANCE_PROJECTS.map((name, p) => [`proj_${p}`, name]));
  return seedDataDir(
    'sw-finance-',
    [
      {
        id: 'acc_fin',
        name: 'Acme Finance',
        keyHint: 'sk-admin-…fin1',
        history: {
          from,
          costs: (day, d) => [
            ...FINANCE_PROJECTS.flatMap((_, p) =>
              LINE_ITEMS.map((lineItem, l) =>
                costRow(
                  `proj_${p}`,
                  lineItem,
                  // About $670 a day over the 19 projects, the first ones the largest, varying day by day.
                  Math.round(
                    (50_000_000 / (p + 1)) * (1 + ((d * 7 + p * 3 + l) % 10) / 20) * (day === spikeDay ? 3 : 1),
                  ),
                ),
              ),
            ),
            ...(day === creditDay ? [costRow(null, 'Credit grant', -250_000_000)] : []),
          ],
          projects,
        },
      },
    ],
    now,
    (s) => {
      s.budgets.acc_fin = { monthlyMicros: 18_000_000_000, thresholds: [50, 80, 100], dailyMicros: null, projects: {} };
    },
  );
}
