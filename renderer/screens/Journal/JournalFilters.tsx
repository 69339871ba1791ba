import { FINAL_LABELS, SETUP_ARCHETYPES, TIME_BLOCKS } from '../../../shared/domain/journal.ts';
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
      <label className="field">
        <span className="field-label">Time block</span>
        <select
          className="select"
          value={filter.time_block ?? ''}
          onChange={(event) => onChange({ time_block: (event.target.value || undefined) as JournalFilter['time_block'] })}
          data-testid="filter-block"
        >
          <option value="">All blocks</option>
          {TIME_BLOCKS.map((block) => (
            <option key={block} value={block}>
              {timeBlockLabel(block)} ({blockRange(block)})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Archetype</span>
        <select
          className="select"
          value={filter.setup_archetype ?? ''}
          onChange={(event) => onChange({ setup_archetype: (event.target.value || undefined) as JournalFilter['setup_archetype'] })}
          data-testid="filter-archetype"
        >
          <option value="">All archetypes</option>
          {SETUP_ARCHETYPES.map((archetype) => (
            <option key={archetype} value={archetype}>
              {archetypeLabel(archetype)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Label</span>
        <select
          className="select"
          value={filter.final_label ?? ''}
          onChange={(event) => onChange({ final_label: (event.target.value || undefined) as JournalFilter['final_label'] })}
          data-testid="filter-label"
        >
          <option value="">All labels</option>
          {FINAL_LABELS.map((label) => (
            <option key={label} value={label}>
              {finalLabelName(label)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Agent</span>
        <select className="select" value={filter.agent ?? ''} onChange={(event) => onChange({ agent: event.target.value || undefined })} data-testid="filter-agent">
          <option value="">All agents</option>
          {agents.map((agent) => (
            <option key={agent} value={agent}>
              {agent}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn btn-ghost qa-filters-clear" onClick={onClear} disabled={!active} data-testid="filter-clear">
        Clear filters
      </button>
    </div>
  );
}
