import type { Years } from './blackScholes.ts';
import { sessionDay } from './calendar.ts';

/**
 * The engine's one clock for volatility and time: calendar time, a year being 365 days of 24 hours.
 * Implied volatility found with this clock and the time to expiry measured with it therefore agree, which
 * is all Black–Scholes needs (nights and weekends count, exactly as they do when the premium is implied).
 */
export const MS_PER_YEAR = 365 * 24 * 3600 * 1000;

/**
 * Floor on the time to expiry: 1 minute. As the close approaches, σ·√T → 0 and theta → ∞; the floor keeps
 * prices, greeks and the implied volatility finite and stable, and a trade at or after the bell is priced
 * as if one minute were left.
 */
export const MIN_TIME_TO_EXPIRY_MS = 60_000;

/** How far back an expiry that falls on a closed day is moved to the previous trading day (options expiring on a holiday expire the session before). */
export const EXPIRY_ROLLBACK_MAX_DAYS = 7;

/** Converts calendar milliseconds to years on the engine's clock. */
export function msToYears(ms: number): Years {
  return (ms / MS_PER_YEAR) as Years;
}

/** Minutes as years on the engine's clock. */
export function minutesToYears(minutes: number): Years {
  return msToYears(minutes * 60_000);
}

function previousDay(date: string): string {
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) - 1);
  return new Date(utc).toISOString().slice(0, 10);
}

/**
 * Epoch ms of the session close on the expiry day (13:00 ET on early-close days, 16:00 otherwise). An
 * expiry written on a closed day (a holiday, a weekend) expires at the previous trading session's close.
 */
export function expiryCloseMs(expiry: string): number {
  let date = expiry;
  for (let step = 0; step < EXPIRY_ROLLBACK_MAX_DAYS; step += 1) {
    const session = sessionDay(date);
    if (session.isTradingDay) return session.closeMs;
    date = previousDay(date);
  }
  return sessionDay(expiry).closeMs;
}

/** Calendar ms from `nowMs` to the expiry close, floored at MIN_TIME_TO_EXPIRY_MS. */
export function msToExpiry(nowMs: number, expiry: string): number {
  return Math.max(expiryCloseMs(expiry) - nowMs, MIN_TIME_TO_EXPIRY_MS);
}

/** Years from `nowMs` to the expiry day's real session close, floored at one minute. */
export function timeToExpiryYears(nowMs: number, expiry: string): Years {
  return msToYears(msToExpiry(nowMs, expiry));
}
