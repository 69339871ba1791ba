import { DASH, regret, regretColor } from '../format.ts';

export type RegretBarProps = {
  readonly label: string;
  /** A score in [0, 1], or null when the engine could not compute it. */
  readonly value: number | null;
  /** The engine's one-line explanation (for null: the reason). */
  readonly explanation?: string;
  readonly testId?: string;
};

/** One regret dimension as a labelled horizontal bar on the theme's regret scale, with its explanation. */
export function RegretBar({ label, value, explanation, testId }: RegretBarProps) {
  const width = value === null ? 0 : Math.max(2, Math.min(100, value * 100));
  return (
    <div className={value === null ? 'regret-bar regret-bar-null' : 'regret-bar'} data-testid={testId}>
      <div className="regret-bar-head">
        <span className="regret-bar-label">{label}</span>
        <span className="regret-bar-value num">{value === null ? DASH : regret(value)}</span>
      </div>
      <div
        className="regret-bar-track"
        // An unscored dimension is no meter (a meter needs a value): an image with its reason instead.
        {...(value === null
          ? { role: 'img', 'aria-label': `${label} regret: not scored` }
          : { role: 'meter', 'aria-label': `${label} regret`, 'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': value, 'aria-valuetext': regret(value) })}
      >
        <div className="regret-bar-fill" style={{ width: `${width}%`, background: regretColor(value) }} />
      </div>
      {explanation ? <p className="regret-bar-explanation">{explanation}</p> : null}
    </div>
  );
}
