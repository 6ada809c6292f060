import { lazy, Suspense, useEffect } from 'react';
import { call, subscribe } from './lib/bridge';
import { applyTheme } from './lib/theme';
import { Dashboard } from './dashboard/Dashboard';
import { useHashRoute } from './lib/hooks/useHashRoute';

// Settings are not needed for the dashboard's first paint.
const SettingsPage = lazy(() => import('./settings/SettingsPage'));

/** Applies the theme chosen in Settings › General; "system" follows the OS, live. */
function useThemePreference(): void {
  useEffect(() => {
    let preference: 'system' | 'light' | 'dark' = 'system';
    const system = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => applyTheme(preference === 'system' ? (system.matches ? 'dark' : 'light') : preference);
    const load = () =>
      call('getPreferences', {}).then(
        ({ general }) => {
          preference = general.theme;
          apply();
        },
        () => undefined,
      );
    void load();
    system.addEventListener('change', apply);
    const off = subscribe('snapshotChanged', () => void load());
    return () => {
      off();
      system.removeEventListener('change', apply);
    };
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
  return (
    <Dashboard key={route.params.get('account') ?? 'all'} initialAccountId={route.params.get('account') ?? undefined} />
  );
}
