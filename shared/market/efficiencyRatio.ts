/**
 * Kaufman's efficiency ratio of a run of closes: |last − first| / Σ |close_i − close_{i−1}|. 1 is a straight
 * line, near 0 is chop that goes nowhere. A perfectly flat run has no direction at all and counts as 0.
 * Null with fewer than two closes.
 */
export function efficiencyRatio(closes: readonly number[]): number | null {
  if (closes.length < 2) return null;
  let path = 0;
  for (let index = 1; index < closes.length; index += 1) {
    path += Math.abs((closes[index] ?? 0) - (closes[index - 1] ?? 0));
  }
  const first = closes[0] ?? 0;
  const last = closes[closes.length - 1] ?? 0;
  if (!(path > 0)) return 0;
  return Math.min(1, Math.abs(last - first) / path);
}
