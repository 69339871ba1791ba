import { REGRET_DIMENSIONS, type RegretDimension } from '../../../shared/domain/journal.ts';
import { DIMENSION_SERIES } from '../../charts/palette.ts';
import { dimensionLabel } from '../../labels.ts';

export type DimensionTogglesProps = {
  readonly hidden: readonly RegretDimension[];
  readonly onToggle: (dimension: RegretDimension) => void;
  readonly onShowAll: () => void;
};

/** One switch per regret dimension, coloured like its line, to declutter the chart. */
export function DimensionToggles({ hidden, onToggle, onShowAll }: DimensionTogglesProps) {
  return (
    <div className="qa-toggles" role="group" aria-label="Regret dimensions shown in the chart" data-testid="regret-dimension-toggles">
      {REGRET_DIMENSIONS.map((dimension) => {
        const on = !hidden.includes(dimension);
        return (
          <button
            key={dimension}
            type="button"
            className={on ? 'qa-chip qa-chip-on' : 'qa-chip'}
            aria-pressed={on}
            onClick={() => onToggle(dimension)}
            data-testid={`regret-toggle-${dimension}`}
          >
            <span className="qa-swatch" style={{ background: DIMENSION_SERIES[dimension].color }} aria-hidden="true" />
            {dimensionLabel(dimension)}
          </button>
        );
      })}
      {hidden.length > 0 ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={onShowAll}>
          Show all
        </button>
      ) : null}
    </div>
  );
}
