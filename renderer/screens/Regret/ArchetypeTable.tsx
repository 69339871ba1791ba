import { REGRET_DIMENSIONS, type RegretDimension } from '../../../shared/domain/journal.ts';
import type { RegretBreakdown } from '../../../shared/ipc/schemas.ts';
import { DIMENSION_HINTS } from '../../charts/dimensions.ts';
import { regretFill } from '../../charts/heatFill.ts';
import { DASH, regret } from '../../format.ts';
import { archetypeLabel, dimensionLabel } from '../../labels.ts';
import type { DimensionTotal } from '../../state/regret.ts';

export type ArchetypeTableProps = {
  readonly rows: RegretBreakdown['by_archetype'];
  /** The all-trades row at the bottom (from the ranking, so both agree). */
  readonly totals: readonly DimensionTotal[];
};

/** Archetype × dimension: the mean of each regret in each setup, with the n of scored trades behind it. */
export function ArchetypeTable({ rows, totals }: ArchetypeTableProps) {
  const total = (dimension: RegretDimension) => totals.find((row) => row.dimension === dimension) ?? null;
  const allTrades = totals[0]?.trades ?? 0;
  return (
    <div className="qa-table-scroll">
      <table className="table qa-matrix" data-testid="regret-archetype-table">
        <thead>
          <tr>
            <th scope="col">Archetype</th>
            <th scope="col" className="num">
              Trades
            </th>
            {REGRET_DIMENSIONS.map((dimension) => (
              <th key={dimension} scope="col" className="num" title={DIMENSION_HINTS[dimension]}>
                {dimensionLabel(dimension)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.setup_archetype}>
              <th scope="row">{archetypeLabel(row.setup_archetype)}</th>
              <td className="num">{row.trades}</td>
              {REGRET_DIMENSIONS.map((dimension) => (
                <MatrixCell
                  key={dimension}
                  mean={row.means[dimension]}
                  n={row.counts?.[dimension] ?? null}
                  label={`${archetypeLabel(row.setup_archetype)}, ${dimensionLabel(dimension)}`}
                />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All trades</th>
            <td className="num">{allTrades}</td>
            {REGRET_DIMENSIONS.map((dimension) => {
              const cell = total(dimension);
              return <MatrixCell key={dimension} mean={cell?.mean ?? null} n={cell?.scored ?? 0} label={`All trades, ${dimensionLabel(dimension)}`} />;
            })}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function MatrixCell({ mean, n, label }: { readonly mean: number | null; readonly n: number | null; readonly label: string }) {
  const empty = mean === null;
  const description = empty ? `${label}: no scored trades` : `${label}: mean ${regret(mean)}${n === null ? '' : ` over ${n} scored trades`}`;
  return (
    <td className={empty ? 'num qa-matrix-cell qa-matrix-empty' : 'num qa-matrix-cell'} style={{ background: regretFill(mean, n) }} title={description} aria-label={description}>
      <span className="qa-matrix-mean">{empty ? DASH : regret(mean)}</span>
      <span className="qa-matrix-n">{n === null ? '' : `n ${n}`}</span>
    </td>
  );
}
