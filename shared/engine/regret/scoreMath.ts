import { etClock } from '../../market/calendar.ts';

/** Scores are rounded to this many decimals, so the number in the journal is the one the explanation quotes. */
export const SCORE_DECIMALS = 2;

/** Smallest price step used as a floor wherever a price range divides (one cent). */
export const PRICE_TICK = 0.01;

export function clamp01(value: number): number {
  if (!Number.isFinite(value)) return value > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, value));
}

export function roundScore(value: number): number {
  const factor = 10 ** SCORE_DECIMALS;
  return Math.round(clamp01(value) * factor) / factor;
}

/** Two decimals rounded the same way as the scores, so every figure in an explanation agrees with the score. */
export function fixed2(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return (rounded === 0 ? 0 : rounded).toFixed(2);
}

/**
 * A per-share option figure (premium, theta, a one-σ payoff, a delta): two decimals from 0.1 up, two
 * significant digits below (0.0031), so a cheap option's numbers are not all shown as 0.00.
 */
export function fine(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude === 0 || magnitude >= 0.1) return fixed2(value);
  if (magnitude < 0.0001) return value > 0 ? '<0.0001' : '>-0.0001';
  return value.toPrecision(2);
}

export function price(value: number): string {
  return fixed2(value);
}

export function score(value: number): string {
  return roundScore(value).toFixed(SCORE_DECIMALS);
}

export function ratio(value: number): string {
  return fixed2(value);
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** New York wall-clock "HH:MM" of an instant, so a window in an explanation can be found on a chart. */
export function hhmm(epochMs: number): string {
  const minute = Math.floor(etClock(epochMs).minuteOfDay);
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function minutes(value: number): string {
  return `${Math.round(value * 10) / 10} min`;
}
