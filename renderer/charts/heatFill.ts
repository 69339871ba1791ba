import { regretStep } from '../format.ts';

/**
 * Background of a regret heat cell: the theme's regret step mixed into the panel colour, so the number
 * printed on it stays readable with the theme's own text colour in dark and light. Null is no fill.
 */
export function regretFill(mean: number | null): string | undefined {
  const step = regretStep(mean);
  if (step === null) return undefined;
  return `color-mix(in srgb, var(--regret-${step}) 62%, var(--panel))`;
}
