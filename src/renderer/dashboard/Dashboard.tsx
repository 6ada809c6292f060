/** The dashboard: how much, on what, and where this month is heading. */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ALL_ACCOUNTS } from '../../shared/constants';
import type { DashboardRange, GroupBy } from '../../shared/domain';
import { call } from '../lib/bridge';
import { ExternalLink, SettingsLink } from '../lib/ui/links';
import { useDashboard } from '../lib/hooks/useDashboard';
import { BillingHistory } from '../billing/BillingHistory';
import { Breakdowns } from './Breakdowns';
import { InsightsPanel } from './InsightsPanel';
import type { ChartFilter } from './charts/ChartFilter';
import { groupNoun, shownProviders } from '../lib/provider-words';
import { DashboardHeader } from './DashboardHeader';
import { KpiCards } from './KpiCards';
import { BalanceLine } from './BalanceLine';
import { StaleData } from './StaleData';
import { StatusBanner } from './StatusBanner';
import { awaitingFirstSync } from './sync-state';
import { DEFAULT_GROUP_BY, DEFAULT_RANGE } from './defaults';
import { viewColours } from './view-colours';

// recharts is the heaviest dependency: it loads after the figures are on screen.
const DashboardCharts = lazy(() => import('./charts/DashboardCharts'));

/**
 * True once the first figures (header, banners, KPI cards) have been painted. What is below them waits for
 * that, one frame: the charts' chunk (recharts, ~115 KB gzip), whose evaluation would otherwise land on the main
 * thread in front of the figures' paint, and the breakdown tables and billing history (about 400 elements),
 * which start below the fold behind the charts' stand-ins. The figures thus paint from the one dashboard call
 * with a fraction of the page's work.
 */
function usePaintedOnce(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    // A frame, then a task: the earliest point after the browser has put the figures on screen.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}

/** First run: the demo says what it is, and how to see your own organisation instead. */
function ConnectCallToAction() {
  return (
    <section className="banner banner-cta" aria-labelledby="connect-title">
      <div>
        <h2 id="connect-title">These are demo figures</h2>
        <p>
          Connect your OpenAI organization with an admin key to see your own spend. The demo disappears as soon as your
          first account is added.
        </p>
      </div>
      <SettingsLink section="accounts" className="button-link button-primary">
        Connect your OpenAI organization
      </SettingsLink>
    </section>
  );
}

/**
 * Stand-ins as tall as what replaces them (the daily chart; the month and usage charts side by side), so the
 * sections below do not jump when the charts arrive, and they start below the fold.
 */
const ChartsPlaceholder = () => (
  <>
    <div className="panel skeleton chart-placeholder" aria-hidden="true" />
    <div className="two-columns" aria-hidden="true">
      <div className="panel skeleton chart-placeholder-half" />
      <div className="panel skeleton chart-placeholder-half" />
    </div>
  </>
);

export function Dashboard({ initialAccountId }: { initialAccountId?: string }) {
  const [accountId, setAccountId] = useState(initialAccountId ?? ALL_ACCOUNTS);
  const [range, setRange] = useState<DashboardRange>(DEFAULT_RANGE);
  const [groupBy, setGroupBy] = useState<GroupBy>(DEFAULT_GROUP_BY);
  // The charts' filter, as OpenAI's usage page has: one project, one API key (empty: all).
  const [filter, setFilter] = useState<ChartFilter>({});
  const { view, error, loading, progress, reload } = useDashboard({ accountId, range, groupBy, ...filter });
  const [syncing, setSyncing] = useState(false);
  const painted = usePaintedOnce(view !== null);
  // For the UI benchmark (npm run bench:ui): when the sections below the figures were rendered too.
  useEffect(() => {
    if (painted && performance.getEntriesByName('spendwatch:dashboard-sections').length === 0)
      performance.mark('spendwatch:dashboard-sections');
  }, [painted]);
  // Derived once per accounts list: the memoised sections (breakdowns, billing history) then skip re-rendering
  // when only the chart's range or grouping changed.
  const accounts = view?.accounts;
  const shown = useMemo(() => {
    if (!accounts) return null;
    const covered = accountId === ALL_ACCOUNTS ? accounts : accounts.filter((a) => a.id === accountId);
    const edited = accounts.length === 1 ? accounts[0] : accounts.find((a) => a.id === accountId);
    return {
      noun: groupNoun(accounts, accountId),
      providers: shownProviders(accounts, accountId),
      accountsSince: covered.map((a) => ({ name: a.name, dataSince: a.dataSince })),
      // The account whose budgets the dashboard edits: the selected one, or the only one there is; never the demo.
      budgetAccount: edited && !edited.isDemo ? edited : undefined,
    };
  }, [accounts, accountId]);

  // One colour map per view, read by the charts and the breakdown tables alike (view-colours.ts). Structural
  // sharing keeps each part's reference while its data is unchanged, so the tables keep their memo.
  const colours = useMemo(
    () => (view ? viewColours(view) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      view?.byProject,
      view?.byLineItem,
      view?.byModel,
      view?.byGroup,
      view?.monthBreakdown,
      view?.usage,
      view?.query.groupBy,
    ],
  );

  const syncNow = async () => {
    setSyncing(true);
    try {
      await call('syncNow', {});
    } finally {
      setSyncing(false);
      reload();
    }
  };

  return (
    <div className="app">
      <DashboardHeader
        view={view}
        accountId={accountId}
        onAccountChange={(id) => {
          setAccountId(id);
          setFilter({});
        }}
        onSync={view?.isDemo ? undefined : syncNow}
        syncing={syncing}
      />
      <main className="content" aria-busy={loading}>
        {error && (
          <div role="alert" className="banner banner-error">
            Could not load the dashboard: {error}{' '}
            <button type="button" onClick={reload}>
              Retry
            </button>
          </div>
        )}
        {view?.isDemo && <ConnectCallToAction />}
        {view && <StatusBanner view={view} accountId={accountId} progress={progress} onRetry={syncNow} />}
        {!view && !error && (
          <>
            <div className="kpis" aria-hidden="true">
              {[0, 1, 2, 3].map((i) => (
                <div key={i} className="kpi skeleton skeleton-kpi" />
              ))}
            </div>
            <div className="skeleton" aria-label="Loading" />
          </>
        )}
        {view && (
          <>
            <StaleData view={view} accountId={accountId} />
            <KpiCards view={view} accountId={accountId} />
            <BalanceLine accountId={accountId} isDemo={view.isDemo} />
            {painted ? (
              <Suspense fallback={<ChartsPlaceholder />}>
                <DashboardCharts
                  view={view}
                  range={range}
                  groupBy={groupBy}
                  onRange={setRange}
                  onGroupBy={setGroupBy}
                  filter={filter}
                  onFilter={setFilter}
                  colours={colours!}
                />
              </Suspense>
            ) : (
              <ChartsPlaceholder />
            )}
            {painted ? (
              <Breakdowns
                monthBreakdown={view.monthBreakdown}
                currency={view.currency}
                monthTotal={view.kpis.monthToDateMicros}
                today={view.today}
                dataSince={view.dataSince}
                pending={awaitingFirstSync(view, accountId)}
                groupNoun={shown?.noun}
                projectBudgets={shown?.budgetAccount?.budget?.projects}
                budgetAccount={shown?.budgetAccount}
                colours={colours ?? undefined}
              />
            ) : (
              <div className="two-columns" aria-hidden="true">
                <div className="panel skeleton breakdown-placeholder" />
                <div className="panel skeleton breakdown-placeholder" />
              </div>
            )}
            {painted && view.insights && !awaitingFirstSync(view, accountId) ? (
              <InsightsPanel insights={view.insights} currency={view.currency} />
            ) : null}
            {painted ? (
              <BillingHistory
                monthly={view.monthly}
                monthBreakdown={view.monthBreakdown}
                today={view.today}
                currency={view.currency}
                isDemo={view.isDemo}
                accountId={accountId}
                dataSince={view.dataSince}
                groupNoun={shown?.noun}
                providers={shown?.providers}
                accountsSince={shown?.accountsSince}
              />
            ) : (
              <div className="panel skeleton history-placeholder" aria-hidden="true" />
            )}
            {/* One link per provider shown, as a list: two links never run together into one line of text. */}
            <ul className="footer-links" aria-label="Provider consoles">
              {shown?.providers.map((provider) => (
                <li key={provider.name}>
                  <ExternalLink href={provider.links.usage}>Open {provider.name} usage page</ExternalLink>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </div>
  );
}
