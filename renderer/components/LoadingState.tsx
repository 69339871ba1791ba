export type LoadingStateProps = {
  readonly label?: string;
  /** Compact inline spinner rather than a block that fills its panel. */
  readonly inline?: boolean;
};

/** A spinner with words, announced politely to screen readers. */
export function LoadingState({ label = 'Loading…', inline }: LoadingStateProps) {
  return (
    <div className={inline ? 'loading-state loading-inline' : 'loading-state'} role="status" aria-live="polite" data-testid="loading-state">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
