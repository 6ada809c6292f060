/** The charts' filter by project (workspace) and API key, from the projects and keys that spent in the range. */
import type { DashboardView } from '../../../shared/domain';
import { capitalised, type GroupNoun } from '../../lib/provider-words';

export interface ChartFilter {
  projectId?: string;
  apiKeyId?: string;
}

export function ChartFilterControls({
  options,
  filter,
  onFilter,
  noun,
}: {
  options: NonNullable<DashboardView['filterOptions']>;
  filter: ChartFilter;
  onFilter: (f: ChartFilter) => void;
  noun: GroupNoun;
}) {
  const set = (field: keyof ChartFilter, value: string) => {
    const next = { ...filter };
    if (value) next[field] = value;
    else delete next[field];
    onFilter(next);
  };
  // A chosen item stays listed even if it spent nothing in the range just switched to.
  const withChosen = (list: { key: string; name: string }[], chosen?: string) =>
    chosen && !list.some((o) => o.key === chosen) ? [...list, { key: chosen, name: chosen }] : list;
  return (
    <>
      {options.projects.length > 1 || filter.projectId ? (
        <FilterSelect
          label={capitalised(noun.singular)}
          allLabel={`All ${noun.plural}`}
          value={filter.projectId}
          choices={withChosen(options.projects, filter.projectId)}
          onChange={(v) => set('projectId', v)}
        />
      ) : null}
      {options.apiKeys.length > 0 || filter.apiKeyId ? (
        <FilterSelect
          label="API key"
          allLabel="All keys"
          value={filter.apiKeyId}
          choices={withChosen(options.apiKeys, filter.apiKeyId)}
          onChange={(v) => set('apiKeyId', v)}
        />
      ) : null}
    </>
  );
}

function FilterSelect({
  label,
  allLabel,
  value,
  choices,
  onChange,
}: {
  label: string;
  allLabel: string;
  value?: string;
  choices: { key: string; name: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="inline-select">
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {choices.map((o) => (
          <option key={o.key} value={o.key}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
