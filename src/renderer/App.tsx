import { lazy, Suspense } from 'react';
import { Dashboard } from './dashboard/Dashboard';
import { useHashRoute } from './hooks/useHashRoute';

// Settings are not needed for the dashboard's first paint.
const SettingsPage = lazy(() => import('./settings/SettingsPage'));

export function App() {
  const route = useHashRoute();
  if (route.path.startsWith('/settings')) {
    return (
      <Suspense fallback={<div className="skeleton" aria-label="Loading" />}>
        <SettingsPage />
      </Suspense>
    );
  }
  return <Dashboard key={route.params.get('account') ?? 'all'} initialAccountId={route.params.get('account') ?? undefined} />;
}
