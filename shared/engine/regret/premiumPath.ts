import type { Bar } from '../../domain/market.ts';
import type { TradeRecord } from '../../domain/trade.ts';
import { BAR_MS, barsBetween } from '../../market/barWindow.ts';
import type { RegretResult } from '../types.ts';
import { ENTRY_WINDOW_MIN, scoreEntryWindow } from './entry.ts';
import { EXIT_LOOKAHEAD_MIN, EXIT_NOISE_RANGES, scoreExcursionPath } from './exit.ts';
import { PRICE_TICK } from './scoreMath.ts';

/**
 * The option's own 1-minute bars, when they were imported (an OCC symbol such as SPY250506P00551000), judge the
 * entry and the exit on the premium the trader actually paid and received, not on the underlying: a buyer's
 * best entry is the window's lowest premium, a seller's its highest, and the exit's excursions are the
 * premium's. The premium path is used only where the option traded often enough to have a path: at least
 * PREMIUM_PATH_MIN_COVERAGE of the hold's minutes with a bar (and PREMIUM_PATH_MIN_BARS bars); otherwise the
 * underlying's path is used and the explanation says why.
 */
export const PREMIUM_PATH_MIN_COVERAGE = 0.5;
export const PREMIUM_PATH_MIN_BARS = 3;
/** Minutes before the entry whose mean premium range is the premium's unit of noise. */
const NOISE_WINDOW_MIN = 30;

/** The OCC option symbol of a trade's contract: root, yymmdd, C/P, strike × 1000 in eight digits. */
export function occSymbol(trade: Pick<TradeRecord, 'symbol' | 'expiry' | 'right' | 'strike'>): string {
  const date = trade.expiry.replace(/-/g, '').slice(2);
  return `${trade.symbol.trim().toUpperCase()}${date}${trade.right}${String(Math.round(trade.strike * 1000)).padStart(8, '0')}`;
}

export type PremiumPath = { readonly entry: RegretResult; readonly exit: RegretResult } | { readonly reason: string };

const PREFIX = "premium path (the option's own 1-minute bars): ";

export function premiumPathRegrets(trade: TradeRecord, optionBars: readonly Bar[] | null | undefined, entryMs: number | null, exitMs: number | null): PremiumPath {
  if (trade.legs) return { reason: `a ${trade.strategy ?? 'multi-leg'} trade: its premium path would need every leg's bars at the same minutes` };
  if (optionBars === null || optionBars === undefined || optionBars.length === 0) return { reason: `no 1-minute bars of ${occSymbol(trade)}` };
  if (entryMs === null || exitMs === null || exitMs < entryMs) return { reason: 'no entry and exit times of day' };
  const entryMinute = Math.floor(entryMs / BAR_MS) * BAR_MS;
  const exitMinute = Math.floor(exitMs / BAR_MS) * BAR_MS;
  const held = barsBetween(optionBars, entryMinute, exitMinute);
  const minutesHeld = (exitMinute - entryMinute) / BAR_MS + 1;
  if (held.length < Math.max(PREMIUM_PATH_MIN_BARS, PREMIUM_PATH_MIN_COVERAGE * minutesHeld)) {
    return { reason: `${occSymbol(trade)} traded in ${held.length} of the ${minutesHeld} minutes held (the premium path needs ${Math.round(PREMIUM_PATH_MIN_COVERAGE * 100)} % and ${PREMIUM_PATH_MIN_BARS} bars)` };
  }
  const long = trade.side === 'long';
  const windowMs = ENTRY_WINDOW_MIN * 60_000;
  const entry = scoreEntryWindow({ entry: trade.entry_price, window: barsBetween(optionBars, entryMs - windowMs, entryMs + windowMs), bullish: long, what: 'premium' });
  const before = barsBetween(optionBars, entryMs - NOISE_WINDOW_MIN * 60_000, entryMs);
  const noiseBars = before.length >= PREMIUM_PATH_MIN_BARS ? before : held;
  const typical = Math.max(noiseBars.reduce((total, bar) => total + (bar.high - bar.low), 0) / noiseBars.length, PRICE_TICK);
  const exit = scoreExcursionPath({
    entry: trade.entry_price,
    exit: trade.exit_price,
    sign: long ? 1 : -1,
    path: barsBetween(optionBars, entryMinute + BAR_MS, exitMs),
    lookahead: barsBetween(optionBars, exitMinute + BAR_MS, exitMs + EXIT_LOOKAHEAD_MIN * 60_000),
    noise: EXIT_NOISE_RANGES * typical,
    unit: 'premium per share',
    mover: 'the premium',
  });
  return { entry: { ...entry, explanation: PREFIX + entry.explanation }, exit: { score: exit.score, explanation: PREFIX + exit.explanation } };
}
