import { Dashboard } from './dashboard/Dashboard';
import { useHashRoute } from './hooks/useHashRoute';
import { SettingsPage } from './settings/SettingsPage';

export function App() {
  const route = useHashRoute();
  if (route.path.startsWith('/settings')) return <SettingsPage />;
  return <Dashboard initialAccountId={route.params.get('account') ?? undefined} />;
}
