import { REGRET_DIMENSIONS, type JournalEntry } from '../../../shared/domain/journal.ts';
import { RegretBar } from '../../components/RegretBar.tsx';
import { num } from '../../format.ts';
import { dimensionLabel, humanizeText } from '../../labels.ts';

/** The seven regret scores as bars with the engine's explanation under each ('—' and the reason for null). */
export function RegretBreakdown({ entry }: { readonly entry: JournalEntry }) {
  const scored = REGRET_DIMENSIONS.map((d) => entry[d]).filter((v): v is number => v !== null);
  const sum = scored.reduce((total, v) => total + v, 0);
  return (
    <div className="regret-breakdown" data-testid="regret-breakdown">
      <div className="regret-summary muted">
        Sum <span className="num">{num(sum)}</span> over {scored.length} of 7 scored
        {entry.penalty_factor > 0 ? (
          <>
            {' '}
            · penalty <span className="num warn">+{entry.penalty_factor}</span>
          </>
        ) : null}
      </div>
      {REGRET_DIMENSIONS.map((dimension) => (
        <RegretBar
          key={dimension}
          label={dimensionLabel(dimension)}
          value={entry[dimension]}
          explanation={humanizeText(entry.explanations[dimension])}
          testId={`regret-${dimension}`}
        />
      ))}
    </div>
  );
}
