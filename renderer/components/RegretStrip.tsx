import { REGRET_DIMENSIONS, type RegretDimension } from '../../shared/domain/journal.ts';
import { regret, regretColor } from '../format.ts';
import { dimensionLabel } from '../labels.ts';

export type RegretStripProps = {
  readonly scores: Readonly<Record<RegretDimension, number | null>>;
};

/** Seven small cells, one per regret dimension in the engine's order, for a table row. */
export function RegretStrip({ scores }: RegretStripProps) {
  const summary = REGRET_DIMENSIONS.map((d) => `${dimensionLabel(d)} ${regret(scores[d])}`).join(', ');
  return (
    <span className="regret-strip" role="img" aria-label={`Regret: ${summary}`} title={summary}>
      {REGRET_DIMENSIONS.map((dimension) => {
        const value = scores[dimension];
        return (
          <span
            key={dimension}
            className={value === null ? 'regret-cell regret-cell-null' : 'regret-cell'}
            style={{ background: regretColor(value) }}
          />
        );
      })}
    </span>
  );
}
