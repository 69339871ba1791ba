export type ProgressBarProps = {
  readonly done: number;
  readonly total: number;
  readonly label: string;
  readonly testId?: string;
};

/** Determinate when total > 0, else an indeterminate stripe. */
export function ProgressBar({ done, total, label, testId = 'progress' }: ProgressBarProps) {
  const ratio = total > 0 ? Math.min(1, done / total) : null;
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        <span>{label}</span>
        {ratio !== null ? <span className="num">{Math.round(ratio * 100)}%</span> : null}
      </div>
      <div
        className={ratio === null ? 'progress-track progress-indeterminate' : 'progress-track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total || undefined}
        aria-valuenow={ratio === null ? undefined : done}
      >
        <div className="progress-fill" style={ratio === null ? undefined : { width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
