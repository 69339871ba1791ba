import type { Bar } from '../../domain/market.ts';
import type { RegretResult, TradeFeatures } from '../types.ts';
import { BAR_MS, barsBetween } from '../../market/barWindow.ts';
import { sessionDay } from '../../market/calendar.ts';
import { OPENING_RANGE_MIN } from '../../market/sessionLevels.ts';
import type { RegretContext } from './context.ts';
import { clamp01, PRICE_TICK, price, ratio, roundScore, score } from './scoreMath.ts';

/** A breakout is "at entry" when price was at or inside the level 5 minutes before entry and is beyond it at entry. */
export const TRAP_BREAKOUT_LOOKBACK_MIN = 5;
/** The breakout is judged on the bars of the 10 minutes after the entry minute. */
export const TRAP_WINDOW_MIN = 10;
/** A failed breakout (a close back inside the level and a move against the trade) scores at least 0.6 … */
export const TRAP_FAILED_BASE = 0.6;
/** … rising to 1 as the adverse move reaches 3 typical minute ranges: 0.6 + 0.4 · min(1, adverse / (3 · range)). */
export const TRAP_ADVERSE_RANGES = 3;
/** A breakout that held scores at most 0.2, in proportion to its adverse move: 0.2 · min(1, adverse / (3 · range)). */
export const TRAP_HELD_MAX = 0.2;
/** No breakout at entry: nothing to be trapped by. */
export const TRAP_NO_BREAKOUT_SCORE = 0;

export type TrapLevel = { readonly name: string; readonly level: number; readonly kind: 'high' | 'low' };

function extreme(bars: readonly Bar[], kind: 'high' | 'low'): number | null {
  if (bars.length === 0) return null;
  return kind === 'high' ? Math.max(...bars.map((bar) => bar.high)) : Math.min(...bars.map((bar) => bar.low));
}

/** The levels a trade of this direction could break at entry: session, opening-range and prior-session extremes. */
export function breakoutCandidates(context: RegretContext, lookbackStartMs: number): TrapLevel[] {
  const kind = context.sign === 1 ? 'high' : 'low';
  const sessionBars = context.sessionBars ?? [];
  const candidates: TrapLevel[] = [];
  const before = barsBetween(sessionBars, Number.NEGATIVE_INFINITY, lookbackStartMs - 1);
  const sessionExtreme = extreme(before, kind);
  if (sessionExtreme !== null) candidates.push({ name: `session ${kind}`, level: sessionExtreme, kind });
  const rangeEnd = sessionDay(context.entryDate).openMs + OPENING_RANGE_MIN * BAR_MS;
  if (rangeEnd <= lookbackStartMs) {
    const range = extreme(barsBetween(sessionBars, Number.NEGATIVE_INFINITY, rangeEnd - 1), kind);
    if (range !== null) candidates.push({ name: `opening-range ${kind}`, level: range, kind });
  }
  const prior = extreme(context.priorSessionBars, kind);
  if (prior !== null) candidates.push({ name: `prior-session ${kind}`, level: prior, kind });
  return candidates;
}

/**
 * trap_entry_regret. A breakout at entry: the close before the 5-minute lookback was at or inside a level
 * (bullish: ≤ a high; bearish: ≥ a low) and the underlying at entry is beyond it; the nearest broken level
 * is judged. In the 10 minutes after entry: a close back inside the level (necessarily against the trade, the
 * entry being beyond it) → 0.6 + 0.4 · severity; held → 0.2 · severity; severity = min(1, adverse /
 * (3 · typical minute range)). No breakout at entry → 0.
 */
export function scoreTrapEntryRegret(context: RegretContext): RegretResult & { readonly breakout: TradeFeatures['breakout']; readonly trapLevel: number | null } {
  const none = (explanation: string) => ({ score: null, explanation, breakout: null, trapLevel: null });
  const { entryMs, sessionBars, underlyingEntry, sign } = context;
  if (entryMs === null) return none(context.entryTimeReason ?? 'no entry time');
  if (sessionBars === null) return none(context.barsReason ?? 'no bars');
  if (underlyingEntry === null) return none('no underlying price at entry (no underlying_entry in the record, and no regular-hours bar within 5 min of it)');
  const entry = underlyingEntry.value;
  const lookbackStart = Math.floor(entryMs / BAR_MS) * BAR_MS - TRAP_BREAKOUT_LOOKBACK_MIN * BAR_MS;
  const before = barsBetween(sessionBars, Number.NEGATIVE_INFINITY, lookbackStart - 1);
  const reference = before[before.length - 1]?.close ?? sessionBars[0]?.open ?? entry;

  let broken: TrapLevel | null = null;
  for (const candidate of breakoutCandidates(context, lookbackStart)) {
    const wasInside = sign * (reference - candidate.level) <= 0;
    const isBeyond = sign * (entry - candidate.level) > 0;
    if (wasInside && isBeyond && (broken === null || sign * (candidate.level - broken.level) > 0)) broken = candidate;
  }
  const side = sign === 1 ? 'high' : 'low';
  if (broken === null) {
    return { score: TRAP_NO_BREAKOUT_SCORE, explanation: `no breakout at entry: ${price(entry)} did not newly clear a session, opening-range or prior-session ${side} in the ${TRAP_BREAKOUT_LOOKBACK_MIN} min before entry → ${score(TRAP_NO_BREAKOUT_SCORE)}`, breakout: null, trapLevel: null };
  }

  const after = barsBetween(sessionBars, Math.floor(entryMs / BAR_MS) * BAR_MS + BAR_MS, entryMs + TRAP_WINDOW_MIN * BAR_MS);
  if (after.length === 0) return { ...none(`entry broke the ${broken.name} ${price(broken.level)} but no regular-hours bars follow within ${TRAP_WINDOW_MIN} min to judge it`), trapLevel: broken.level };
  let deepestInside = 0;
  let worst = 0;
  for (const bar of after) {
    deepestInside = Math.max(deepestInside, -sign * (bar.close - broken.level));
    worst = Math.max(worst, sign === 1 ? entry - bar.low : bar.high - entry);
  }
  const fellBack = deepestInside > 0;
  const adverse = Math.max(0, worst);
  const unit = TRAP_ADVERSE_RANGES * Math.max(context.typicalMinuteRange ?? PRICE_TICK, PRICE_TICK);
  const severity = clamp01(adverse / unit);
  // The entry is beyond the level, so a close back inside it is always a move against the trade.
  const failed = fellBack;
  const raw = failed ? TRAP_FAILED_BASE + (1 - TRAP_FAILED_BASE) * severity : TRAP_HELD_MAX * severity;
  const unitText = `severity min(1, ${price(adverse)} / (${TRAP_ADVERSE_RANGES} × ${price(unit / TRAP_ADVERSE_RANGES)} typical minute range)) = ${ratio(severity)}`;
  const verdict = failed
    ? `within ${TRAP_WINDOW_MIN} min it closed back ${price(deepestInside)} inside and ran ${price(adverse)} against the trade: a failed breakout, ${TRAP_FAILED_BASE} + ${ratio(1 - TRAP_FAILED_BASE)} × severity (${unitText})`
    : `it held for ${TRAP_WINDOW_MIN} min, at worst ${price(adverse)} against the trade: ${TRAP_HELD_MAX} × severity (${unitText})`;
  return {
    score: roundScore(raw),
    explanation: `entry at underlying ${price(entry)} broke the ${broken.name} ${price(broken.level)}; ${verdict} → ${score(raw)}`,
    breakout: { level: broken.level, kind: broken.kind, failed },
    trapLevel: broken.level,
  };
}
