// First: the dashboard's data is on its way before React and the app are even evaluated.
import './start-prefetch';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DataProvider } from './lib/DataProvider';
import { createQueryClient } from './lib/query-client';
import { applyTheme, systemTheme } from './lib/theme';
import './styles.css';

// Before the first paint, so a dark system never flashes light.
applyTheme(systemTheme());

// The window's query cache, with the prefetched dashboard request in it.
const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DataProvider client={queryClient}>
      <App />
    </DataProvider>
  </StrictMode>,
);
