/** The alert centre's data, from the query cache: refetched when main raises an alert or the snapshot changes. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Alert } from '../../shared/domain';
import { call } from '../lib/bridge';
import { alertsQuery } from '../lib/queries';

const NONE: { alerts: Alert[]; unread: number } = { alerts: [], unread: 0 };

export function useAlerts(): { alerts: Alert[]; unread: number; markAllRead: () => void } {
  const client = useQueryClient();
  const { data = NONE } = useQuery(alertsQuery);
  const markAllRead = useCallback(() => {
    call('markAlertsRead', { ids: 'all' }).then(
      () => client.invalidateQueries({ queryKey: alertsQuery.queryKey }),
      () => undefined,
    );
  }, [client]);
  return { ...data, markAllRead };
}
