import type { Bar } from '../../domain/market.ts';
import { barsBetween } from '../../market/barWindow.ts';
import { etClock } from '../../market/calendar.ts';
import { efficiencyRatio } from '../../market/efficiencyRatio.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { clamp01, ratio, roundScore, score } from './scoreMath.ts';

/** The mid-day chop block, [10:30, 12:30) ET in minutes since midnight: the seed's "high regret zone". */
export const TIMING_CHOP_START_MINUTE = 10 * 60 + 30;
export const TIMING_CHOP_END_MINUTE = 12 * 60 + 30;
/** Kaufman's efficiency ratio is taken over the closes of the 15 minutes up to the entry minute. */
export const TIMING_ER_WINDOW_MIN = 15;
/** Fewer closes than this in the window and the tape part is dropped from the blend. */
export const TIMING_ER_MIN_CLOSES = 5;

export type ErPercentile = { readonly rank: number; readonly er: number };
/**
 * The measured distribution of the tape: percentiles of the 15-minute efficiency ratio at every regular-hours
 * minute of the real SPY bars in test/fixtures/real/bars (seven sessions, two vendors: 2,692 minutes; the test
 * "timing_regret: the tape percentiles are the real tape's" re-measures them). A random walk of 15 one-minute
 * steps has a median ER of about 1/√15 ≈ 0.26, and the real tape looks like one: its median is 0.22, and an ER
 * of 0.5 (once called "trending") is reached on only 13 % of minutes. P90 0.549 and P95 0.641 are
 * measured too but not needed, since the tape part is 0 from P75 up.
 */
export const TIMING_TAPE_ER_PERCENTILES: readonly ErPercentile[] = [
  { rank: 0, er: 0 },
  { rank: 0.1, er: 0.038 },
  { rank: 0.25, er: 0.101 },
  { rank: 0.5, er: 0.223 },
  { rank: 0.75, er: 0.375 },
];
/**
 * A window at least as directional as three in four of the real tape's (ER ≥ its P75) is a trending tape:
 * tape part 0. Below, the part rises linearly with how few windows were choppier: tape = 1 − rank / 0.75, so
 * the choppiest quarter of the tape scores ≥ 0.67 and ≥ 0.7 means the choppiest 22 %.
 */
export const TIMING_TAPE_TRENDING_RANK = 0.75;
/** The ER at TIMING_TAPE_TRENDING_RANK (the real tape's P75): at or above it the tape trends. */
export const TIMING_ER_TRENDING = 0.375;
/**
 * The chop block's part when the tape measurably trends (ER ≥ TIMING_ER_TRENDING): mid-day is the seed's
 * "high regret zone" because it is usually chop, but a tape that demonstrably trends is not chop, so inside
 * the block the part is TIMING_CHOP_BLOCK_TRENDING + (1 − TIMING_CHOP_BLOCK_TRENDING) · tape (1 with a choppy
 * or unmeasured tape, 0.5 with a trending one).
 */
export const TIMING_CHOP_BLOCK_TRENDING = 0.5;

/** Kaufman's efficiency ratio of the closes of the TIMING_ER_WINDOW_MIN minutes up to `atMs` in `sessionBars`; null with too few closes. */
export function efficiencyRatioBefore(sessionBars: readonly Bar[], atMs: number): { readonly value: number | null; readonly closes: number } {
  const closes = barsBetween(sessionBars, atMs - TIMING_ER_WINDOW_MIN * 60_000, atMs).map((bar) => bar.close);
  return { value: closes.length >= TIMING_ER_MIN_CLOSES ? efficiencyRatio(closes) : null, closes: closes.length };
}

/** Kaufman's efficiency ratio of the closes of the TIMING_ER_WINDOW_MIN minutes up to the entry; null with too few closes. */
export function entryEfficiencyRatio(context: RegretContext): { readonly value: number | null; readonly closes: number } {
  if (context.entryMs === null || context.sessionBars === null) return { value: null, closes: 0 };
  return efficiencyRatioBefore(context.sessionBars, context.entryMs);
}

/**
 * Where an efficiency ratio sits in the real tape's distribution: the share of its 15-minute windows that were
 * choppier, by linear interpolation between the TIMING_TAPE_ER_PERCENTILES; TIMING_TAPE_TRENDING_RANK and up
 * are not told apart (the table stops there).
 */
export function tapeRank(efficiency: number): number {
  const knots = TIMING_TAPE_ER_PERCENTILES;
  for (let index = 1; index < knots.length; index += 1) {
    const low = knots[index - 1] as ErPercentile;
    const high = knots[index] as ErPercentile;
    if (efficiency <= high.er) return low.rank + ((high.rank - low.rank) * Math.max(0, efficiency - low.er)) / (high.er - low.er);
  }
  return (knots[knots.length - 1] as ErPercentile).rank;
}

/** The tape part: 1 − rank / TIMING_TAPE_TRENDING_RANK, clamped; 1 for a flat run, 0 from the real tape's P75 up. */
export function tapePart(efficiency: number): number {
  return clamp01(1 - tapeRank(efficiency) / TIMING_TAPE_TRENDING_RANK);
}

export type TimingParts = {
  readonly chopBlock: number | null;
  readonly tape: number | null;
  readonly mesh: number | null;
  readonly efficiencyRatio: number | null;
};

const percentile = (rank: number): string => `P${Math.round(rank * 100)}`;

/**
 * timing_regret = the worst of three parts, each in [0, 1], so any one of them (entry in mid-day chop, a choppy
 * tape, a split mesh) is enough for a high score and an aligned mesh in a trending tape outside the chop
 * block scores 0: chop block (0 outside 10:30–12:30 ET; inside, 1 with a choppy or unmeasured tape and down
 * to 0.5 with a trending one), tape = 1 − (percentile of the 15-minute ER before entry on the real tape) / 0.75
 * (clamped), mesh = 1 − mesh alignment. Parts that cannot be measured are dropped and named.
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
      tape = tapePart(efficiency);
      const rank = tapeRank(efficiency);
      tapeText =
        rank >= TIMING_TAPE_TRENDING_RANK
          ? `tape 0.00 (${TIMING_ER_WINDOW_MIN}-min efficiency ratio ${ratio(efficiency)} ≥ ${TIMING_ER_TRENDING}, the real tape's ${percentile(TIMING_TAPE_TRENDING_RANK)}: trending)`
          : `tape ${ratio(tape)} (${TIMING_ER_WINDOW_MIN}-min efficiency ratio ${ratio(efficiency)}, the real tape's ${percentile(rank)}; 1 − ${ratio(rank)} / ${TIMING_TAPE_TRENDING_RANK})`;
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
