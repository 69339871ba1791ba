import { regretStep } from '../format.ts';

/** Below this many scored trades a cell's mean is drawn pale: one trade is an anecdote, not a pattern. */
export const THIN_SAMPLE = 3;

/**
 * Background of a regret heat cell: the theme's regret step mixed into the panel colour, so the number
 * printed on it stays readable with the theme's own text colour in dark and light; paler for a thin
 * sample (n below THIN_SAMPLE). Null is no fill.
 */
export function regretFill(mean: number | null, n: number | null = null): string | undefined {
  const step = regretStep(mean);
  if (step === null) return undefined;
  // 46 % at most keeps the number printed on the fill at 4.5:1 or better in both themes (WCAG AA).
  const strength = n !== null && n < THIN_SAMPLE ? 26 : 46;
  return `color-mix(in srgb, var(--regret-${step}) ${strength}%, var(--panel))`;
}
