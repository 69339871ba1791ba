import type { ReactNode } from 'react';

export type EmptyStateProps = {
  readonly title: string;
  /** What a new user should do next. */
  readonly body?: ReactNode;
  /** Buttons leading there. */
  readonly action?: ReactNode;
  readonly testId?: string;
};

/** What a screen shows when it has nothing yet: what is missing, and the way to get it. */
export function EmptyState({ title, body, action, testId = 'empty-state' }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={testId} role="status">
      <div className="empty-state-mark" aria-hidden="true">
        ∅
      </div>
      <h3 className="empty-state-title">{title}</h3>
      {body !== undefined ? <p className="empty-state-body">{body}</p> : null}
      {action !== undefined ? <div className="empty-state-action">{action}</div> : null}
    </div>
  );
}
