/** The dashboard: how much, on what, and where this month is heading. */
import { useState } from 'react';
import { ALL_ACCOUNTS } from '../../shared/constants';
import type { DashboardRange, GroupBy } from '../../shared/domain';
import { OPENAI_USAGE_URL } from '../../shared/links';
import { call } from '../bridge';
import { useDashboard } from '../hooks/useDashboard';
import { DashboardHeader } from './DashboardHeader';
import { DailySpendChart } from './DailySpendChart';
import { KpiCards } from './KpiCards';
import { StatusBanner } from './StatusBanner';

const RANGES: { value: DashboardRange; label: string }[] = [
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: 'mtd', label: 'Month to date' },
  { value: '3m', label: '3 months' },
  { value: '12m', label: '12 months' },
];

const GROUPS: { value: GroupBy; label: string }[] = [
  { value: 'model', label: 'Model' },
  { value: 'line_item', label: 'Line item' },
  { value: 'project', label: 'Project' },
];

export function Dashboard({ initialAccountId }: { initialAccountId?: string }) {
  const [accountId, setAccountId] = useState(initialAccountId ?? ALL_ACCOUNTS);
  const [range, setRange] = useState<DashboardRange>('30d');
  const [groupBy, setGroupBy] = useState<GroupBy>('model');
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
      <DashboardHeader
        view={view}
        accountId={accountId}
        onAccountChange={setAccountId}
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
        {view && <StatusBanner view={view} accountId={accountId} progress={progress} onRetry={syncNow} />}
        {!view && !error && <div className="skeleton" aria-label="Loading" />}
        {view && (
          <>
            <KpiCards view={view} accountId={accountId} />
            <section className="panel" aria-labelledby="daily-title">
              <div className="panel-head">
                <h2 id="daily-title">Daily spend</h2>
                <span className="muted">UTC days, as OpenAI bills them</span>
                <div className="toolbar">
                  <div role="group" aria-label="Range" className="segmented">
                    {RANGES.map((r) => (
                      <button key={r.value} type="button" aria-pressed={range === r.value} onClick={() => setRange(r.value)}>
                        {r.label}
                      </button>
                    ))}
                  </div>
                  <label className="inline-select">
                    Stack by{' '}
                    <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
                      {GROUPS.map((g) => (
                        <option key={g.value} value={g.value}>
                          {g.label}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              </div>
              <DailySpendChart daily={view.daily} currency={view.currency} />
            </section>
            <p className="footer-link">
              <a
                href={OPENAI_USAGE_URL}
                onClick={(e) => {
                  e.preventDefault();
                  void call('openExternal', { url: OPENAI_USAGE_URL });
                }}
              >
                Open OpenAI usage page
              </a>
            </p>
          </>
        )}
      </main>
    </div>
  );
}
