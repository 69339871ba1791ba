import type { Bar } from '../../domain/market.ts';
import { BAR_MS } from '../../market/barWindow.ts';
import { regularBarsBetween } from '../../market/sessionLevels.ts';
import type { RegretResult } from '../types.ts';
import type { RegretContext } from './context.ts';
import { clamp01, PRICE_TICK, price, ratio, roundScore, score } from './scoreMath.ts';

/** Minutes after the exit in which the move the trade left behind is measured (regular hours only). */
export const EXIT_LOOKAHEAD_MIN = 30;
/**
 * A continuation after the exit of this many times the trade's range scores 1:
 * missed = continuation / (EXIT_CONTINUATION_MULTIPLE · range).
 */
export const EXIT_CONTINUATION_MULTIPLE = 3;
/**
 * The trade's range gets this many typical minute ranges of slack (range = MFE + MAE + 1 typical minute
 * range): prices a minute's wiggle apart are not told apart, so an exit at the extreme of a path no bigger than
 * the noise is not a certain 1 (or 0), and a bigger loss always scores more than a smaller one.
 */
export const EXIT_NOISE_RANGES = 1;
/**
 * How much an adverse run held through adds: overstay = position + (1 − position) · 0.5 · adverse share.
 * Sitting through a drawdown that was the whole of the trade's range is half a regret even when the exit then
 * came at the best price after it; getting out at the bottom of the range is the whole regret. Half, because the
 * drawdown may have been the price of a trade that came good (SPEC: the best exit scores near 0), while a trade
 * that never went the trade's way and was held anyway (a straight adverse run) must not score near 0.
 */
export const EXIT_ADVERSE_WEIGHT = 0.5;

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
  /** MFE + MAE + EXIT_NOISE_RANGES typical minute ranges: the trade's range, the unit of every part. */
  readonly range: number;
  /** (MFE − captured) / range, the giveback: where the exit sat in the range, 0 at the best price reached, near 1 at the worst. */
  readonly position: number;
  /** MAE / range: the share of the range that ran against the trade. */
  readonly adverse: number;
};

/**
 * exit_regret = max(overstay, missed) — the seed's "overstayed into reversal or missed continuation" — in the
 * trade's range = MFE + MAE + EXIT_NOISE_RANGES · typical minute range:
 * position = (MFE − captured) / range (the giveback from the best price reached, a loss beyond the entry
 * included), adverse = MAE / range, overstay = position + (1 − position) · EXIT_ADVERSE_WEIGHT · adverse;
 * missed = continuation / (EXIT_CONTINUATION_MULTIPLE · range), 1 when the move after the exit ran three times
 * the trade's range. Exiting at the trade's best price with no drawdown and nothing after it → 0; out at the
 * bottom of a straight adverse run → near 1; the more given back or lost, the higher.
 */
export function scoreExitRegret(context: RegretContext): RegretResult & { readonly excursions: ExitExcursions | null } {
  const none = (explanation: string) => ({ score: null, explanation, excursions: null });
  const { entryMs, exitMs, allBars, underlyingEntry, underlyingExit, sign } = context;
  if (context.holdReason !== null || entryMs === null || exitMs === null) return none(context.holdReason ?? 'no entry or exit time');
  if (allBars === null || context.sessionBars === null) return none(context.barsReason ?? 'no bars');
  if (underlyingEntry === null) return none('no underlying price at entry (no underlying_entry in the record, and no regular-hours bar within 5 min of it)');
  if (underlyingExit === null) return none('no underlying price at exit (no underlying_exit in the record, and no regular-hours bar within 5 min of it)');

  const entryMinute = Math.floor(entryMs / BAR_MS) * BAR_MS;
  const exitMinute = Math.floor(exitMs / BAR_MS) * BAR_MS;
  return scoreExcursionPath({
    entry: underlyingEntry.value,
    exit: underlyingExit.value,
    sign,
    // The price at a minute is that minute's close, so the entry bar's high and low happened before the entry:
    // the path the trade could reach starts with the next minute's bar (a zero-length hold has none).
    path: regularBarsBetween(allBars, entryMinute + BAR_MS, exitMs),
    lookahead: regularBarsBetween(allBars, exitMinute + BAR_MS, exitMs + EXIT_LOOKAHEAD_MIN * 60_000),
    noise: EXIT_NOISE_RANGES * (context.typicalMinuteRange ?? PRICE_TICK),
    unit: 'underlying points',
    mover: 'the underlying',
  });
}

export type ExcursionPathInput = {
  readonly entry: number;
  readonly exit: number;
  /** +1 when a rising price favours the trade, −1 when a falling one does. */
  readonly sign: 1 | -1;
  /** Bars after the entry minute up to the exit, and the EXIT_LOOKAHEAD_MIN after the exit. */
  readonly path: readonly Bar[];
  readonly lookahead: readonly Bar[];
  /** EXIT_NOISE_RANGES typical minute ranges of this price. */
  readonly noise: number;
  /** How the figures are measured, e.g. "underlying points" or "premium per share (the option's own 1-minute bars)". */
  readonly unit: string;
  /** What moved after the exit, e.g. "the underlying" or "the premium". */
  readonly mover: string;
};

/** The exit_regret formula on any price path: the underlying's, or the option's own premium. */
export function scoreExcursionPath(input: ExcursionPathInput): RegretResult & { readonly excursions: ExitExcursions } {
  const { entry, exit, sign, path, lookahead, noise } = input;
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
  let continuation = 0;
  for (const bar of lookahead) {
    const further = sign === 1 ? bar.high - exit : exit - bar.low;
    if (further > continuation) continuation = further;
  }
  const range = mfe + mae + Math.max(noise, PRICE_TICK);
  const position = clamp01((mfe - captured) / range);
  const adverse = clamp01(mae / range);
  const overstay = position + (1 - position) * EXIT_ADVERSE_WEIGHT * adverse;
  const missed = clamp01(continuation / (EXIT_CONTINUATION_MULTIPLE * range));
  const raw = Math.max(overstay, missed);
  const efficiency = mfe >= noise && mfe > 0 && captured >= 0 ? captured / mfe : null;
  const efficiencyText =
    captured < 0
      ? `no efficiency: the exit was ${price(-captured)} on the losing side of the entry`
      : efficiency === null
        ? 'efficiency n/a: MFE within the noise'
        : `efficiency ${ratio(efficiency)} = ${price(captured)} / ${price(mfe)}`;
  const rangeText = `range ${price(range)} = MFE + MAE + ${price(range - mfe - mae)} noise (${EXIT_NOISE_RANGES} typical minute range)`;
  const overstayText = `overstay: giveback (${price(mfe)} − ${price(captured)}) / ${price(range)} = ${ratio(position)} of the range, adverse ${price(mae)} / ${price(range)} = ${ratio(adverse)}: ${ratio(position)} + (1 − ${ratio(position)}) × ${EXIT_ADVERSE_WEIGHT} × ${ratio(adverse)} = ${ratio(overstay)}`;
  const after =
    lookahead.length === 0
      ? `no regular-hours bars in the ${EXIT_LOOKAHEAD_MIN} min after the exit (missed 0.00)`
      : `within ${EXIT_LOOKAHEAD_MIN} min after the exit ${input.mover} went ${price(continuation)} further the trade's way: missed ${price(continuation)} / (${EXIT_CONTINUATION_MULTIPLE} × ${price(range)}) = ${ratio(missed)}`;
  const explanation = `${input.unit}, measured in the trade's direction: MFE ${price(mfe)}, MAE ${price(mae)}, captured ${price(captured)} (${efficiencyText}); ${rangeText}; ${overstayText}; ${after}; the larger → ${score(raw)}`;
  return { score: roundScore(raw), explanation, excursions: { mfe, mae, captured, efficiency, continuation, lookaheadBars: lookahead.length, range, position, adverse } };
}

