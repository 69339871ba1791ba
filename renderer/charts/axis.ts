/** Shared recharts axis and grid props, so every chart reads the same in both themes. */
export const AXIS_TICK = { fill: 'var(--text-muted)', fontSize: 11 } as const;
export const AXIS_LINE = { stroke: 'var(--border)' } as const;
export const GRID_STROKE = 'var(--grid)';
export const CHART_MARGIN = { top: 8, right: 16, bottom: 4, left: 0 } as const;
