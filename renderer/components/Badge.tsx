import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'accent' | 'good' | 'bad' | 'warn' | 'info';

export type BadgeProps = {
  readonly children: ReactNode;
  readonly tone?: BadgeTone;
  readonly title?: string;
  readonly testId?: string;
};

/** A small pill for counts, labels and flags. */
export function Badge({ children, tone = 'neutral', title, testId }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
