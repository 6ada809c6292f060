// First: the dashboard's data is on its way before React and the app are even evaluated.
import './start-prefetch';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme, systemTheme } from './lib/theme';
import './styles.css';

// Before the first paint, so a dark system never flashes light.
applyTheme(systemTheme());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
