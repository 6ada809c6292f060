/** The charts' filter by project (workspace) and API key, from the projects and keys that spent in the range. */
import type { DashboardView } from '../../shared/domain';
import { capitalised, type GroupNoun } from '../provider-words';

export interface ChartFilter {
  projectId?: string;
  apiKeyId?: string;
}

export function ChartFilterControls({ options, filter, onFilter, noun }: { options: NonNullable<DashboardView['filterOptions']>; filter: ChartFilter; onFilter: (f: ChartFilter) => void; noun: GroupNoun }) {
  const set = (field: keyof ChartFilter, value: string) => {
    const next = { ...filter };
    if (value) next[field] = value;
    else delete next[field];
    onFilter(next);
  };
  // A chosen item stays listed even if it spent nothing in the range just switched to.
  const withChosen = (list: { key: string; name: string }[], chosen?: string) => (chosen && !list.some((o) => o.key === chosen) ? [...list, { key: chosen, name: chosen }] : list);
  return (
    <>
      {options.projects.length > 1 || filter.projectId ? (
        <label className="inline-select">
          {capitalised(noun.singular)}{' '}
          <select value={filter.projectId ?? ''} onChange={(e) => set('projectId', e.target.value)}>
            <option value="">All {noun.plural}</option>
            {withChosen(options.projects, filter.projectId).map((o) => (
              <option key={o.key} value={o.key}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {options.apiKeys.length > 0 || filter.apiKeyId ? (
        <label className="inline-select">
          API key{' '}
          <select value={filter.apiKeyId ?? ''} onChange={(e) => set('apiKeyId', e.target.value)}>
            <option value="">All keys</option>
            {withChosen(options.apiKeys, filter.apiKeyId).map((o) => (
              <option key={o.key} value={o.key}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}
