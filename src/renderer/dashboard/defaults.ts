/** What the dashboard shows first. A module of its own: the early prefetch needs these before React loads. */
import type { DashboardRange, GroupBy } from '../../shared/domain';

export const DEFAULT_RANGE: DashboardRange = '30d';
export const DEFAULT_GROUP_BY: GroupBy = 'model';
