import { FINAL_LABELS, SETUP_ARCHETYPES, NO_TIME_OF_DAY, TIME_BLOCKS } from '../../../shared/domain/journal.ts';
import type { JournalFilter } from '../../../shared/ipc/schemas.ts';
import { blockRange } from '../../charts/timeBlocks.ts';
import { archetypeLabel, finalLabelName, timeBlockLabel } from '../../labels.ts';

export type JournalFiltersProps = {
  readonly filter: JournalFilter;
  readonly agents: readonly string[];
  readonly onChange: (patch: Partial<JournalFilter>) => void;
  readonly onClear: () => void;
};

/** Date range, time block, archetype, label and agent: every filter applies to the table and the exports. */
export function JournalFilters({ filter, agents, onChange, onClear }: JournalFiltersProps) {
  const active = Object.values(filter).some((value) => value !== undefined);
  return (
    <div className="qa-filters" role="search" aria-label="Filter committed trades" data-testid="journal-filters">
      <label className="field">
        <span className="field-label">From</span>
        <input
          className="input"
          type="date"
          value={filter.from ?? ''}
          max={filter.to}
          onChange={(event) => onChange({ from: event.target.value || undefined })}
          data-testid="filter-from"
        />
      </label>
      <label className="field">
        <span className="field-label">To</span>
        <input
          className="input"
          type="date"
          value={filter.to ?? ''}
          min={filter.from}
          onChange={(event) => onChange({ to: event.target.value || undefined })}
          data-testid="filter-to"
        />
      </label>
      <FilterSelect
        title="Time block"
        allLabel="All blocks"
        options={[...TIME_BLOCKS.map((block) => ({ value: block, label: `${timeBlockLabel(block)} (${blockRange(block)})` })), { value: NO_TIME_OF_DAY, label: 'No time of day (dates-only exports)' }]}
        value={filter.time_block}
        onChange={(value) => onChange({ time_block: value as JournalFilter['time_block'] })}
        testId="filter-block"
      />
      <FilterSelect
        title="Archetype"
        allLabel="All archetypes"
        options={SETUP_ARCHETYPES.map((archetype) => ({ value: archetype, label: archetypeLabel(archetype) }))}
        value={filter.setup_archetype}
        onChange={(value) => onChange({ setup_archetype: value as JournalFilter['setup_archetype'] })}
        testId="filter-archetype"
      />
      <FilterSelect
        title="Label"
        allLabel="All labels"
        options={FINAL_LABELS.map((label) => ({ value: label, label: finalLabelName(label) }))}
        value={filter.final_label}
        onChange={(value) => onChange({ final_label: value as JournalFilter['final_label'] })}
        testId="filter-label"
      />
      <FilterSelect
        title="Agent"
        allLabel="All agents"
        options={agents.map((agent) => ({ value: agent, label: agent }))}
        value={filter.agent}
        onChange={(value) => onChange({ agent: value })}
        testId="filter-agent"
      />
      <button type="button" className="btn btn-ghost qa-filters-clear" onClick={onClear} disabled={!active} data-testid="filter-clear">
        Clear filters
      </button>
    </div>
  );
}

type FilterSelectProps = {
  readonly title: string;
  readonly allLabel: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly value: string | undefined;
  /** undefined when "all" is chosen, so the filter field is dropped. */
  readonly onChange: (value: string | undefined) => void;
  readonly testId: string;
};

function FilterSelect({ title, allLabel, options, value, onChange, testId }: FilterSelectProps) {
  return (
    <label className="field">
      <span className="field-label">{title}</span>
      <select className="select" value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)} data-testid={testId}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
