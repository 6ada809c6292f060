/**
 * "Top movers this week": the projects and API keys whose spend changed most between the last 7 whole UTC days
 * and the 7 before them, largest change first. Today's partial day is left out, never compared with whole days.
 */
import { addDays, type UtcDay } from '../../../shared/dates';
import { UNATTRIBUTED_KEY } from '../../../shared/dimensions';
import { exactToMicros, type ExactAmount, type Micros } from '../../../shared/money';
import { dayValues, nameOf, type HistoryView, type PriceCache } from '../aggregate/dimension-values';

export interface Mover {
  dimension: 'project' | 'api_key';
  key: string;
  name: string;
  micros: Micros;
  previousMicros: Micros;
}

/** A change under a dollar is noise here. */
const MIN_CHANGE = 10n ** 48n;

export function topMovers(views: HistoryView[], today: UtcDay, limit = 5): Mover[] {
  const movers: (Mover & { change: ExactAmount })[] = [];
  for (const dimension of ['project', 'api_key'] as const) {
    const week = new Map<string, ExactAmount>();
    const before = new Map<string, ExactAmount>();
    for (const view of views) {
      const cache: PriceCache = new Map();
      for (let k = 1; k <= 14; k++) {
        const into = k <= 7 ? week : before;
        for (const [key, amount] of dayValues(view, addDays(today, -k), dimension, cache) ?? []) {
          if (key === UNATTRIBUTED_KEY) continue;
          into.set(key, (into.get(key) ?? 0n) + amount);
        }
      }
    }
    for (const key of new Set([...week.keys(), ...before.keys()])) {
      const now = week.get(key) ?? 0n;
      const then = before.get(key) ?? 0n;
      const change = now - then;
      if ((change < 0n ? -change : change) < MIN_CHANGE) continue;
      const name = views.map((v) => nameOf(v, dimension, key)).find((n) => n !== key) ?? key;
      movers.push({
        dimension,
        key,
        name,
        micros: exactToMicros(now),
        previousMicros: exactToMicros(then),
        change: change < 0n ? -change : change,
      });
    }
  }
  return movers
    .sort((a, b) => (a.change === b.change ? a.name.localeCompare(b.name) : a.change > b.change ? -1 : 1))
    .slice(0, limit)
    .map(({ change: _change, ...mover }) => mover);
}
