/**
 * The one place a dashboard view's series colours are decided: each dimension's keys ranked largest first by the
 * range's total (the view's breakdowns), then the keys this month's tables and the usage chart show that the
 * range lacks. The charts, legends, tooltips and breakdown tables all read these maps, so within one view a
 * project has one colour everywhere and no two keys shown together share one.
 */
import type { DashboardView, GroupBy } from '../../shared/domain';
import { assignColours, type ColourMap } from './charts/palette';

export interface ViewColours {
  project: ColourMap;
  lineItem: ColourMap;
  model: ColourMap;
  /** What the spend chart stacks by. */
  group: ColourMap;
}

type Ranked = readonly { key: string; micros?: number }[];

export function viewColours(
  view: Pick<DashboardView, 'byProject' | 'byLineItem' | 'byModel' | 'byGroup' | 'monthBreakdown' | 'usage'> & {
    query: { groupBy: GroupBy };
  },
): ViewColours {
  const groupBy = view.query.groupBy;
  const byGroup: Ranked = view.byGroup ?? [];
  const withGroup = (dimension: GroupBy, ranked: Ranked): Ranked =>
    groupBy === dimension ? [...ranked, ...byGroup] : ranked;
  const project = assignColours([...withGroup('project', view.byProject), ...view.monthBreakdown.projects]);
  const lineItem = assignColours([...withGroup('line_item', view.byLineItem), ...view.monthBreakdown.lineItems]);
  const model = assignColours([...withGroup('model', view.byModel), ...view.usage.models.map((key) => ({ key }))]);
  const group =
    groupBy === 'project'
      ? project
      : groupBy === 'line_item'
        ? lineItem
        : groupBy === 'model'
          ? model
          : assignColours(byGroup);
  return { project, lineItem, model, group };
}
