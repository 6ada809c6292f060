/**
 * The organisations the "one money rule" issue was judged on, at a fixed instant: an OpenAI organisation with
 * 19 projects and about $650 a day (figures above $1,000 with sub-cent digits), a credit, a spike yesterday, an
 * $18,000 budget with a forecast over it (and a daily and a project budget), and an Anthropic organisation.
 * Used by the sentence-scanning tests (core, CLI, Chromium).
 */
import { addDays, type UtcDay } from '../../src/shared/dates';
import { costRow } from './cost-row';
import { seedDataDir, type SeededAccount } from './seed-account';

/** A Saturday in December, long after the history starts; nothing depends on the machine's date. */
export const FINANCE_NOW = '2026-12-19T12:00:00Z';
const TODAY: UtcDay = '2026-12-19';
const SPIKE_DAY: UtcDay = addDays(TODAY, -1);
const CREDIT_DAY: UtcDay = '2026-12-10';

export const FINANCE_PROJECTS = Object.fromEntries(
  Array.from({ length: 19 }, (_, p) => [`proj_${p}`, p === 0 ? 'Customer support assistant' : `Project ${p}`]),
);

export function seedFinanceOrganisations(): string {
  const openai: SeededAccount = {
    id: 'acc_fin',
    name: 'Finance Org',
    keyHint: 'sk-admin-…fin1',
    history: {
      from: '2026-06-01',
      costs: (day) => [
        ...Array.from({ length: 19 }, (_, p) =>
          costRow(
            `proj_${p}`,
            `gpt-4o-2024-08-06, ${p % 2 ? 'output' : 'input'}`,
            // ≈ $650 a day over the 19, each with sub-cent digits; project 2 spikes twelvefold yesterday.
            Math.round(183_000_000 / (p + 1)) * (day === SPIKE_DAY && p === 2 ? 12 : 1) + 287_226 + p * 1_013,
          ),
        ),
        ...(day === CREDIT_DAY ? [costRow('proj_1', 'credit', -99_410_000)] : []),
      ],
      projects: FINANCE_PROJECTS,
    },
  };
  const anthropic: SeededAccount = {
    id: 'acc_claude',
    name: 'Claude Team',
    keyHint: 'sk-ant-admin…cl01',
    provider: 'anthropic',
    history: {
      from: '2026-08-01',
      costs: (_day, d) => [costRow('wrkspc_a', 'claude-sonnet-4, input', 41_003_117 + (d % 5) * 3_000_123)],
      projects: { wrkspc_a: 'Default workspace' },
    },
  };
  return seedDataDir('sw-finance-', [openai, anthropic], new Date(FINANCE_NOW), (s) => {
    s.budgets.acc_fin = {
      monthlyMicros: 18_000_000_000,
      thresholds: [50, 80, 100],
      dailyMicros: 900_000_000,
      projects: { proj_2: 1_500_000_000 },
    };
    s.budgets.acc_claude = { monthlyMicros: 1_000_000_000, thresholds: [50, 80, 100], dailyMicros: null, projects: {} };
  });
}

/** A November invoice that does not match (tax and a credit on it, and $100 nobody explains). */
export const FINANCE_INVOICE = {
  accountId: 'acc_fin',
  month: '2026-11',
  number: 'INV-2026-11',
  date: '2026-12-02',
  taxMicros: 1_447_103_211,
  creditsMicros: 99_410_000,
} as const;
