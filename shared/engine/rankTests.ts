/**
 * Mann–Whitney U behind the "higher in this group than the rest" memory triggers. A journal tests the same
 * measure many times (five time blocks, every agent) on the same pool of scored trades, split differently.
 * Sorting that pool once per measure into tie groups and counting each test's members per tie group gives the
 * same rank sum and tie correction as sorting the pooled values of every test: average ranks are multiples of
 * ½ and tie terms are integers, so every sum is exact in a double whatever the order of addition.
 */

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
function mannWhitneyFromRanks(n1: number, n2: number, rankSum: number, tieTerm: number): MannWhitney {
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
