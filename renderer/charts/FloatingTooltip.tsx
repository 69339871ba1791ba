import type { ReactNode } from 'react';
import type { CellTooltipPosition } from './useCellTooltip.ts';

/** Draws a grid's tooltip at the place useCellTooltip computed. */
export function FloatingTooltip({ position, children }: { readonly position: CellTooltipPosition | null; readonly children: ReactNode }) {
  if (!position) return null;
  return (
    <div
      className="qa-floating"
      style={{
        top: position.top,
        left: position.left,
        transform: position.side === 'left' ? 'translateX(-100%)' : undefined,
      }}
    >
      {children}
    </div>
  );
}
