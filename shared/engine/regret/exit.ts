import { BAR_MS } from '../../market/barWindow.ts';
import { regularBarsBetween } from '../../market/sessionLevels.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { clamp01, PRICE_TICK, price, ratio, roundScore, score } from './scoreMath.ts';

/** Minutes after the exit in which the move the trade left behind is measured (regular hours only). */
export const EXIT_LOOKAHEAD_MIN = 30;
/**
 * A continuation after the exit of this many times the reference move (the trade's best excursion, at least
 * the noise floor) scores 1: missed = continuation / (EXIT_CONTINUATION_MULTIPLE · reference).
 */
export const EXIT_CONTINUATION_MULTIPLE = 3;
/** The reference move is at least this many typical minute ranges, so noise-sized excursions do not divide by ~0. */
export const EXIT_NOISE_RANGES = 1;

export type ExitExcursions = {
  /** Best favourable excursion of the underlying from entry, on the 1-minute path entry → exit (≥ 0). */
  readonly mfe: number;
  /** Worst adverse excursion from entry on the same path (≥ 0). */
  readonly mae: number;
  /** sign · (exit − entry): the move the trade kept. */
  readonly captured: number;
  /** Exit efficiency captured / MFE; null when the MFE is below the noise floor (a ratio of noise means nothing) or the exit lost ground (a negative efficiency means nothing either). */
  readonly efficiency: number | null;
  /** Best favourable move beyond the exit price within EXIT_LOOKAHEAD_MIN after the exit (≥ 0). */
  readonly continuation: number;
  readonly lookaheadBars: number;
};

/**
 * exit_regret = max(giveback, missed), with reference = max(MFE, EXIT_NOISE_RANGES · typical minute range):
 * giveback = (MFE − max(captured, 0)) / reference — 1 when the whole favourable excursion was given back;
 * missed = continuation / (EXIT_CONTINUATION_MULTIPLE · reference) — 1 when the move after the exit ran
 * three times the trade's best. Exiting at the trade's best price with nothing after it → 0.
 */
export function scoreExitRegret(context: RegretContext): RegretResult & { readonly excursions: ExitExcursions | null } {
  const none = (explanation: string) => ({ score: null, explanation, excursions: null });
  const { entryMs, exitMs, allBars, underlyingEntry, underlyingExit, sign } = context;
  if (context.holdReason !== null || entryMs === null || exitMs === null) return none(context.holdReason ?? 'no entry or exit time');
  if (allBars === null || context.sessionBars === null) return none(context.barsReason ?? 'no bars');
  if (underlyingEntry === null) return none('no underlying price at entry (no underlying_entry in the record, and no regular-hours bar within 5 min of it)');
  if (underlyingExit === null) return none('no underlying price at exit (no underlying_exit in the record, and no regular-hours bar within 5 min of it)');

  const entry = underlyingEntry.value;
  const exit = underlyingExit.value;
  // The price at a minute is that minute's close, so the entry bar's high and low happened before the entry:
  // the path the trade could reach starts with the next minute's bar (a zero-length hold has none).
  const entryMinute = Math.floor(entryMs / BAR_MS) * BAR_MS;
  const path = regularBarsBetween(allBars, entryMinute + BAR_MS, exitMs);
  let best = sign * (exit - entry);
  let worst = best;
  for (const bar of path) {
    const favourable = sign === 1 ? bar.high - entry : entry - bar.low;
    const adverse = sign === 1 ? bar.low - entry : entry - bar.high;
    if (favourable > best) best = favourable;
    if (adverse < worst) worst = adverse;
  }
  const captured = sign * (exit - entry);
  const mfe = Math.max(0, best);
  const mae = Math.max(0, -worst);

  const exitMinute = Math.floor(exitMs / BAR_MS) * BAR_MS;
  const lookahead = regularBarsBetween(allBars, exitMinute + BAR_MS, exitMs + EXIT_LOOKAHEAD_MIN * 60_000);
  let continuation = 0;
  for (const bar of lookahead) {
    const further = sign === 1 ? bar.high - exit : exit - bar.low;
    if (further > continuation) continuation = further;
  }

  const noise = EXIT_NOISE_RANGES * (context.typicalMinuteRange ?? PRICE_TICK);
  const reference = Math.max(mfe, noise, PRICE_TICK);
  const giveback = clamp01((mfe - Math.max(captured, 0)) / reference);
  const missed = clamp01(continuation / (EXIT_CONTINUATION_MULTIPLE * reference));
  const raw = Math.max(giveback, missed);
  const efficiency = mfe >= noise && mfe > 0 && captured >= 0 ? captured / mfe : null;
  const kept = Math.max(captured, 0);
  const referenceText = reference > mfe ? `the ${price(reference)} noise floor (${EXIT_NOISE_RANGES} typical minute range, above the MFE)` : `the ${price(reference)} MFE`;
  const efficiencyText =
    captured < 0
      ? `no efficiency: the exit was ${price(-captured)} on the losing side of the entry`
      : efficiency === null
        ? 'efficiency n/a: MFE within the noise'
        : `efficiency ${ratio(efficiency)} = ${price(captured)} / ${price(mfe)}`;
  const givebackText = `giveback (${price(mfe)} − ${price(kept)}) / ${referenceText} = ${ratio(giveback)}`;
  const after =
    lookahead.length === 0
      ? `no regular-hours bars in the ${EXIT_LOOKAHEAD_MIN} min after the exit (missed 0.00)`
      : `within ${EXIT_LOOKAHEAD_MIN} min after the exit the underlying went ${price(continuation)} further the trade's way: missed ${price(continuation)} / (${EXIT_CONTINUATION_MULTIPLE} × ${price(reference)}) = ${ratio(missed)}`;
  const explanation = `underlying points, measured in the trade's direction: MFE ${price(mfe)}, MAE ${price(mae)}, captured ${price(captured)} (${efficiencyText}); ${givebackText}; ${after}; the larger → ${score(raw)}`;
  return { score: roundScore(raw), explanation, excursions: { mfe, mae, captured, efficiency, continuation, lookaheadBars: lookahead.length } };
}
