/** The dashboard: how much, on what, and where this month is heading. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { ALL_ACCOUNTS } from '../../shared/constants';
import type { DashboardRange, DashboardView, GroupBy } from '../../shared/domain';
import { call } from '../bridge';
import { ExternalLink, SettingsLink } from '../components/links';
import { useDashboard } from '../hooks/useDashboard';
import { BillingHistory } from './BillingHistory';
import { Breakdowns } from './Breakdowns';
import { groupNoun, shownProviders } from '../provider-words';
import { DashboardHeader } from './DashboardHeader';
import { KpiCards } from './KpiCards';
import { StatusBanner } from './StatusBanner';
import { awaitingFirstSync } from './sync-state';
import { DEFAULT_GROUP_BY, DEFAULT_RANGE } from './defaults';

// recharts is the heaviest dependency: it loads after the figures are on screen.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

/**
 * True once the first figures have been painted. The charts' chunk (recharts, ~115 KB gzip) is only asked
 * for then: fetched earlier, its evaluation lands on the main thread in front of the figures' paint.
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

export { DEFAULT_GROUP_BY, DEFAULT_RANGE } from './defaults';

/** First run: the demo says what it is, and how to see your own organisation instead. */
function ConnectCallToAction() {
  return (
    <section className="banner banner-cta" aria-labelledby="connect-title">
      <div>
        <h2 id="connect-title">These are demo figures</h2>
        <p>Connect your OpenAI organization with an admin key to see your own spend. The demo disappears as soon as your first account is added.</p>
      </div>
      <SettingsLink section="accounts" className="button-link button-primary">
        Connect your OpenAI organization
      </SettingsLink>
    </section>
  );
}

/** The accounts the view covers: all of them, or the one selected. */
const shownAccounts = (view: DashboardView, accountId: string) => (accountId === ALL_ACCOUNTS ? view.accounts : view.accounts.filter((a) => a.id === accountId));

/** The account whose budgets the dashboard edits: the selected one, or the only one there is; never the demo. */
function editedAccount(view: DashboardView, accountId: string) {
  const account = view.accounts.length === 1 ? view.accounts[0] : view.accounts.find((a) => a.id === accountId);
  return account && !account.isDemo ? account : undefined;
}

const ChartsPlaceholder = () => <div className="panel skeleton chart-placeholder" aria-label="Loading charts" />;

export function Dashboard({ initialAccountId }: { initialAccountId?: string }) {
  const [accountId, setAccountId] = useState(initialAccountId ?? ALL_ACCOUNTS);
  const [range, setRange] = useState<DashboardRange>(DEFAULT_RANGE);
  const [groupBy, setGroupBy] = useState<GroupBy>(DEFAULT_GROUP_BY);
  const { view, error, loading, progress, reload } = useDashboard({ accountId, range, groupBy });
  const [syncing, setSyncing] = useState(false);
  const chartsWanted = usePaintedOnce(view !== null);

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
      <DashboardHeader view={view} accountId={accountId} onAccountChange={setAccountId} onSync={view?.isDemo ? undefined : syncNow} syncing={syncing} />
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
            <KpiCards view={view} accountId={accountId} />
            {chartsWanted ? (
              <Suspense fallback={<ChartsPlaceholder />}>
                <DashboardCharts view={view} range={range} groupBy={groupBy} onRange={setRange} onGroupBy={setGroupBy} />
              </Suspense>
            ) : (
              <ChartsPlaceholder />
            )}
            <Breakdowns monthBreakdown={view.monthBreakdown} currency={view.currency} monthTotal={view.kpis.monthToDateMicros} today={view.today} dataSince={view.dataSince} pending={awaitingFirstSync(view, accountId)} groupNoun={groupNoun(view.accounts, accountId)} projectBudgets={editedAccount(view, accountId)?.budget?.projects} budgetAccount={editedAccount(view, accountId)} />
            <BillingHistory monthly={view.monthly} monthBreakdown={view.monthBreakdown} today={view.today} currency={view.currency} isDemo={view.isDemo} accountId={accountId} dataSince={view.dataSince} groupNoun={groupNoun(view.accounts, accountId)} providers={shownProviders(view.accounts, accountId)} accountsSince={shownAccounts(view, accountId).map((a) => ({ name: a.name, dataSince: a.dataSince }))} />
            <p className="footer-link">
              {shownProviders(view.accounts, accountId).map((provider) => (
                <ExternalLink key={provider.name} href={provider.links.usage}>
                  Open {provider.name} usage page
                </ExternalLink>
              ))}
            </p>
          </>
        )}
      </main>
    </div>
  );
}
