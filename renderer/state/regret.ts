import { create } from 'zustand';
import { REGRET_DIMENSIONS, type RegretDimension } from '../../shared/domain/journal.ts';
import type { Api } from '../../shared/ipc/contract.ts';
import type { RegretBreakdown } from '../../shared/ipc/schemas.ts';
import { idle, loading, requestCounter, settled, type Remote } from '../components/remote.ts';

/** The Regret screen's slice: the period bucket, which dimensions are drawn, and the breakdown. */

export type RegretBucket = 'day' | 'week' | 'month';
export const REGRET_BUCKETS: readonly RegretBucket[] = ['day', 'week', 'month'];

export type RegretState = {
  readonly bucket: RegretBucket;
  /** The trader picked the bucket; until then a long journal is drawn by week or month (AUTO_BUCKET_MAX_PERIODS). */
  readonly bucketChosen: boolean;
  /** Dimensions switched off in the chart (the table and ranking always show all seven). */
  readonly hidden: readonly RegretDimension[];
  readonly breakdown: Remote<RegretBreakdown>;
};

export type RegretActions = {
  setBucket(bucket: RegretBucket): void;
  toggleDimension(dimension: RegretDimension): void;
  showAllDimensions(): void;
  load(api: Api): Promise<void>;
};

export function emptyRegretState(): RegretState {
  return { bucket: 'day', bucketChosen: false, hidden: [], breakdown: idle() };
}

/** More periods than this and an automatic bucket moves up (day → week → month). */
export const AUTO_BUCKET_MAX_PERIODS = 120;

const requests = requestCounter();

export const useRegretStore = create<RegretState & RegretActions>()((set, get) => ({
  ...emptyRegretState(),
  setBucket: (bucket) => set({ bucket, bucketChosen: true }),
  toggleDimension: (dimension) =>
    set((state) => ({
      hidden: state.hidden.includes(dimension) ? state.hidden.filter((d) => d !== dimension) : [...state.hidden, dimension],
    })),
  showAllDimensions: () => set({ hidden: [] }),
  load: async (api) => {
    const id = requests.next();
    set((state) => ({ breakdown: loading(state.breakdown) }));
    let bucket = get().bucket;
    let result = await api.invoke('journal.regret', { bucket });
    // Until the trader picks a bucket, years of days are drawn as weeks or months (a point per day is a wall of spikes).
    while (!get().bucketChosen && result.ok && bucket !== 'month' && result.value.over_time.length > AUTO_BUCKET_MAX_PERIODS) {
      bucket = bucket === 'day' ? 'week' : 'month';
      result = await api.invoke('journal.regret', { bucket });
    }
    if (requests.isLatest(id)) set((state) => ({ bucket, breakdown: settled(state.breakdown, result) }));
  },
}));

export function resetRegretState(): void {
  useRegretStore.setState(emptyRegretState());
}

// --- selectors ---

/** One regret dimension over the whole range: its mean over the scored trades and how many that were. */
export type DimensionTotal = {
  readonly dimension: RegretDimension;
  readonly mean: number | null;
  /** Trades with a score for this dimension (nulls are excluded from the mean). */
  readonly scored: number;
  readonly trades: number;
};

/**
 * The seven dimensions ranked from the costliest (highest mean) down; dimensions nobody has a score for
 * go last. Each period's mean is weighted by its scored count, so the result equals the mean over all
 * scored trades. Without per-period counts (an older service) a period counts as fully scored.
 */
export function rankDimensions(breakdown: RegretBreakdown): DimensionTotal[] {
  const trades = breakdown.over_time.reduce((sum, row) => sum + row.trades, 0);
  const totals = REGRET_DIMENSIONS.map((dimension) => {
    let weighted = 0;
    let scored = 0;
    for (const row of breakdown.over_time) {
      const value = row.means[dimension];
      if (value === null || value === undefined) continue;
      const n = row.counts?.[dimension] ?? row.trades;
      weighted += value * n;
      scored += n;
    }
    return { dimension, mean: scored > 0 ? weighted / scored : null, scored, trades };
  });
  return totals.sort((a, b) => {
    if (a.mean === null) return b.mean === null ? 0 : 1;
    if (b.mean === null) return -1;
    return b.mean - a.mean;
  });
}

/** A row of the over-time chart: the mean per dimension (null breaks the line) and the n behind each. */
export type RegretChartRow = {
  readonly period: string;
  readonly trades: number;
  readonly means: Readonly<Record<RegretDimension, number | null>>;
  readonly counts: Readonly<Record<RegretDimension, number>>;
};

export function chartRows(breakdown: RegretBreakdown): RegretChartRow[] {
  return breakdown.over_time.map((row) => {
    const means = {} as Record<RegretDimension, number | null>;
    const counts = {} as Record<RegretDimension, number>;
    for (const dimension of REGRET_DIMENSIONS) {
      const value = row.means[dimension];
      means[dimension] = value ?? null;
      counts[dimension] = row.counts?.[dimension] ?? (value === null || value === undefined ? 0 : row.trades);
    }
    return { period: row.period, trades: row.trades, means, counts };
  });
}

export function visibleDimensions(hidden: readonly RegretDimension[]): RegretDimension[] {
  return REGRET_DIMENSIONS.filter((dimension) => !hidden.includes(dimension));
}

// --- hooks ---

export const useRegretBucket = (): RegretBucket => useRegretStore((state) => state.bucket);
export const useRegretHidden = (): readonly RegretDimension[] => useRegretStore((state) => state.hidden);
export const useRegretBreakdown = (): Remote<RegretBreakdown> => useRegretStore((state) => state.breakdown);

export function regretActions(): RegretActions {
  const { setBucket, toggleDimension, showAllDimensions, load } = useRegretStore.getState();
  return { setBucket, toggleDimension, showAllDimensions, load };
}
