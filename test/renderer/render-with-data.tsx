/** Renders under a window's data layer, as main.tsx does: a fresh query cache per test, kept current by its listener. */
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { DataProvider } from '../../src/renderer/lib/DataProvider';
import { createQueryClient } from '../../src/renderer/lib/query-client';

export function renderWithData(ui: ReactElement, client = createQueryClient()) {
  const wrapper = ({ children }: { children: ReactNode }) => <DataProvider client={client}>{children}</DataProvider>;
  return { client, ...render(ui, { wrapper }) };
}
