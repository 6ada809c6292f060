/** Each month's reconciliation status for Billing history, from the query cache (refetched when main says so). */
import { useQuery } from '@tanstack/react-query';
import type { BillingMonthStatus } from '../../shared/billing';
import { billingStatusesQuery } from '../lib/queries';

const NONE: BillingMonthStatus[] = [];

export function useBillingStatuses(accountId: string, enabled: boolean): BillingMonthStatus[] {
  const { data, isError } = useQuery({ ...billingStatusesQuery(accountId), enabled });
  // The previous account's statuses are never shown against another account's months (its own key), nor any
  // once asking failed.
  if (!enabled || isError) return NONE;
  return data ?? NONE;
}
