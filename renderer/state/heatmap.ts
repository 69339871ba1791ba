import { create } from 'zustand';
import { REGRET_DIMENSIONS, TIME_BLOCKS, type RegretDimension, type TimeBlock } from '../../shared/domain/journal.ts';
import type { Api } from '../../shared/ipc/contract.ts';
import type { Heatmap } from '../../shared/ipc/schemas.ts';
import { idle, loading, requestCounter, settled, type Remote } from '../components/remote.ts';

/** The Heatmap screen's slice: which measure colours the time-of-day grid, and the heatmap itself. */

export type HeatmapMode = 'pnl' | 'regret';

export type HeatmapState = {
  readonly mode: HeatmapMode;
  readonly heatmap: Remote<Heatmap>;
};

export type HeatmapActions = {
  setMode(mode: HeatmapMode): void;
  load(api: Api): Promise<void>;
};

export function emptyHeatmapState(): HeatmapState {
  return { mode: 'pnl', heatmap: idle() };
}

const requests = requestCounter();

export const useHeatmapStore = create<HeatmapState & HeatmapActions>()((set) => ({
  ...emptyHeatmapState(),
  setMode: (mode) => set({ mode }),
  load: async (api) => {
    const id = requests.next();
    set((state) => ({ heatmap: loading(state.heatmap) }));
    const result = await api.invoke('journal.heatmap', {});
    if (requests.isLatest(id)) set((state) => ({ heatmap: settled(state.heatmap, result) }));
  },
}));

export function resetHeatmapState(): void {
  useHeatmapStore.setState(emptyHeatmapState());
}

// --- selectors ---

/** The regular session in 30-minute entry slots, 09:30 … 15:30 (New York). */
export const SESSION_SLOTS: readonly string[] = Array.from({ length: 13 }, (_, index) => {
  const minute = 9 * 60 + 30 + index * 30;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
});

/** ISO weekdays shown as columns (1 = Monday … 5 = Friday). */
export const WEEKDAYS: readonly { readonly day: number; readonly label: string }[] = [
  { day: 1, label: 'Mon' },
  { day: 2, label: 'Tue' },
  { day: 3, label: 'Wed' },
  { day: 4, label: 'Thu' },
  { day: 5, label: 'Fri' },
];

export type SlotCell = Heatmap['time_by_weekday'][number];

export type SlotGrid = {
  readonly cell: (weekday: number, slot: string) => SlotCell | null;
  /** Largest |pnl| of a cell in the grid: the full-strength end of the diverging scale. */
  readonly maxAbsPnl: number;
  /** Trades whose entry falls outside 09:30–16:00 on a weekday, so the grid cannot show them. */
  readonly outside: number;
  readonly trades: number;
};

export function slotGrid(heatmap: Heatmap): SlotGrid {
  const cells = new Map<string, SlotCell>();
  const slots = new Set(SESSION_SLOTS);
  let outside = 0;
  let trades = 0;
  let maxAbsPnl = 0;
  for (const cell of heatmap.time_by_weekday) {
    if (cell.weekday > 5 || !slots.has(cell.slot)) {
      outside += cell.trades;
      continue;
    }
    trades += cell.trades;
    cells.set(`${cell.weekday} ${cell.slot}`, cell);
    maxAbsPnl = Math.max(maxAbsPnl, Math.abs(cell.pnl));
  }
  return { cell: (weekday, slot) => cells.get(`${weekday} ${slot}`) ?? null, maxAbsPnl, outside, trades };
}

/** One 30-minute entry slot over all weekdays: its trades and PnL, for the time-of-day profile. */
export type SlotTotal = { readonly slot: string; readonly trades: number; readonly pnl: number };

export function slotTotals(heatmap: Heatmap): SlotTotal[] {
  return SESSION_SLOTS.map((slot) => {
    let trades = 0;
    let pnl = 0;
    for (const cell of heatmap.time_by_weekday) {
      if (cell.slot !== slot || cell.weekday > 5) continue;
      trades += cell.trades;
      pnl += cell.pnl;
    }
    return { slot, trades, pnl: Math.round(pnl * 100) / 100 };
  });
}

export type BlockCell = { readonly mean: number | null; readonly count: number };

export type BlockGrid = {
  /** Blocks in session order; outside_session only when it holds a score. */
  readonly blocks: readonly TimeBlock[];
  readonly cell: (block: TimeBlock, dimension: RegretDimension) => BlockCell;
  /** Per block, the most trades scored on any dimension (a lower bound on the block's trades). */
  readonly scoredTrades: (block: TimeBlock) => number;
  readonly empty: boolean;
};

export function blockGrid(heatmap: Heatmap): BlockGrid {
  const cells = new Map<string, BlockCell>();
  for (const row of heatmap.block_by_dimension) cells.set(`${row.time_block} ${row.dimension}`, { mean: row.mean, count: row.count });
  const cell = (block: TimeBlock, dimension: RegretDimension): BlockCell => cells.get(`${block} ${dimension}`) ?? { mean: null, count: 0 };
  const scoredTrades = (block: TimeBlock) => Math.max(0, ...REGRET_DIMENSIONS.map((dimension) => cell(block, dimension).count));
  const blocks = TIME_BLOCKS.filter((block) => block !== 'outside_session' || scoredTrades(block) > 0);
  return { blocks, cell, scoredTrades, empty: heatmap.block_by_dimension.every((row) => row.count === 0) };
}

/** Share of the PnL colour in a cell's background: past ~60% the theme's text colour on it gets hard to read. */
const PNL_FILL_MIN = 16;
// At most 44 %: the day's figures printed on the fill keep a 4.5:1 contrast in both themes (axe, WCAG AA).
const PNL_FILL_MAX = 44;

/**
 * Background of a PnL cell on the diverging scale: green for profit, red for loss, stronger with size
 * relative to the grid's largest cell; a floor keeps a small but real result visible.
 */
export function pnlFill(pnl: number, maxAbsPnl: number): string {
  if (maxAbsPnl <= 0 || pnl === 0) return 'var(--panel-hover)';
  const strength = Math.round(PNL_FILL_MIN + (PNL_FILL_MAX - PNL_FILL_MIN) * Math.min(1, Math.abs(pnl) / maxAbsPnl));
  return `color-mix(in srgb, var(${pnl > 0 ? '--good' : '--bad'}) ${strength}%, var(--panel))`;
}

// --- hooks ---

export const useHeatmapMode = (): HeatmapMode => useHeatmapStore((state) => state.mode);
export const useHeatmapData = (): Remote<Heatmap> => useHeatmapStore((state) => state.heatmap);

export function heatmapActions(): HeatmapActions {
  const { setMode, load } = useHeatmapStore.getState();
  return { setMode, load };
}
