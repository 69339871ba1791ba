import { blackScholes, intrinsicValue, type OptionRight, type Years } from './blackScholes.ts';

/** The search bracket for implied volatility: 1 % to 500 % a year covers every listed SPY option. */
export const IV_MIN = 0.01;
export const IV_MAX = 5;
/** Bisection stops when the bracket is narrower than this (volatility points as a decimal). */
export const IV_TOLERANCE = 1e-7;
/** Bisection halves the bracket at most this many times: 2^-100 · 5 is far below IV_TOLERANCE. */
export const IV_MAX_ITERATIONS = 100;
/** Premiums within this much (per share) of the bracket's end prices still invert, to absorb rounding. */
export const IV_PRICE_SLACK = 1e-6;

export type ImpliedVolatilityInput = {
  /** Premium per share actually paid or received. */
  readonly premium: number;
  readonly spot: number;
  readonly strike: number;
  readonly years: Years;
  readonly right: OptionRight;
  readonly rate?: number;
  readonly dividendYield?: number;
};

/**
 * The volatility σ in [IV_MIN, IV_MAX] at which Black–Scholes gives the premium, found by bisection (the
 * price rises monotonically with σ, so bisection always converges). Null when the premium has no time value
 * (at or below the intrinsic value, a zero premium included), is below the price at IV_MIN or above the price
 * at IV_MAX: such a premium is not explained by any one volatility in the bracket, and guessing one would
 * mislead every score built on it.
 */
export function impliedVolatility(input: ImpliedVolatilityInput): number | null {
  const { premium, spot, strike, years, right } = input;
  if (![premium, spot, strike, years].every(Number.isFinite) || spot <= 0 || strike <= 0 || years <= 0) return null;
  // A premium with no time value over intrinsic (a zero premium on a far out-of-the-money option, a deep
  // in-the-money option at parity) fits every volatility low enough: no single σ explains it.
  if (premium - intrinsicValue(spot, strike, right) <= IV_PRICE_SLACK) return null;
  const priceAt = (vol: number): number =>
    blackScholes({ spot, strike, years, vol, right, rate: input.rate ?? 0, dividendYield: input.dividendYield ?? 0 }).price;
  const lowPrice = priceAt(IV_MIN);
  const highPrice = priceAt(IV_MAX);
  if (premium < lowPrice - IV_PRICE_SLACK || premium > highPrice + IV_PRICE_SLACK) return null;
  if (premium <= lowPrice) return IV_MIN;
  if (premium >= highPrice) return IV_MAX;
  let low = IV_MIN;
  let high = IV_MAX;
  for (let iteration = 0; iteration < IV_MAX_ITERATIONS && high - low > IV_TOLERANCE; iteration += 1) {
    const mid = 0.5 * (low + high);
    if (priceAt(mid) < premium) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}

/** Why `impliedVolatility` gave null for these inputs, in words a trader can check; null when it inverts. */
export function ivFailureReason(input: ImpliedVolatilityInput): string | null {
  if (impliedVolatility(input) !== null) return null;
  const intrinsic = intrinsicValue(input.spot, input.strike, input.right);
  const shown = (value: number): string => value.toFixed(2);
  if (input.premium < intrinsic - IV_PRICE_SLACK) return `is below its intrinsic value ${shown(intrinsic)}`;
  if (input.premium - intrinsic <= IV_PRICE_SLACK) return `has no time value over its intrinsic value ${shown(intrinsic)}`;
  return `is outside the prices at ${IV_MIN * 100}%–${IV_MAX * 100}% vol`;
}
