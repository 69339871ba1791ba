import { barsBetween } from '../../market/barWindow.ts';
import { etClock } from '../../market/calendar.ts';
import { efficiencyRatio } from '../../market/efficiencyRatio.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { clamp01, ratio, roundScore, score } from './scoreMath.ts';

/** The mid-day chop block, [10:30, 12:30) ET in minutes since midnight: an entry inside it scores chop = 1, else 0. */
export const TIMING_CHOP_START_MINUTE = 10 * 60 + 30;
export const TIMING_CHOP_END_MINUTE = 12 * 60 + 30;
/** Kaufman's efficiency ratio is taken over the closes of the 15 minutes up to the entry minute. */
export const TIMING_ER_WINDOW_MIN = 15;
/** Fewer closes than this in the window and the tape part is dropped from the blend. */
export const TIMING_ER_MIN_CLOSES = 5;
/** An efficiency ratio at or above this is a trending tape (tape part 0): tape = max(0, 1 − ER / 0.5). */
export const TIMING_ER_TRENDING = 0.5;
/**
 * The chop block's part when the tape measurably trends (ER ≥ TIMING_ER_TRENDING): mid-day is the seed's
 * "high regret zone" because it is usually chop, but a tape that demonstrably trends is not chop, so inside
 * the block the part is TIMING_CHOP_BLOCK_TRENDING + (1 − TIMING_CHOP_BLOCK_TRENDING) · tape (1 with a choppy
 * or unmeasured tape, 0.5 with a trending one).
 */
export const TIMING_CHOP_BLOCK_TRENDING = 0.5;

/** Kaufman's efficiency ratio of the closes of the TIMING_ER_WINDOW_MIN minutes up to the entry; null with too few closes. */
export function entryEfficiencyRatio(context: RegretContext): { readonly value: number | null; readonly closes: number } {
  if (context.entryMs === null || context.sessionBars === null) return { value: null, closes: 0 };
  const closes = barsBetween(context.sessionBars, context.entryMs - TIMING_ER_WINDOW_MIN * 60_000, context.entryMs).map((bar) => bar.close);
  return { value: closes.length >= TIMING_ER_MIN_CLOSES ? efficiencyRatio(closes) : null, closes: closes.length };
}

export type TimingParts = {
  readonly chopBlock: number | null;
  readonly tape: number | null;
  readonly mesh: number | null;
  readonly efficiencyRatio: number | null;
};

/**
 * timing_regret = the worst of three parts, each in [0, 1], so any one of them (entry in mid-day chop, a choppy
 * tape, a split mesh) is enough for a high score and an aligned mesh in a trending tape outside the chop
 * block scores 0: chop block (0 outside 10:30–12:30 ET; inside, 1 with a choppy or unmeasured tape and down
 * to 0.5 with a trending one), tape = 1 − ER/0.5 (clamped) on the 15 minutes before entry, mesh = 1 − mesh
 * alignment. Parts that cannot be measured are dropped and named.
 */
export function scoreTimingRegret(context: RegretContext): RegretResult & { readonly parts: TimingParts } {
  const empty: TimingParts = { chopBlock: null, tape: null, mesh: null, efficiencyRatio: null };
  if (context.entryMs === null) return { score: null, explanation: context.entryTimeReason ?? 'no entry time', parts: empty };
  const entryMs = context.entryMs;
  const minute = etClock(entryMs).minuteOfDay;
  const inBlock = minute >= TIMING_CHOP_START_MINUTE && minute < TIMING_CHOP_END_MINUTE;
  const pieces: string[] = [];
  const missing: string[] = [];

  let efficiency: number | null = null;
  let tape: number | null = null;
  let tapeText: string | null = null;
  if (context.sessionBars === null) missing.push(`tape (${context.barsReason ?? 'no bars'})`);
  else {
    const measured = entryEfficiencyRatio(context);
    efficiency = measured.value;
    if (efficiency === null) missing.push(`tape (only ${measured.closes} closes in the ${TIMING_ER_WINDOW_MIN} min before entry)`);
    else {
      tape = clamp01(1 - efficiency / TIMING_ER_TRENDING);
      tapeText = `tape ${ratio(tape)} (${TIMING_ER_WINDOW_MIN}-min efficiency ratio ${ratio(efficiency)}; 1 − ER / ${TIMING_ER_TRENDING})`;
    }
  }

  const chopBlock = !inBlock ? 0 : tape === null ? 1 : TIMING_CHOP_BLOCK_TRENDING + (1 - TIMING_CHOP_BLOCK_TRENDING) * tape;
  pieces.push(
    !inBlock
      ? 'chop block 0.00 (entry outside 10:30–12:30 ET)'
      : tape === null
        ? 'chop block 1.00 (entry in 10:30–12:30 ET, tape unmeasured)'
        : `chop block ${ratio(chopBlock)} (entry in 10:30–12:30 ET: ${TIMING_CHOP_BLOCK_TRENDING} + ${1 - TIMING_CHOP_BLOCK_TRENDING} × tape)`,
  );
  if (tapeText !== null) pieces.push(tapeText);

  let mesh: number | null = null;
  if (context.meshAlignment === null) missing.push('mesh (no entry agent with a weight)');
  else {
    mesh = clamp01(1 - context.meshAlignment);
    pieces.push(`mesh ${ratio(mesh)} (1 − mesh alignment ${ratio(context.meshAlignment)})`);
  }

  const parts = [chopBlock, tape, mesh].filter((part): part is number => part !== null);
  const raw = Math.max(...parts);
  const dropped = missing.length > 0 ? `; dropped: ${missing.join(', ')}` : '';
  return {
    score: roundScore(raw),
    explanation: `${pieces.join(', ')}${dropped}; the worst → ${score(raw)}`,
    parts: { chopBlock, tape, mesh, efficiencyRatio: efficiency },
  };
}
