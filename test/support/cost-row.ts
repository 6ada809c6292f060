/** Builds a stored cost row from a micro-dollar figure (tests and benchmarks think in micros). */
import type { CostRow } from '../../src/main/core/history/types';
import { microsToExact } from '../../src/shared/money';

export function costRow(projectId: string | null, lineItem: string | null, micros: number, currency = 'usd'): CostRow {
  return { projectId, lineItem, amount: microsToExact(micros), currency, quantity: null };
}
