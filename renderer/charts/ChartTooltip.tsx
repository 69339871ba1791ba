import type { ReactNode } from 'react';

/** The payload recharts hands a custom tooltip: the hovered row is `payload[0].payload`. */
export type TooltipProps = {
  readonly active?: boolean;
  readonly payload?: readonly { readonly payload?: unknown }[];
};

/** The hovered data row of a recharts tooltip, or null when nothing is hovered. */
export function hoveredRow<T>(props: TooltipProps): T | null {
  if (!props.active) return null;
  const row = props.payload?.[0]?.payload;
  return row === undefined || row === null ? null : (row as T);
}

/** The box every chart tooltip and heat-cell tooltip is drawn in. */
export function TooltipBox({ title, children, testId }: { readonly title: ReactNode; readonly children?: ReactNode; readonly testId?: string }) {
  return (
    <div className="qa-tooltip" role="tooltip" data-testid={testId}>
      <div className="qa-tooltip-title">{title}</div>
      {children}
    </div>
  );
}

/** One label/value line of a tooltip; the swatch marks the series it belongs to. */
export function TooltipLine({
  label,
  value,
  swatch,
  tone,
}: {
  readonly label: ReactNode;
  readonly value: ReactNode;
  readonly swatch?: string;
  readonly tone?: 'good' | 'bad' | 'flat';
}) {
  return (
    <div className="qa-tooltip-line">
      <span className="qa-tooltip-label">
        {swatch ? <span className="qa-swatch" style={{ background: swatch }} aria-hidden="true" /> : null}
        {label}
      </span>
      <span className={tone ? `num ${tone}` : 'num'}>{value}</span>
    </div>
  );
}
