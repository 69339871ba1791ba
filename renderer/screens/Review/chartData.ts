import { vwapSeries } from '../../../shared/market/vwap.ts';
import type { Bar } from '../../../shared/domain/market.ts';
import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { epochOf } from '../../format.ts';

/** Minutes of tape shown before the entry and after the exit. */
export const CHART_PAD_MIN = 45;
const MINUTE = 60_000;

export type ChartPoint = {
  readonly t: number;
  readonly open: number;
  readonly close: number;
  readonly high: number;
  readonly low: number;
  /** The session VWAP up to this bar (regular hours, from the day's first bar); null before any volume or outside hours. */
  readonly vwap: number | null;
};

export type ChartLevel = {
  readonly key: 'vwap' | 'max_pain' | 'trap';
  readonly label: string;
  readonly value: number;
  /** Too far from the tape to draw without flattening it; listed in the legend instead. */
  readonly offChart: boolean;
};

export type ChartModel = {
  readonly points: readonly ChartPoint[];
  readonly entryMs: number;
  readonly exitMs: number;
  /** The underlying at entry and exit: the trade's own figures, else the bar at that minute. */
  readonly entryPrice: number | null;
  readonly exitPrice: number | null;
  readonly levels: readonly ChartLevel[];
  readonly domain: readonly [number, number];
  /** Round price ticks (0.25, 0.5, 1 … apart) across the domain. */
  readonly ticks: readonly number[];
};

const STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100];

/** The smallest round step that splits `range` into at most `count` intervals. */
export function niceStep(range: number, count = 5): number {
  return STEPS.find((step) => range / step <= count) ?? Math.pow(10, Math.ceil(Math.log10(range / count)));
}

function closeAt(bars: readonly Bar[], ms: number): number | null {
  let best: Bar | null = null;
  for (const bar of bars) {
    if (bar.time <= ms) best = bar;
    else break;
  }
  return best ? best.close : null;
}

/**
 * The chart of one trade: bars from 45 min before entry to 45 min after exit, the entry and exit marks,
 * and the levels the scores used. A level far from the tape (more than the tape's own range away) is kept
 * off the price axis so the tape stays readable, and the legend says so. Null when the trade has no time of
 * day or no bars fall in the window.
 */
export function buildChartModel(entry: JournalEntry, bars: readonly Bar[]): ChartModel | null {
  const entryMs = epochOf(entry.entry_time);
  const exitMs = epochOf(entry.exit_time) ?? entryMs;
  if (entryMs === null || exitMs === null) return null;
  const from = entryMs - CHART_PAD_MIN * MINUTE;
  const to = exitMs + CHART_PAD_MIN * MINUTE;
  const sorted = [...bars].sort((a, b) => a.time - b.time);
  const session = sorted.filter((bar) => !bar.extended);
  const vwapAt = new Map<number, number | null>();
  vwapSeries(session).forEach((value, index) => vwapAt.set(session[index]?.time ?? 0, value));
  const points = sorted
    .filter((bar) => bar.time >= from && bar.time <= to)
    .map((bar) => ({ t: bar.time, open: bar.open, close: bar.close, high: bar.high, low: bar.low, vwap: vwapAt.get(bar.time) ?? null }));
  if (points.length === 0) return null;

  const low = Math.min(...points.map((p) => p.low));
  const high = Math.max(...points.map((p) => p.high));
  const range = Math.max(high - low, 0.01);
  const candidates: [ChartLevel['key'], string, number | null][] = [
    ['vwap', 'VWAP at entry', entry.levels.vwap_at_entry],
    ['max_pain', 'Max pain', entry.levels.max_pain],
    ['trap', 'Trap level', entry.levels.trap_level],
  ];
  const levels: ChartLevel[] = candidates
    .filter((candidate): candidate is [ChartLevel['key'], string, number] => candidate[2] !== null && Number.isFinite(candidate[2]))
    .map(([key, label, value]) => ({ key, label, value, offChart: value < low - range || value > high + range }));
  const drawn = levels.filter((level) => !level.offChart).map((level) => level.value);
  const min = Math.min(low, ...drawn);
  const max = Math.max(high, ...drawn);
  const step = niceStep(Math.max(max - min, 0.05));
  const lowTick = Math.floor(min / step) * step;
  const highTick = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let tick = lowTick; tick <= highTick + step / 2; tick += step) ticks.push(Math.round(tick * 100) / 100);

  return {
    points,
    entryMs,
    exitMs,
    entryPrice: entry.trade.underlying_entry ?? closeAt(sorted, entryMs),
    exitPrice: entry.trade.underlying_exit ?? closeAt(sorted, exitMs),
    levels,
    domain: [ticks[0] ?? min, ticks[ticks.length - 1] ?? max],
    ticks,
  };
}
