import { DIMENSION_HINTS } from '../../charts/dimensions.ts';
import { DIMENSION_SERIES } from '../../charts/palette.ts';
import { DASH, regret, regretColor } from '../../format.ts';
import { dimensionLabel } from '../../labels.ts';
import type { DimensionTotal } from '../../state/regret.ts';

/** The seven regrets ranked by their mean over your trades: where your edge leaks most. */
export function CostliestList({ totals }: { readonly totals: readonly DimensionTotal[] }) {
  return (
    <ol className="qa-ranked" data-testid="regret-costliest">
      {totals.map((row, index) => {
        const excluded = row.trades - row.scored;
        return (
          <li key={row.dimension} className={index === 0 && row.mean !== null ? 'qa-ranked-row qa-ranked-top' : 'qa-ranked-row'}>
            <span className="qa-ranked-rank num" aria-hidden="true">
              {index + 1}
            </span>
            <div className="qa-ranked-main">
              <div className="qa-ranked-head">
                <span className="qa-ranked-name">
                  <span className="qa-swatch" style={{ background: DIMENSION_SERIES[row.dimension].color }} aria-hidden="true" />
                  {dimensionLabel(row.dimension)}
                </span>
                <span className="qa-ranked-mean num" aria-label={`mean ${regret(row.mean)}`}>
                  {row.mean === null ? DASH : regret(row.mean)}
                </span>
              </div>
              <div className="qa-meter" role="meter" aria-label={`${dimensionLabel(row.dimension)} mean regret`} aria-valuemin={0} aria-valuemax={1} aria-valuenow={row.mean ?? undefined}>
                <div className="qa-meter-fill" style={{ width: `${Math.max(row.mean === null ? 0 : 2, (row.mean ?? 0) * 100)}%`, background: regretColor(row.mean) }} />
              </div>
              <div className="qa-ranked-meta">
                <span>{DIMENSION_HINTS[row.dimension]}</span>
                <span className="num">
                  n = {row.scored} of {row.trades}
                  {excluded > 0 ? ` · ${excluded} not scored, excluded` : ''}
                </span>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
