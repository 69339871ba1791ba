/**
 * The tests behind the memory triggers. Every pattern compares a group of trades with the rest of the same
 * journal, so each test here is two-sample: Fisher's exact test for a win or loss share, Mann–Whitney U for a
 * regret score. A journal tries dozens of patterns at once; `holmAdjusted` keeps the chance that any of them
 * fires on a journal without a pattern below the significance level.
 *
 * Mann–Whitney: a journal tests the same measure many times (time blocks, every agent) on the same pool of
 * scored trades, split differently. Sorting that pool once per measure into tie groups and counting each test's
 * members per tie group gives the same rank sum and tie correction as sorting the pooled values of every test:
 * average ranks are multiples of ½ and tie terms are integers, so every sum is exact in a double whatever the
 * order of addition.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i += 1) series += (LANCZOS[i] ?? 0) / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

const lnChoose = (n: number, k: number): number => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);

/**
 * Fisher's exact test, one-sided: P(X ≥ x) where X, the "successes" (wins, or losses) among the `groupSize`
 * trades of a group, is hypergeometric: `successes` of the journal's `total` decided trades are successes, and
 * the group is a random draw from them. This is the chance of a group at least this lopsided if the group
 * made no difference, whatever the journal's own win rate (a 35 % journal is not "losing" in every group).
 * Terms are summed from the mode outwards, where they only shrink: above the mode the upper tail itself,
 * below it one minus the lower tail.
 */
export function fisherExactGreater(x: number, groupSize: number, successes: number, total: number): number {
  const low = Math.max(0, groupSize + successes - total);
  const high = Math.min(groupSize, successes);
  if (x <= low) return 1;
  if (x > high) return 0;
  const lnTerm = (k: number): number => lnChoose(successes, k) + lnChoose(total - successes, groupSize - k) - lnChoose(total, groupSize);
  // P(X = k + 1) / P(X = k)
  const up = (k: number): number => ((successes - k) * (groupSize - k)) / ((k + 1) * (total - successes - groupSize + k + 1));
  const mode = Math.floor(((groupSize + 1) * (successes + 1)) / (total + 2));
  let sum = 0;
  if (x > mode) {
    let term = Math.exp(lnTerm(x));
    for (let k = x; k <= high; k += 1) {
      sum += term;
      if (term < sum * 1e-17) break;
      term *= up(k);
    }
    return Math.min(1, Math.max(0, sum));
  }
  let term = Math.exp(lnTerm(x - 1));
  for (let k = x - 1; k >= low; k -= 1) {
    sum += term;
    if (term < sum * 1e-17) break;
    term /= up(k - 1);
  }
  return Math.min(1, Math.max(0, 1 - sum));
}

/** Cohen's h between two proportions: 2·asin√p₁ − 2·asin√p₂. */
export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/**
 * Holm's step-down adjusted p-values of a family of tests, in the family's order: on the ascending p-values,
 * p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎). Rejecting every p̃ < α keeps the family-wise error, the
 * chance that even one true "no pattern" fires, at most α under any dependence between the tests (the
 * archetype, block and agent tests of one journal share their trades).
 */
export function holmAdjusted(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach((item, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * item.p));
    adjusted[item.index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the family's order: q₍ᵢ₎ = min over j ≥ i of m · p₍ⱼ₎ / j
 * on the ascending p-values, capped at 1. Kept for comparison: it bounds the share of false patterns among
 * those that fire, not the chance of any false one, so the triggers use `holmAdjusted`.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const item = order[rank - 1];
    if (item === undefined) continue;
    running = Math.min(running, (m * item.p) / rank);
    adjusted[item.index] = Math.min(1, running);
  }
  return adjusted;
}

export type MannWhitney = { readonly u: number; readonly rankBiserial: number; readonly pGreater: number };

/** Complementary error function (Numerical Recipes erfcc, fractional error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** P(Z ≥ z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** U, rank-biserial effect and the one-sided p (normal approximation, tie and continuity corrections). */
export function mannWhitneyFromRanks(n1: number, n2: number, rankSum: number, tieTerm: number): MannWhitney {
  const total = n1 + n2;
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  const pGreater = variance > 0 ? normalUpperTail((u - mean - 0.5) / Math.sqrt(variance)) : 1;
  return { u, rankBiserial: (2 * u) / (n1 * n2) - 1, pGreater: Math.min(1, Math.max(0, pGreater)) };
}

/** Mann–Whitney U of `group` against `rest`, one-sided "group tends higher". */
export function mannWhitneyGreater(group: readonly number[], rest: readonly number[]): MannWhitney {
  const pooled = [...group.map((value) => ({ value, inGroup: true })), ...rest.map((value) => ({ value, inGroup: false }))].sort((a, b) => a.value - b.value);
  const total = pooled.length;
  let rankSum = 0;
  let tieTerm = 0;
  for (let start = 0; start < total; ) {
    let end = start;
    while (end + 1 < total && pooled[end + 1]?.value === pooled[start]?.value) end += 1;
    const averageRank = (start + end) / 2 + 1;
    const ties = end - start + 1;
    tieTerm += ties ** 3 - ties;
    for (let i = start; i <= end; i += 1) if (pooled[i]?.inGroup) rankSum += averageRank;
    start = end + 1;
  }
  return mannWhitneyFromRanks(group.length, rest.length, rankSum, tieTerm);
}

/** One measure over a list of items: the tie group of each item (−1 when it has no value), in ascending value order. */
export type TieGroups = { readonly groupOf: Int32Array; readonly groupCount: number };

/**
 * Tie groups of `values` (null = not scored). Null when a value is not a finite number: the comparison sort
 * then has no defined order, and the caller keeps to mannWhitneyGreater on the values themselves.
 */
export function tieGroups(values: readonly (number | null)[]): TieGroups | null {
  const scored: number[] = [];
  for (const value of values) {
    if (value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    scored.push(value);
  }
  const sorted = Float64Array.from(scored).sort();
  // A Map keys −0 and 0 together, as `===` groups them in mannWhitneyGreater.
  const groupByValue = new Map<number, number>();
  let groupCount = 0;
  for (const value of sorted) if (!groupByValue.has(value)) groupByValue.set(value, (groupCount += 1) - 1);
  const groupOf = new Int32Array(values.length);
  values.forEach((value, index) => {
    groupOf[index] = value === null ? -1 : (groupByValue.get(value) ?? -1);
  });
  return { groupOf, groupCount };
}

/**
 * mannWhitneyGreater of the scored items at `groupIndexes` against the scored items at `restIndexes`, from
 * tie groups built once: the pooled items of one tie group take consecutive ranks, so each gets their average.
 */
export function mannWhitneyByTieGroups(ties: TieGroups, groupIndexes: readonly number[], restIndexes: readonly number[]): MannWhitney {
  const inGroup = new Int32Array(ties.groupCount);
  const pooled = new Int32Array(ties.groupCount);
  let n1 = 0;
  let n2 = 0;
  for (const index of groupIndexes) {
    const tie = ties.groupOf[index] ?? -1;
    if (tie < 0) continue;
    inGroup[tie] = (inGroup[tie] ?? 0) + 1;
    pooled[tie] = (pooled[tie] ?? 0) + 1;
    n1 += 1;
  }
  for (const index of restIndexes) {
    const tie = ties.groupOf[index] ?? -1;
    if (tie < 0) continue;
    pooled[tie] = (pooled[tie] ?? 0) + 1;
    n2 += 1;
  }
  let rankSum = 0;
  let tieTerm = 0;
  let start = 0;
  for (let tie = 0; tie < ties.groupCount; tie += 1) {
    const count = pooled[tie] ?? 0;
    if (count === 0) continue;
    const end = start + count - 1;
    const averageRank = (start + end) / 2 + 1;
    tieTerm += count ** 3 - count;
    rankSum += averageRank * (inGroup[tie] ?? 0);
    start = end + 1;
  }
  return mannWhitneyFromRanks(n1, n2, rankSum, tieTerm);
}
