/**
 * A data dir with the organisations issue 15 was judged on: a large org (24 projects, about $1.2M a month,
 * spend starting mid-month two months ago), a cents-only org, an org whose key was revoked, and one that
 * has never synced. Used by the accessibility e2e tests and the screenshot script.
 */
import { addDays, addMonths, firstDayOfMonth, monthOf } from '../../src/shared/dates';
import { costRow } from './cost-row';
import { seedDataDir, type SeededAccount, type SeededHistory } from './seed-account';

const MODELS = [
  'gpt-4o-2024-08-06',
  'gpt-4o-mini-2024-07-18',
  'o3-2025-04-16',
  'text-embedding-3-large',
  'gpt-image-1',
];

export function seedOrganisations(now = new Date()): string {
  const today = now.toISOString().slice(0, 10);
  // Spend starts on the 15th two months ago: last month is complete, the month before is a partial first month.
  const bigStart = addDays(firstDayOfMonth(addMonths(monthOf(today), -2)), 14);
  const bigProjects = Object.fromEntries(
    Array.from({ length: 24 }, (_, p) => [
      `proj_${p}`,
      p === 0 ? 'Customer support assistant (production)' : `Project ${p}`,
    ]),
  );
  const big: SeededHistory = {
    from: bigStart,
    costs: (_day, d) =>
      Array.from({ length: 24 }, (_, p) =>
        MODELS.slice(0, 3).map((m, l) =>
          costRow(
            `proj_${p}`,
            `${m}, ${l === 1 ? 'output' : 'input'}`,
            Math.round((40_000_000_000 / (p + 1) / 3.8) * (1 + ((d * 7 + p * 3 + l) % 10) / 20)) + 17,
          ),
        ),
      ).flat(),
    projects: bigProjects,
  };
  const cents: SeededHistory = {
    from: addDays(today, -400),
    costs: (_day, d) => [costRow('proj_c', `${MODELS[1]}, input`, 1_000 + ((d * 37) % 9) * 500)],
    projects: { proj_c: 'Prototype' },
  };
  const revoked: SeededHistory = {
    from: addDays(today, -90),
    costs: (_day, d) => [costRow('proj_r', `${MODELS[0]}, input`, 3_000_000 + ((d * 13) % 7) * 250_000)],
    projects: { proj_r: 'Legacy bot' },
    state: {
      lastSuccessAt: new Date(now.getTime() - 3 * 86_400_000).toISOString(),
      lastError: {
        code: 'invalid_key',
        message:
          'OpenAI rejected the admin key (401). It may have been revoked: create a new key at https://platform.openai.com/settings/organization/admin-keys and replace it in Settings.',
      },
      consecutiveFailures: 4,
      firstFailureAt: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
    },
  };
  const accounts: SeededAccount[] = [
    { id: 'acc_big', name: 'Acme Prod', keyHint: 'sk-admin-…big1', history: big },
    { id: 'acc_cents', name: 'Cents Lab', keyHint: 'sk-admin-…cent', history: cents },
    { id: 'acc_revoked', name: 'Old Team', keyHint: 'sk-admin-…rvkd', history: revoked },
    { id: 'acc_new', name: 'New Org', keyHint: 'sk-admin-…new1' },
  ];
  return seedDataDir('sw-orgs-', accounts, now, (s) => {
    // Budgets on every account, so the all-accounts month chart draws its budget line (and its label).
    s.budgets.acc_big = {
      monthlyMicros: 4_000_000_000_000,
      thresholds: [50, 80, 100],
      dailyMicros: null,
      projects: {},
    };
    for (const id of ['acc_cents', 'acc_revoked', 'acc_new'])
      s.budgets[id] = { monthlyMicros: 50_000_000, thresholds: [50, 80, 100], dailyMicros: null, projects: {} };
  });
}
