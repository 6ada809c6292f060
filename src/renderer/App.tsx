import { lazy, Suspense, useEffect } from 'react';
import { call, subscribe } from './bridge';
import { Dashboard } from './dashboard/Dashboard';
import { useHashRoute } from './hooks/useHashRoute';

// Settings are not needed for the dashboard's first paint.
const SettingsPage = lazy(() => import('./settings/SettingsPage'));

/** Applies the theme chosen in Settings › General ("system" leaves it to the OS). */
function useThemePreference(): void {
  useEffect(() => {
    const apply = () =>
      call('getPreferences', {}).then(
        ({ general }) => {
          if (general.theme === 'system') delete document.documentElement.dataset.theme;
          else document.documentElement.dataset.theme = general.theme;
        },
        () => undefined,
      );
    void apply();
    return subscribe('snapshotChanged', () => void apply());
  }, []);
}

export function App() {
  useThemePreference();
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
