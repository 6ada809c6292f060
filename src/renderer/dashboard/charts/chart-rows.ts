/**
 * Reading a chart's per-series values. Series keys come from outside (model names from the provider, project
 * ids): a chart row keeps them in a Map beside its own fields, and a series' value is read from the view's
 * record by own key only, so a series named "day", "constructor" or "__proto__" is a series like any other.
 */

/** A series' value in a record of values by key; own keys only (0 where the series had nothing). */
export const partOf = (values: Record<string, number>, key: string): number =>
  Object.hasOwn(values, key) ? values[key] : 0;

/** True when no value of any point is negative: then a stack can be drawn as one shape per bucket. */
export const noNegativePart = (points: readonly Record<string, number>[], keys: readonly string[]): boolean =>
  points.every((values) => keys.every((key) => partOf(values, key) >= 0));

/** A series as the stacked shapes draw it: its key, colour and value in a chart row. */
export interface StackedSeries<Row> {
  key: string;
  colour: string;
  value: (row: Row) => number;
}
