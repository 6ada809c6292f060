// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComparedAmount } from '../../../src/shared/domain';
import { Breakdowns, foldRows, TOP } from '../../../src/renderer/dashboard/Breakdowns';

const projects = (n: number): ComparedAmount[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `proj_${i}`,
    name: `Project ${i}`,
    micros: (n - i) * 1_000_003,
    previousMicros: (n - i) * 900_000,
  }));

afterEach(cleanup);

describe('top projects: every dollar accounted for', () => {
  it('folds the rest into Other so the rows add up to the month exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { maxLength: 40 }),
        fc.integer({ min: -30, max: 30 }),
        (amounts, drift) => {
          const rows = amounts
            .map((micros, i) => ({ key: `p${i}`, name: `P${i}`, micros, previousMicros: 0 }))
            .sort((a, b) => b.micros - a.micros);
          // The month's own figure is rounded once from the exact sum: it may differ from the sum of rounded parts.
          const monthTotal = rows.reduce((s, r) => s + r.micros, 0) + drift;
          const { rows: top, other } = foldRows(rows, monthTotal);
          expect(top.length).toBeLessThanOrEqual(TOP + 1);
          if (other) {
            expect(top.length).toBe(TOP);
            expect(top.reduce((s, r) => s + r.micros, 0) + other.micros).toBe(monthTotal);
            expect(other.count).toBe(rows.filter((r) => r.micros > 0).length - TOP);
          }
        },
      ),
    );
  });

  it("keeps credits out of Other: Other is the small projects' real spend, Credits a row of its own, last", () => {
    // The case: a credit folded into Other read −$99.41 and hid both the credit and ~$150 of spend.
    const rows: ComparedAmount[] = [
      ...projects(14),
      { key: 'proj_grant', name: 'Credit grant', micros: -250_000_000, previousMicros: 0 },
    ];
    const monthTotal = rows.reduce((s, r) => s + r.micros, 0);
    const folded = foldRows(rows, monthTotal);
    expect(folded.other).toMatchObject({ count: 4, micros: (4 + 3 + 2 + 1) * 1_000_003 });
    expect(folded.credits).toMatchObject({ count: 1, micros: -250_000_000, names: ['Credit grant'] });
    expect(folded.rows.reduce((s, r) => s + r.micros, 0) + folded.other!.micros + folded.credits!.micros).toBe(
      monthTotal,
    );
    render(
      <Breakdowns
        monthBreakdown={{ projects: rows, lineItems: [] }}
        currency="usd"
        monthTotal={monthTotal}
        today="2026-11-21"
        dataSince="2025-11-01"
      />,
    );
    const table = screen.getByRole('table', { name: 'Top projects this month' });
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows).toHaveLength(TOP + 3); // ten, Other, Credits, total
    expect(bodyRows[TOP].textContent).toMatch(/^Other \(4 projects\)\$10\.00/);
    expect(bodyRows[TOP + 1].textContent).toMatch(/^Credits-\$250\.00—new/);
    expect(within(bodyRows[TOP + 1]).getByTitle('Credits: Credit grant')).toBeTruthy();
    // Every swatch in the table is its own colour.
    const swatches = [...table.querySelectorAll<HTMLElement>('.swatch')].map((s) => s.style.background);
    expect(new Set(swatches).size).toBe(swatches.length);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 15 projects' }));
    expect(within(table).getByText('Credit grant')).toBeTruthy();
  });

  it('shows ten projects, "Other (14 projects)" and the month total, then every project on "Show all"', () => {
    const rows = projects(24);
    const monthTotal = rows.reduce((s, r) => s + r.micros, 0);
    render(
      <Breakdowns
        monthBreakdown={{ projects: rows, lineItems: [] }}
        currency="usd"
        monthTotal={monthTotal}
        today="2026-11-21"
        dataSince="2025-11-01"
      />,
    );
    const table = screen.getByRole('table', { name: 'Top projects this month' });
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows).toHaveLength(TOP + 2); // ten, Other, total
    expect(bodyRows[TOP].textContent).toMatch(/^Other \(14 projects\)\$105\.00/);
    expect(bodyRows[TOP + 1].textContent).toMatch(/^Total this month\$300\.00/);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 24 projects' }));
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 24 + 1);
    expect(table.textContent).not.toMatch(/Other \(/);
  });

  it('says "new" instead of a percentage when last month is not fully in the history', () => {
    const rows = [{ key: 'p', name: 'Web app', micros: 250_000_000, previousMicros: 1_000_000 }];
    render(
      <Breakdowns
        monthBreakdown={{ projects: rows, lineItems: [] }}
        currency="usd"
        monthTotal={250_000_000}
        today="2026-11-21"
        dataSince="2026-10-20"
      />,
    );
    expect(screen.getByRole('table', { name: 'Top projects this month' }).textContent).toMatch(
      /Web app\$250\.00.*100%new/,
    );
    cleanup();
    render(
      <Breakdowns
        monthBreakdown={{ projects: rows, lineItems: [] }}
        currency="usd"
        monthTotal={250_000_000}
        today="2026-11-21"
        dataSince="2026-10-01"
      />,
    );
    expect(screen.getByRole('table', { name: 'Top projects this month' }).textContent).toMatch(/\+24,900%/);
  });

  it('shows the exact figure on hover and "<0.1%" for a tiny share', () => {
    const rows = [
      { key: 'big', name: 'Big', micros: 1_199_766_000_000, previousMicros: 0 },
      { key: 'small', name: 'Small', micros: 234_058_123, previousMicros: 0 },
    ];
    render(
      <Breakdowns
        monthBreakdown={{ projects: rows, lineItems: [] }}
        currency="usd"
        monthTotal={1_200_000_058_123}
        today="2026-11-21"
        dataSince="2025-01-01"
      />,
    );
    const small = screen.getByRole('row', { name: /Small/ });
    expect(small.textContent).toMatch(/Small\$234\.06.*<0\.1%/);
    expect(within(small).getByTitle('Exact: $234.058123')).toBeTruthy();
  });
});

describe('project budgets on their rows, and the provider’s word for a project', () => {
  it('shows a budgeted project’s progress on its row, linked to Settings › Budgets & alerts', () => {
    const rows = projects(3);
    render(
      <Breakdowns
        monthBreakdown={{ projects: rows, lineItems: [] }}
        currency="usd"
        monthTotal={6_000_018}
        today="2026-11-21"
        dataSince="2025-11-01"
        projectBudgets={{ proj_0: 2_000_000 }}
      />,
    );
    const row = screen.getByRole('row', { name: /Project 0/ });
    const link = within(row).getByRole('link', { name: '150% of $2.00' });
    expect(link.getAttribute('href')).toBe('#/settings?section=budgets');
    expect(within(row).getByRole('meter', { name: 'Project 0: 150% of its project budget' })).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /Project 1/ })).queryByRole('meter')).toBeNull();
  });

  it('gives each row of one real account a Budget cell with its control; the row header stays the name alone', () => {
    const account = {
      id: 'acc_1',
      name: 'Acme Prod',
      provider: 'openai',
      keyHint: 'sk-admin-…abcd',
      isDemo: false,
      lastSyncedAt: null,
      lastError: null,
      warning: null,
      stale: false,
      syncing: false,
      monthToDateMicros: 0,
      todayMicros: 0,
      forecastMicros: null,
      budget: {
        monthlyMicros: 10_000_000,
        thresholds: [50, 80, 100],
        dailyMicros: null,
        projects: { proj_0: 2_000_000 },
      },
      budgetUsedPercent: null,
      budgetState: null,
      dataSince: null,
    } as const;
    render(
      <Breakdowns
        monthBreakdown={{ projects: projects(3), lineItems: [] }}
        currency="usd"
        monthTotal={6_000_018}
        today="2026-11-21"
        dataSince="2025-11-01"
        budgetAccount={{
          ...account,
          budget: { ...account.budget, thresholds: [50, 80, 100], projects: { proj_0: 2_000_000 } },
        }}
      />,
    );
    expect(screen.getByRole('columnheader', { name: 'Budget' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Project 1' })).toBeTruthy();
    expect(
      within(screen.getByRole('row', { name: /^Project 1/ })).getByRole('button', {
        name: /^Set budget\s*for Project 1$/,
      }),
    ).toBeTruthy();
    expect(
      within(screen.getByRole('row', { name: /^Project 0/ })).getByRole('button', {
        name: /^150%\s*of \$2\.00\s*— change the budget for Project 0$/,
      }),
    ).toBeTruthy();
  });

  it('says "workspace" for Anthropic accounts', () => {
    render(
      <Breakdowns
        monthBreakdown={{ projects: projects(12), lineItems: [] }}
        currency="usd"
        monthTotal={78_000_234}
        today="2026-11-21"
        dataSince="2025-11-01"
        groupNoun={{ singular: 'workspace', plural: 'workspaces' }}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Top workspaces this month' })).toBeTruthy();
    expect(screen.getByRole('row', { name: /Other \(2 workspaces\)/ })).toBeTruthy();
  });
});

describe('vs last month: whole days against the same whole days', () => {
  it('compares this month’s whole days, not the partial today, with last month’s same days', () => {
    // $50 so far, of which $30 in whole days; last month's same days: $20 → +50%, not +150%.
    const rows: ComparedAmount[] = [
      { key: 'p1', name: 'Web', micros: 50_000_000, comparedMicros: 30_000_000, previousMicros: 20_000_000 },
    ];
    render(
      <Breakdowns
        monthBreakdown={{ comparedDays: 1, projects: rows, lineItems: [] }}
        currency="usd"
        monthTotal={50_000_000}
        today="2026-12-02"
        dataSince="2025-11-01"
      />,
    );
    const table = screen.getByRole('table', { name: 'Top projects this month' });
    expect(within(table).getAllByRole('row')[1].textContent).toContain('+50%');
    expect(
      screen.getAllByTitle(/This month's 1 whole UTC day against the same days of last month/).length,
    ).toBeGreaterThan(0);
  });

  it('on the 1st (UTC) shows no change: a few hours are never set against a whole day', () => {
    const rows: ComparedAmount[] = [
      { key: 'p1', name: 'Web', micros: 2_000_000, comparedMicros: 0, previousMicros: 0 },
    ];
    render(
      <Breakdowns
        monthBreakdown={{ comparedDays: 0, projects: rows, lineItems: [] }}
        currency="usd"
        monthTotal={2_000_000}
        today="2026-12-01"
        dataSince="2025-11-01"
      />,
    );
    const table = screen.getByRole('table', { name: 'Top projects this month' });
    const cells = within(within(table).getAllByRole('row')[1]).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toContain('—');
    expect(within(table).getAllByRole('row')[1].textContent).not.toContain('new');
    expect(screen.getAllByTitle(/No whole day of this month yet \(UTC\)/).length).toBeGreaterThan(0);
  });
});
