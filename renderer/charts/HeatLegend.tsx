import { money } from '../format.ts';
import { pnlFill } from '../state/heatmap.ts';
import { regretFill } from './heatFill.ts';

const REGRET_STEPS = [0.1, 0.3, 0.5, 0.7, 0.9] as const;
const STEP_LABELS = ['0–0.2', '0.2–0.4', '0.4–0.6', '0.6–0.8', '0.8–1'] as const;

/** Key of the regret colour scale, and the "no trades" look of an empty cell. */
export function RegretLegend() {
  return (
    <div className="qa-legend" aria-label="Colour key: mean regret">
      <span className="qa-legend-title">Mean regret</span>
      {REGRET_STEPS.map((value, index) => (
        <span key={value} className="qa-legend-item">
          <span className="qa-legend-swatch" style={{ background: regretFill(value) }} aria-hidden="true" />
          <span className="num">{STEP_LABELS[index]}</span>
        </span>
      ))}
      <EmptyKey />
    </div>
  );
}

/** Key of the diverging PnL scale, scaled to the grid's largest cell. */
export function PnlLegend({ maxAbsPnl }: { readonly maxAbsPnl: number }) {
  const steps = [-1, -0.5, -0.15, 0.15, 0.5, 1].map((share) => share * maxAbsPnl);
  return (
    <div className="qa-legend" aria-label="Colour key: PnL">
      <span className="qa-legend-title">PnL</span>
      <span className="num qa-legend-end">{money(-maxAbsPnl)}</span>
      {steps.map((value) => (
        <span key={value} className="qa-legend-swatch" style={{ background: pnlFill(value, maxAbsPnl) }} aria-hidden="true" />
      ))}
      <span className="num qa-legend-end">{money(maxAbsPnl)}</span>
      <EmptyKey />
    </div>
  );
}

function EmptyKey() {
  return (
    <span className="qa-legend-item">
      <span className="qa-legend-swatch qa-heat-empty" aria-hidden="true" />
      no trades
    </span>
  );
}
