/** Gives the tree its window's query cache, kept current by the one listener for main's events. */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { listenForChanges } from './query-client';

export function DataProvider({ client, children }: { client: QueryClient; children: ReactNode }) {
  useEffect(() => listenForChanges(client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
