/** The dashboard: how much, on what, and where this month is heading. */
import { lazy, Suspense, useState } from 'react';
import { ALL_ACCOUNTS } from '../../shared/constants';
import type { DashboardRange, GroupBy } from '../../shared/domain';
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

// recharts is the heaviest dependency: it loads after the figures are on screen.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

export const DEFAULT_RANGE: DashboardRange = '30d';
export const DEFAULT_GROUP_BY: GroupBy = 'model';

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

export function Dashboard({ initialAccountId }: { initialAccountId?: string }) {
  const [accountId, setAccountId] = useState(initialAccountId ?? ALL_ACCOUNTS);
  const [range, setRange] = useState<DashboardRange>(DEFAULT_RANGE);
  const [groupBy, setGroupBy] = useState<GroupBy>(DEFAULT_GROUP_BY);
  const { view, error, loading, progress, reload } = useDashboard({ accountId, range, groupBy });
  const [syncing, setSyncing] = useState(false);

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
            <Suspense fallback={<div className="panel skeleton chart-placeholder" aria-label="Loading charts" />}>
              <DashboardCharts view={view} range={range} groupBy={groupBy} onRange={setRange} onGroupBy={setGroupBy} />
            </Suspense>
            <Breakdowns monthBreakdown={view.monthBreakdown} currency={view.currency} monthTotal={view.kpis.monthToDateMicros} today={view.today} dataSince={view.dataSince} pending={awaitingFirstSync(view, accountId)} groupNoun={groupNoun(view.accounts, accountId)} projectBudgets={view.accounts.find((a) => a.id === accountId)?.budget?.projects} />
            <BillingHistory monthly={view.monthly} monthBreakdown={view.monthBreakdown} today={view.today} currency={view.currency} isDemo={view.isDemo} accountId={accountId} dataSince={view.dataSince} groupNoun={groupNoun(view.accounts, accountId)} providers={shownProviders(view.accounts, accountId)} />
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
