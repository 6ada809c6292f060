import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ALL_ACCOUNTS } from '../shared/constants';
import { App } from './App';
import { DEFAULT_GROUP_BY, DEFAULT_RANGE } from './dashboard/Dashboard';
import { prefetchDashboard } from './hooks/prefetch';
import { applyTheme, systemTheme } from './theme';
import './styles.css';

// Before the first paint, so a dark system never flashes light.
applyTheme(systemTheme());

// The dashboard's data is on its way while React starts.
const hash = window.location.hash.replace(/^#/, '') || '/';
if (!hash.startsWith('/settings') && window.spendwatch) {
  const account = new URLSearchParams(hash.split('?')[1] ?? '').get('account');
  prefetchDashboard({ accountId: account ?? ALL_ACCOUNTS, range: DEFAULT_RANGE, groupBy: DEFAULT_GROUP_BY });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
