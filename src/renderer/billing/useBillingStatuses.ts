/** Each month's reconciliation status for Billing history; reloads when main says something changed. */
import { useEffect, useState } from 'react';
import type { BillingMonthStatus } from '../../shared/billing';
import { call, subscribe } from '../lib/bridge';

const NONE: BillingMonthStatus[] = [];

export function useBillingStatuses(accountId: string, enabled: boolean): BillingMonthStatus[] {
  const [loaded, setLoaded] = useState<{ key: string; statuses: BillingMonthStatus[] }>({ key: '', statuses: NONE });
  const [version, setVersion] = useState(0);
  const key = `${accountId}|${version}`;
  useEffect(() => subscribe('snapshotChanged', () => setVersion((v) => v + 1)), []);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    call('getBillingStatuses', { accountId }).then(
      (statuses) => !cancelled && setLoaded({ key, statuses }),
      () => !cancelled && setLoaded({ key, statuses: NONE }),
    );
    return () => {
      cancelled = true;
    };
  }, [accountId, enabled, key]);
  // The previous account's statuses are never shown against another account's months.
  if (!enabled || !loaded.key.startsWith(`${accountId}|`)) return NONE;
  return loaded.statuses;
}
