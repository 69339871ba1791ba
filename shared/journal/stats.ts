import { REGRET_DIMENSIONS, type JournalEntry, type RegretDimension } from '../domain/journal.ts';

/**
 * One-pass statistics of a group of trades (a time block, an archetype, an agent, a label, everything):
 * counts and sums only, so the derived files are built in one streaming pass over sync_log.jsonl.
 */
export type StatsAccumulator = {
  trades: number;
  wins: number;
  losses: number;
  pnl: number;
  penalty: number;
  penalized: number;
  regretSum: Record<RegretDimension, number>;
  regretCount: Record<RegretDimension, number>;
};

export type RegretMean = { readonly mean: number | null; readonly n: number };

export type GroupStats = {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly flat: number;
  readonly pnl: number;
  readonly mean_pnl: number | null;
  readonly win_rate: number | null;
  /** Mean of every non-null regret score of the group (all seven dimensions together). */
  readonly mean_regret: number | null;
  readonly regret: Record<RegretDimension, RegretMean>;
  readonly penalty_total: number;
  readonly penalized_trades: number;
};

/** Decimals kept in the derived files: cents for money, 4 for ratios and scores, 6 for weights. */
export const MONEY_DECIMALS = 2;
export const RATIO_DECIMALS = 4;
export const WEIGHT_DECIMALS = 6;

export function newStats(): StatsAccumulator {
  const zeros = (): Record<RegretDimension, number> =>
    Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, 0])) as Record<RegretDimension, number>;
  return { trades: 0, wins: 0, losses: 0, pnl: 0, penalty: 0, penalized: 0, regretSum: zeros(), regretCount: zeros() };
}

export function addStats(stats: StatsAccumulator, entry: JournalEntry): void {
  stats.trades += 1;
  if (entry.pnl > 0) stats.wins += 1;
  else if (entry.pnl < 0) stats.losses += 1;
  stats.pnl += entry.pnl;
  stats.penalty += entry.penalty_factor;
  if (entry.penalty_factor > 0) stats.penalized += 1;
  for (const dimension of REGRET_DIMENSIONS) {
    const score = entry[dimension];
    if (score === null) continue;
    stats.regretSum[dimension] += score;
    stats.regretCount[dimension] += 1;
  }
}

export function statsJson(stats: StatsAccumulator): GroupStats {
  let allSum = 0;
  let allCount = 0;
  const regret = {} as Record<RegretDimension, RegretMean>;
  for (const dimension of REGRET_DIMENSIONS) {
    const n = stats.regretCount[dimension];
    allSum += stats.regretSum[dimension];
    allCount += n;
    regret[dimension] = { mean: n === 0 ? null : round(stats.regretSum[dimension] / n, RATIO_DECIMALS), n };
  }
  return {
    trades: stats.trades,
    wins: stats.wins,
    losses: stats.losses,
    flat: stats.trades - stats.wins - stats.losses,
    pnl: round(stats.pnl, MONEY_DECIMALS),
    mean_pnl: stats.trades === 0 ? null : round(stats.pnl / stats.trades, MONEY_DECIMALS),
    win_rate: stats.trades === 0 ? null : round(stats.wins / stats.trades, RATIO_DECIMALS),
    mean_regret: allCount === 0 ? null : round(allSum / allCount, RATIO_DECIMALS),
    regret,
    penalty_total: round(stats.penalty, RATIO_DECIMALS),
    penalized_trades: stats.penalized,
  };
}

/** Rounded to `decimals`, never "-0" (a file that prints -0 differs from one that prints 0). */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** A group map whose keys come out in a fixed order: the given order first, then the rest sorted by code unit. */
export class GroupedStats {
  private readonly groups = new Map<string, StatsAccumulator>();

  add(key: string, entry: JournalEntry): void {
    let stats = this.groups.get(key);
    if (!stats) {
      stats = newStats();
      this.groups.set(key, stats);
    }
    addStats(stats, entry);
  }

  get(key: string): StatsAccumulator | undefined {
    return this.groups.get(key);
  }

  keys(order: readonly string[] = []): string[] {
    const known = order.filter((key) => this.groups.has(key));
    const rest = [...this.groups.keys()].filter((key) => !order.includes(key)).sort(byCodeUnit);
    return [...known, ...rest];
  }

  /** Key and counters pairs: a plain form for the saved derivation state (keys are trader data, never object keys). */
  snapshot(): [string, StatsAccumulator][] {
    return [...this.groups];
  }

  static restore(pairs: readonly (readonly [string, StatsAccumulator])[]): GroupedStats {
    const grouped = new GroupedStats();
    for (const [key, stats] of pairs) grouped.groups.set(key, stats);
    return grouped;
  }
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
