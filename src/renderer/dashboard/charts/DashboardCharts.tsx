/**
 * Everything that needs recharts, in one lazily loaded chunk, so the first paint (figures and banners)
 * does not wait for the charting library.
 */
import { useDeferredValue, useMemo } from 'react';
import type { DashboardRange, DashboardView, GroupBy } from '../../../shared/domain';
import { ALL_ACCOUNTS } from '../../../shared/domain';
import { DIMENSION_IDS, DIMENSIONS, isEstimated } from '../../../shared/dimensions';
import { DailySpendChart } from './DailySpendChart';
import { ChartFilterControls, type ChartFilter } from './ChartFilter';
import { capitalised, groupNoun } from '../../lib/provider-words';
import { awaitingFirstSync } from '../sync-state';
import { MonthProgressChart } from './MonthProgressChart';
import { UsageChart } from './UsageChart';
import type { ViewColours } from '../view-colours';

const RANGES: { value: DashboardRange; label: string }[] = [
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: 'mtd', label: 'Month to date' },
  { value: '3m', label: '3 months' },
  { value: '12m', label: '12 months' },
];

/** The range's full breakdown for the grouping the chart stacks by: what "Other" folds and "Show all" lists. */
const allBy = (view: DashboardView): DashboardView['byModel'] =>
  view.byGroup ??
  (view.query.groupBy === 'project'
    ? view.byProject
    : view.query.groupBy === 'line_item'
      ? view.byLineItem
      : view.byModel);

export default function DashboardCharts(props: {
  view: DashboardView;
  range: DashboardRange;
  groupBy: GroupBy;
  onRange: (range: DashboardRange) => void;
  onGroupBy: (groupBy: GroupBy) => void;
  filter: ChartFilter;
  onFilter: (filter: ChartFilter) => void;
  /** The view's colours (view-colours.ts), the same the breakdown tables use. */
  colours: ViewColours;
}) {
  const { view } = props;
  // One object per accounts list, so the memoised chart is not redrawn with its old data when only a button's
  // state changed (a range click re-renders this at once, before the new data arrives).
  const noun = useMemo(() => groupNoun(view.accounts, view.query.accountId), [view.accounts, view.query.accountId]);
  // The chart the range buttons belong to is redrawn first; the usage chart below follows in a render of its
  // own that React may interrupt (a year of usage is as much work as the spend chart itself).
  const usage = useDeferredValue(view.usage);
  const providersShown = useMemo(
    () =>
      view.accounts
        .filter((a) => view.query.accountId === ALL_ACCOUNTS || a.id === view.query.accountId)
        .map((a) => a.provider),
    [view.accounts, view.query.accountId],
  );
  if (awaitingFirstSync(view, view.query.accountId)) {
    return (
      <section className="panel" aria-labelledby="daily-title">
        <h2 id="daily-title">Daily spend</h2>
        <p className="empty">Not synced yet: the charts appear after the first sync.</p>
      </section>
    );
  }
  return (
    <>
      <section className="panel" aria-labelledby="daily-title">
        <div className="panel-head">
          <h2 id="daily-title">{view.daily.bucket === 'month' ? 'Monthly spend' : 'Daily spend'}</h2>
          <span className="muted">
            {view.daily.bucket === 'month' ? 'UTC calendar months, this one to date' : 'UTC days, as OpenAI bills them'}
          </span>
          <div className="toolbar">
            <div role="group" aria-label="Range" className="segmented">
              {RANGES.map((r) => (
                <button
                  key={r.value}
                  type="button"
                  aria-pressed={props.range === r.value}
                  onClick={() => props.onRange(r.value)}
                >
                  {r.label}
                </button>
              ))}
            </div>
            <label className="inline-select">
              Stack by{' '}
              <select value={props.groupBy} onChange={(e) => props.onGroupBy(e.target.value as GroupBy)}>
                {DIMENSION_IDS.map((id) => (
                  <option key={id} value={id}>
                    {id === 'project' ? capitalised(noun.singular) : DIMENSIONS[id].label}
                    {isEstimated(id, providersShown) ? ' (estimated)' : ''}
                  </option>
                ))}
              </select>
            </label>
            {view.filterOptions ? (
              <ChartFilterControls
                options={view.filterOptions}
                filter={props.filter}
                onFilter={props.onFilter}
                noun={noun}
              />
            ) : null}
          </div>
        </div>
        {props.filter.projectId || props.filter.apiKeyId ? (
          <p className="muted small">
            Filtered: these charts show only the chosen {props.filter.projectId ? noun.singular : ''}
            {props.filter.projectId && props.filter.apiKeyId ? ' and ' : ''}
            {props.filter.apiKeyId ? 'API key' : ''}; the figures above are the whole account&apos;s.
          </p>
        ) : null}
        <DailySpendChart
          daily={view.daily}
          currency={view.currency}
          groupBy={view.query.groupBy}
          all={allBy(view)}
          groupNoun={noun}
          colours={props.colours.group}
        />
        {view.groupBasis === 'estimated' ? (
          <p className="muted small">
            Estimated: usage by {DIMENSIONS[view.query.groupBy].nouns[0]} × the same day&apos;s unit prices of the
            billed line items. What usage does not explain is shown as &ldquo;
            {DIMENSIONS[view.query.groupBy].unattributed}&rdquo;, so the bars still add up to the bill.
          </p>
        ) : null}
      </section>
      <div className="two-columns">
        <section className="panel" aria-labelledby="month-title">
          <div className="panel-head">
            <h2 id="month-title">This month against the budget</h2>
            <span className="muted">cumulative, UTC</span>
          </div>
          <MonthProgressChart progress={view.monthProgress} currency={view.currency} />
        </section>
        <section className="panel" aria-labelledby="usage-title">
          <div className="panel-head">
            <h2 id="usage-title">Usage by model</h2>
            <span className="muted">same range as above</span>
          </div>
          <UsageChart usage={usage} colours={props.colours.model} />
        </section>
      </div>
    </>
  );
}
