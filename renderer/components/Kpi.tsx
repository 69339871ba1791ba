export type KpiProps = {
  readonly label: string;
  readonly value: string;
  /** A second, smaller line: the n behind the figure, a comparison. */
  readonly hint?: string | undefined;
  readonly tone?: 'good' | 'bad' | 'flat' | undefined;
  readonly testId?: string;
};

/** A headline figure of a screen, e.g. total PnL or the costliest regret. */
export function Kpi({ label, value, hint, tone, testId }: KpiProps) {
  return (
    <div className="qa-kpi" data-testid={testId}>
      <span className="qa-kpi-label">{label}</span>
      <span className={tone ? `qa-kpi-value num ${tone}` : 'qa-kpi-value num'}>{value}</span>
      {hint ? <span className="qa-kpi-hint num">{hint}</span> : null}
    </div>
  );
}
