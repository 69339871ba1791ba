import type { Years } from './blackScholes.ts';

/**
 * The one-standard-deviation move of the underlying over a span: S · σ · √T, T in years on the engine's
 * clock. Zero when any input is not positive, never NaN.
 */
export function expectedMove(spot: number, vol: number, years: Years): number {
  if (!(spot > 0) || !(vol > 0) || !(years > 0)) return 0;
  return spot * vol * Math.sqrt(years);
}
