import { barsBetween, upperBound } from '../../market/barWindow.ts';
import { sessionDay } from '../../market/calendar.ts';
import { OPENING_RANGE_MIN } from '../../market/sessionLevels.ts';
import type { RegretInput, TradeFeatures } from '../types.ts';
import { buildRegretContext, type RegretContext } from './context.ts';
import { distanceInExpectedMoves } from './pin.ts';
import { entryEfficiencyRatio } from './timing.ts';
import { scoreTrapEntryRegret } from './trapEntry.ts';
import { PRICE_TICK } from './scoreMath.ts';

/** A level counts as tested when a bar of the 10 minutes up to entry reached within 1 typical minute range of it … */
export const REJECTION_LOOKBACK_MIN = 10;
export const REJECTION_TOUCH_RANGES = 1;
/** … and the entry sits on the rejecting side no farther than 5 typical minute ranges from it. */
export const REJECTION_MAX_DISTANCE_RANGES = 5;
/** The gamma-flip level counts as crossed when the closes of the 15 minutes up to entry lie on both sides of it. */
export const GEX_FLIP_LOOKBACK_MIN = 15;

type NamedLevel = { readonly name: string; readonly level: number };

function keyLevels(context: RegretContext, lookbackStartMs: number): NamedLevel[] {
  const levels: NamedLevel[] = [];
  const bars = context.sessionBars ?? [];
  const entryMs = context.entryMs ?? lookbackStartMs;
  const vwap = context.sessionBars === null ? null : (context.sessionVwaps[upperBound(context.sessionBars, entryMs) - 1] ?? null);
  if (vwap !== null) levels.push({ name: 'VWAP', level: vwap });
  const before = barsBetween(bars, Number.NEGATIVE_INFINITY, lookbackStartMs - 1);
  if (before.length > 0) {
    levels.push({ name: 'session high', level: Math.max(...before.map((bar) => bar.high)) });
    levels.push({ name: 'session low', level: Math.min(...before.map((bar) => bar.low)) });
  }
  const rangeEnd = sessionDay(context.entryDate).openMs + OPENING_RANGE_MIN * 60_000;
  const range = rangeEnd <= lookbackStartMs ? barsBetween(bars, Number.NEGATIVE_INFINITY, rangeEnd - 1) : [];
  if (range.length > 0) {
    levels.push({ name: 'opening-range high', level: Math.max(...range.map((bar) => bar.high)) });
    levels.push({ name: 'opening-range low', level: Math.min(...range.map((bar) => bar.low)) });
  }
  const prior = context.priorSessionBars;
  if (prior.length > 0) {
    levels.push({ name: 'prior-session high', level: Math.max(...prior.map((bar) => bar.high)) });
    levels.push({ name: 'prior-session low', level: Math.min(...prior.map((bar) => bar.low)) });
  }
  const day = context.dayContext;
  if (day?.call_wall !== undefined) levels.push({ name: 'call wall', level: day.call_wall });
  if (day?.put_wall !== undefined) levels.push({ name: 'put wall', level: day.put_wall });
  if (day?.max_pain !== undefined) levels.push({ name: 'max pain', level: day.max_pain });
  if (day?.gex_flip !== undefined) levels.push({ name: 'gamma flip', level: day.gex_flip });
  return levels;
}

/**
 * The level a fade entry leaned on: bullish — a level below the entry whose test (a low within
 * REJECTION_TOUCH_RANGES typical ranges of it, or through it) happened in the 10 minutes up to entry, with the
 * entry back above it by at most REJECTION_MAX_DISTANCE_RANGES ranges; bearish mirrored. The nearest such level.
 */
export function findRejection(context: RegretContext): TradeFeatures['rejection'] {
  const { entryMs, sessionBars, underlyingEntry, sign } = context;
  if (entryMs === null || sessionBars === null || underlyingEntry === null) return null;
  const lookbackStart = entryMs - REJECTION_LOOKBACK_MIN * 60_000;
  const window = barsBetween(sessionBars, lookbackStart, entryMs);
  if (window.length === 0) return null;
  const unit = Math.max(context.typicalMinuteRange ?? PRICE_TICK, PRICE_TICK);
  const entry = underlyingEntry.value;
  const tested = sign === 1 ? Math.min(...window.map((bar) => bar.low)) : Math.max(...window.map((bar) => bar.high));
  let best: NamedLevel | null = null;
  for (const candidate of keyLevels(context, lookbackStart)) {
    const clearance = sign * (entry - candidate.level);
    const reached = sign * (tested - candidate.level) <= REJECTION_TOUCH_RANGES * unit;
    if (clearance > 0 && clearance <= REJECTION_MAX_DISTANCE_RANGES * unit && reached) {
      if (best === null || clearance < sign * (entry - best.level)) best = candidate;
    }
  }
  return best === null ? null : { level: best.level, name: best.name };
}

/** True when the closes of the GEX_FLIP_LOOKBACK_MIN minutes up to entry (and the entry price) lie on both sides of the flip. */
export function crossedLevelBeforeEntry(context: RegretContext, level: number | undefined): boolean {
  if (level === undefined || context.entryMs === null || context.sessionBars === null) return false;
  const prices = barsBetween(context.sessionBars, context.entryMs - GEX_FLIP_LOOKBACK_MIN * 60_000, context.entryMs).map((bar) => bar.close);
  if (context.underlyingEntry !== null) prices.push(context.underlyingEntry.value);
  return prices.some((value) => value < level) && prices.some((value) => value > level);
}

/** TradeFeatures from a built context and the breakout the trap scorer found (so it is computed once). */
export function assembleTradeFeatures(context: RegretContext, breakout: TradeFeatures['breakout']): TradeFeatures {
  const day = context.dayContext;
  return {
    underlyingAtEntry: context.underlyingEntry?.value ?? null,
    underlyingAtExit: context.underlyingExit?.value ?? null,
    breakout,
    rejection: findRejection(context),
    maxPainDistanceEm: distanceInExpectedMoves(context, day?.max_pain),
    gexFlipDistanceEm: distanceInExpectedMoves(context, day?.gex_flip),
    crossedGexFlip: crossedLevelBeforeEntry(context, day?.gex_flip),
    efficiencyRatio: entryEfficiencyRatio(context).value,
    minutesToCloseAtEntry: context.minutesToCloseAtEntry,
  };
}

/** The tape facts around one trade, for the archetype classifier (same inputs as scoreRegrets). */
export function computeTradeFeatures(input: RegretInput): TradeFeatures {
  const context = buildRegretContext(input);
  return assembleTradeFeatures(context, scoreTrapEntryRegret(context).breakout);
}
