/** The alert centre's data: loaded once, then refreshed when main raises an alert or the snapshot changes. */
import { useCallback, useEffect, useState } from 'react';
import type { Alert } from '../../shared/domain';
import { call, subscribe } from '../lib/bridge';

export function useAlerts(): { alerts: Alert[]; unread: number; markAllRead: () => void } {
  const [state, setState] = useState<{ alerts: Alert[]; unread: number }>({ alerts: [], unread: 0 });
  const load = useCallback(() => {
    call('listAlerts', {}).then(setState, () => undefined);
  }, []);
  useEffect(() => {
    load();
    const offAlert = subscribe('alertRaised', load);
    const offSnapshot = subscribe('snapshotChanged', load);
    return () => {
      offAlert();
      offSnapshot();
    };
  }, [load]);
  const markAllRead = useCallback(() => {
    call('markAlertsRead', { ids: 'all' }).then(load, () => undefined);
  }, [load]);
  return { ...state, markAllRead };
}
