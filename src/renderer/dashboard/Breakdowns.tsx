/**
 * Top projects and line items this month: amount, share of the month, and change against the same days of
 * last month. The top rows, then "Other (k projects)" for the rest of the real spend, then "Credits" (every row
 * with a negative amount, never netted into Other), so the table always adds up to the month; "Show all" lists
 * every row. Swatches take the view's colours, the same as the charts'.
 */
import { memo, useId, useState } from 'react';
import { addMonths, firstDayOfMonth, monthOf } from '../../shared/dates';
import type { AccountSummary, ComparedAmount, DashboardView } from '../../shared/domain';
import { settingsHref } from '../lib/ui/links';
import { SimpleTable, type TableRow } from '../lib/ui/SimpleTable';
import { changeText, exactTitle, money, sharePercent, shareText } from '../lib/format';
import { groupNoun as nounFor, type GroupNoun } from '../lib/provider-words';
import { assignColours, type ColourMap } from './charts/palette';
import { CREDITS_SERIES, OTHER_SERIES } from '../../shared/dimensions';
import { RowBudgetControl } from '../budgets/ProjectBudgetCard';

// Kept where BillingHistory imports it from; the rule itself lives in format.ts.
export { changeText } from '../lib/format';

/** @internal Exported for tests. */
export const TOP = 10;

interface FoldedPart {
  count: number;
  micros: number;
  comparedMicros: number;
  previousMicros: number;
}

/** @internal Exported for tests. */
export interface FoldedRows {
  rows: ComparedAmount[];
  /**
   * The rest of the spend, folded: its amount is the month's total minus the rows shown and the credits, so the
   * table sums to the month.
   */
  other: FoldedPart | null;
  /** Every row with a negative amount (credit grants, refunds), with their names. */
  credits: (FoldedPart & { names: string[] }) | null;
}

const sumOf = (rows: ComparedAmount[], part: (r: ComparedAmount) => number) =>
  rows.reduce((sum, r) => sum + part(r), 0);

/**
 * The top `top` rows with spend, and the rest folded into one. One more row than `top` is shown as itself
 * rather than as "Other (1 …)". `monthTotal` is the month's own figure (exact sum, rounded once), so top rows
 * plus Other equal it to the micro-dollar, as shown in the KPI.
 * @internal
 */
export function foldRows(all: ComparedAmount[], monthTotal: number, top = TOP): FoldedRows {
  const creditRows = all.filter((r) => r.micros < 0);
  const credits = creditRows.length
    ? {
        count: creditRows.length,
        names: creditRows.map((r) => r.name),
        micros: sumOf(creditRows, (r) => r.micros),
        comparedMicros: sumOf(creditRows, (r) => r.comparedMicros ?? r.micros),
        previousMicros: sumOf(creditRows, (r) => r.previousMicros),
      }
    : null;
  const withSpend = all.filter((r) => r.micros > 0);
  if (withSpend.length <= top + 1) return { rows: withSpend, other: null, credits };
  const rows = withSpend.slice(0, top);
  const rest = withSpend.slice(top);
  return {
    rows,
    other: {
      count: rest.length,
      micros: monthTotal - sumOf(rows, (r) => r.micros) - (credits?.micros ?? 0),
      comparedMicros: sumOf(rest, (r) => r.comparedMicros ?? r.micros),
      previousMicros: sumOf(rest, (r) => r.previousMicros),
    },
    credits,
  };
}

export const Breakdowns = memo(function Breakdowns({
  monthBreakdown,
  currency,
  monthTotal,
  today,
  dataSince,
  pending = false,
  groupNoun = nounFor([]),
  projectBudgets = {},
  budgetAccount,
  colours,
}: {
  monthBreakdown: DashboardView['monthBreakdown'];
  currency: string;
  monthTotal: number;
  today: string;
  dataSince?: string | null;
  /** No sync has completed yet: there is nothing to list, not "no spend". */
  pending?: boolean;
  /** "project", "workspace" (Anthropic) or "project/workspace" for a mix. */
  groupNoun?: GroupNoun;
  /** One account's project budgets (id → micros): each budgeted row shows its progress. */
  projectBudgets?: Record<string, number>;
  /** The one real account shown: its project rows get a budget button and card (set, change, remove). */
  budgetAccount?: AccountSummary;
  /** The view's colours (view-colours.ts), so a row's swatch is its series' colour in the charts. */
  colours?: { project: ColourMap; lineItem: ColourMap };
}) {
  // A change is against the same days of last month: only meaningful when the history covers all of them.
  const comparable =
    dataSince === undefined || (dataSince !== null && dataSince <= firstDayOfMonth(addMonths(monthOf(today), -1)));
  const comparedDays = monthBreakdown.comparedDays;
  return (
    <div className="two-columns">
      <BreakdownTable
        title={`Top ${groupNoun.plural} this month`}
        noun={[groupNoun.singular, groupNoun.plural]}
        budgets={budgetAccount?.budget?.projects ?? projectBudgets}
        budgetAccount={budgetAccount}
        rows={monthBreakdown.projects}
        colours={colours?.project}
        currency={currency}
        monthTotal={monthTotal}
        comparable={comparable}
        comparedDays={comparedDays}
        pending={pending}
      />
      <BreakdownTable
        title="Top line items this month"
        noun={['line item', 'line items']}
        rows={monthBreakdown.lineItems}
        colours={colours?.lineItem}
        currency={currency}
        monthTotal={monthTotal}
        comparable={comparable}
        comparedDays={comparedDays}
        pending={pending}
      />
    </div>
  );
});

function BreakdownTable(props: {
  budgets?: Record<string, number>;
  budgetAccount?: AccountSummary;
  title: string;
  noun: [string, string];
  rows: ComparedAmount[];
  colours?: ColourMap;
  currency: string;
  monthTotal: number;
  comparable: boolean;
  comparedDays?: number;
  pending: boolean;
}) {
  const { title, noun, currency, monthTotal, comparable, comparedDays } = props;
  // On the 1st (UTC) no whole day of the month exists yet: a few hours are never set against a whole day.
  const noWholeDay = comparedDays === 0;
  const [showAll, setShowAll] = useState(false);
  const id = useId();
  const folded = foldRows(props.rows, monthTotal);
  const colours = props.colours ?? assignColours(props.rows);
  const shown = showAll ? props.rows.filter((r) => r.micros !== 0) : folded.rows;
  const nothing = shown.length === 0 && !folded.credits;
  // A Budget column when budgets can be set here, or when some row has one to show.
  const budgetColumn = props.budgetAccount !== undefined || Object.keys(props.budgets ?? {}).length > 0;
  const row = (
    key: string,
    name: string,
    colour: string,
    micros: number,
    comparedMicros: number,
    previousMicros: number,
    title = name,
  ): TableRow => ({
    key,
    cells: [
      <span key="name" className="name-with-swatch">
        <span className="swatch" style={{ background: colour }} aria-hidden="true" />
        <span className="name-cell" title={title}>
          {name}
        </span>
      </span>,
      <span key="amount" title={exactTitle(micros, currency)}>
        {money(micros, currency)}
      </span>,
      // A credit is money back, not a share of the spend.
      micros < 0 ? (
        '—'
      ) : (
        <span key="share" className="share">
          <span className="share-bar" aria-hidden="true">
            <span style={{ width: `${sharePercent(micros, monthTotal)}%` }} />
          </span>{' '}
          {shareText(micros, monthTotal)}
        </span>
      ),
      noWholeDay ? '—' : changeText(comparedMicros, previousMicros, comparable),
      // Its own column, not in the row header: a screen reader announces each cell with the name alone.
      ...(budgetColumn
        ? [
            props.budgetAccount && key !== OTHER_SERIES && key !== CREDITS_SERIES ? (
              <RowBudgetControl
                key="budget"
                account={props.budgetAccount}
                projectId={key}
                name={name}
                noun={noun[0]}
                spentMicros={micros}
                currency={currency}
              />
            ) : props.budgets?.[key] !== undefined ? (
              <RowBudget
                key="budget"
                name={name}
                noun={noun[0]}
                spent={micros}
                budget={props.budgets[key]}
                currency={currency}
              />
            ) : (
              ''
            ),
          ]
        : []),
    ],
    cellClass: [
      undefined,
      undefined,
      !noWholeDay && comparable && previousMicros !== 0 ? (comparedMicros > previousMicros ? 'up' : 'down') : undefined,
    ],
  });
  const rows = shown.map((r) =>
    row(r.key, r.name, colours.of(r.key), r.micros, r.comparedMicros ?? r.micros, r.previousMicros),
  );
  if (!showAll && folded.other)
    rows.push(
      row(
        OTHER_SERIES,
        `Other (${folded.other.count} ${folded.other.count === 1 ? noun[0] : noun[1]})`,
        colours.of(OTHER_SERIES),
        folded.other.micros,
        folded.other.comparedMicros,
        folded.other.previousMicros,
      ),
    );
  if (!showAll && folded.credits)
    rows.push(
      row(
        CREDITS_SERIES,
        folded.credits.count === 1 ? 'Credits' : `Credits (${folded.credits.count} ${noun[1]})`,
        colours.of(CREDITS_SERIES),
        folded.credits.micros,
        folded.credits.comparedMicros,
        folded.credits.previousMicros,
        `Credits: ${folded.credits.names.join(', ')}`,
      ),
    );
  const changeTitle = noWholeDay
    ? 'No whole day of this month yet (UTC): the change against last month shows from tomorrow'
    : !comparable
      ? 'Last month is not fully in the history yet, so there is nothing to compare with'
      : comparedDays !== undefined
        ? `This month's ${comparedDays} whole UTC day${comparedDays === 1 ? '' : 's'} against the same days of last month (today is left out until it is complete)`
        : 'Against the same days of last month';
  return (
    <section className="panel breakdown-panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {folded.other && (
          <button
            type="button"
            className="link-button toolbar"
            aria-expanded={showAll}
            onClick={() => setShowAll((v) => !v)}
          >
            {showAll
              ? `Show top ${TOP}`
              : `Show all ${folded.rows.length + folded.other.count + (folded.credits?.count ?? 0)} ${noun[1]}`}
          </button>
        )}
      </div>
      {nothing ? (
        <p className="empty">{props.pending ? 'Not synced yet.' : 'No spend this month yet.'}</p>
      ) : (
        // Never wider than its panel: on a narrow panel the table scrolls sideways (a focusable, named region).
        <div className="table-scroll-x" tabIndex={0} role="region" aria-label={`${title}, table`}>
          <SimpleTable
            className={budgetColumn ? 'breakdown with-budget' : 'breakdown'}
            caption={title}
            head={[
              'Name',
              'Amount',
              'Share',
              <span key="change" title={changeTitle}>
                vs last month
              </span>,
              ...(budgetColumn ? ['Budget'] : []),
            ]}
            rows={rows}
            foot={{
              key: 'total',
              cells: [
                'Total this month',
                <span key="t" title={exactTitle(monthTotal, currency)}>
                  {money(monthTotal, currency)}
                </span>,
                '',
                '',
                ...(budgetColumn ? [''] : []),
              ],
            }}
          />
        </div>
      )}
    </section>
  );
}

/** A project's own budget on its row: how much is used, with a link to change it in Settings. */
function RowBudget({
  name,
  noun,
  spent,
  budget,
  currency,
}: {
  name: string;
  noun: string;
  spent: number;
  budget: number;
  currency: string;
}) {
  const used = Math.round((spent * 100) / budget);
  return (
    <span className="row-budget">
      <meter
        min={0}
        max={100}
        low={80}
        high={99}
        optimum={0}
        value={Math.min(100, used)}
        aria-label={`${name}: ${used}% of its ${noun} budget`}
      />{' '}
      <a
        href={settingsHref('budgets')}
        className={used >= 100 ? 'status-problem' : undefined}
        title={`Budget ${money(budget, currency)} a month: change it in Settings › Budgets & alerts`}
      >
        {used}% of {money(budget, currency)}
      </a>
    </span>
  );
}
