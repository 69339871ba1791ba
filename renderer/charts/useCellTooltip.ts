import { useCallback, useRef, useState, type RefObject } from 'react';

export type CellTooltipPosition = { readonly left: number; readonly top: number; readonly side: 'right' | 'left' };

export type CellTooltip<K> = {
  readonly containerRef: RefObject<HTMLDivElement | null>;
  readonly active: K | null;
  readonly position: CellTooltipPosition | null;
  /** Show the tooltip of `key` beside `element` (on hover or keyboard focus). */
  readonly show: (key: K, element: HTMLElement) => void;
  readonly hide: () => void;
};

/** Widest tooltip the grids draw; past this near the right edge it flips to the cell's left. */
const TOOLTIP_WIDTH = 240;

/**
 * One tooltip for a whole grid of cells, placed beside the hovered or focused cell inside the grid's
 * container, and flipped to the left near the right edge so it never runs off the panel.
 */
export function useCellTooltip<K>(): CellTooltip<K> {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [active, setActive] = useState<K | null>(null);
  const [position, setPosition] = useState<CellTooltipPosition | null>(null);
  const show = useCallback((key: K, element: HTMLElement) => {
    const container = containerRef.current;
    setActive(key);
    if (!container) return;
    const box = container.getBoundingClientRect();
    const cell = element.getBoundingClientRect();
    const roomRight = box.right - cell.right;
    const side = roomRight >= TOOLTIP_WIDTH + 8 ? 'right' : 'left';
    setPosition({
      side,
      top: cell.top - box.top + container.scrollTop,
      left: side === 'right' ? cell.right - box.left + container.scrollLeft + 6 : cell.left - box.left + container.scrollLeft - 6,
    });
  }, []);
  const hide = useCallback(() => {
    setActive(null);
    setPosition(null);
  }, []);
  return { containerRef, active, position, show, hide };
}
