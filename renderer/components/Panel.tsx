import type { ReactNode } from 'react';

export type PanelProps = {
  readonly title?: ReactNode;
  /** Controls or figures shown at the right of the title bar. */
  readonly actions?: ReactNode;
  readonly children?: ReactNode;
  readonly className?: string;
  /** Let the body scroll inside a fixed-height panel instead of growing. */
  readonly scroll?: boolean;
  readonly testId?: string;
};

/** A titled card: the building block of every screen. */
export function Panel({ title, actions, children, className, scroll, testId }: PanelProps) {
  return (
    <section className={['panel', className].filter(Boolean).join(' ')} data-testid={testId}>
      {title !== undefined || actions !== undefined ? (
        <header className="panel-header">
          {title !== undefined ? <h2 className="panel-title">{title}</h2> : <span />}
          {actions !== undefined ? <div className="panel-actions">{actions}</div> : null}
        </header>
      ) : null}
      <div className={scroll ? 'panel-body panel-body-scroll' : 'panel-body'}>{children}</div>
    </section>
  );
}
