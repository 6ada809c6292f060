/**
 * Imported first by main.tsx, so this runs before React and the app's modules are evaluated: the first
 * dashboard request is on its way to main while the rest of the renderer starts (about 100 ms on a slow
 * machine), instead of after it. Only small modules may be imported here.
 */
import { ALL_ACCOUNTS } from '../shared/constants';
import { DEFAULT_GROUP_BY, DEFAULT_RANGE } from './dashboard/defaults';
import { prefetchDashboard } from './lib/hooks/prefetch';

const hash = window.location.hash.replace(/^#/, '') || '/';
if (!hash.startsWith('/settings') && window.spendwatch) {
  const account = new URLSearchParams(hash.split('?')[1] ?? '').get('account');
  prefetchDashboard({ accountId: account ?? ALL_ACCOUNTS, range: DEFAULT_RANGE, groupBy: DEFAULT_GROUP_BY });
}
