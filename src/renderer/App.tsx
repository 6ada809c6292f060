import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { applyTheme } from './lib/theme';
import { Dashboard } from './dashboard/Dashboard';
import { useHashRoute } from './lib/hooks/useHashRoute';
import { preferencesQuery } from './lib/queries';

// Settings are not needed for the dashboard's first paint.
const SettingsPage = lazy(() => import('./settings/SettingsPage'));

/** Applies the theme chosen in Settings › General; "system" follows the OS, live. */
function useThemePreference(): void {
  const preference = useQuery(preferencesQuery).data?.general.theme ?? 'system';
  useEffect(() => {
    const system = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => applyTheme(preference === 'system' ? (system.matches ? 'dark' : 'light') : preference);
    apply();
    system.addEventListener('change', apply);
    return () => system.removeEventListener('change', apply);
  }, [preference]);
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
  return (
    <Dashboard key={route.params.get('account') ?? 'all'} initialAccountId={route.params.get('account') ?? undefined} />
  );
}
