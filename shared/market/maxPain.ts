import type { ChainRow } from './optionChain.ts';

/** Shares per equity option contract: intrinsic value per share × this = dollars per contract. */
export const CONTRACT_MULTIPLIER = 100;

export type MaxPainResult = {
  /** The settlement strike at which option holders, in total, are paid the least. */
  readonly strike: number;
  /** Dollars paid to holders if the underlying settles there: Σ intrinsic · open interest · 100. */
  readonly payout: number;
};

/**
 * Dollars paid to all holders of `rows` if the underlying settles at `settlement`:
 * Σ calls OI · max(0, settlement − strike) · 100 + Σ puts OI · max(0, strike − settlement) · 100.
 */
export function holderPayout(rows: readonly ChainRow[], settlement: number): number {
  let total = 0;
  for (const row of rows) {
    const intrinsic = row.right === 'C' ? Math.max(0, settlement - row.strike) : Math.max(0, row.strike - settlement);
    total += intrinsic * row.open_interest * CONTRACT_MULTIPLIER;
  }
  return total;
}

/**
 * Max pain of one expiry's rows: among the chain's strikes, the settlement price minimising holderPayout.
 * Ties go to the lower strike. Null when the rows hold no open interest (every strike would tie at 0).
 *
 * Computed in one sweep over the sorted strikes with running sums, not by re-summing the chain at every
 * candidate: payout(K) = K·ΣOIcalls<K − Σ(OI·strike)calls<K + Σ(OI·strike)puts>K − K·ΣOIputs>K.
 */
export function maxPain(rows: readonly ChainRow[]): MaxPainResult | null {
  const byStrike = new Map<number, { callOi: number; putOi: number }>();
  let totalOi = 0;
  for (const row of rows) {
    const entry = byStrike.get(row.strike) ?? { callOi: 0, putOi: 0 };
    if (row.right === 'C') entry.callOi += row.open_interest;
    else entry.putOi += row.open_interest;
    byStrike.set(row.strike, entry);
    totalOi += row.open_interest;
  }
  if (totalOi <= 0) return null;
  const strikes = [...byStrike.keys()].sort((a, b) => a - b);
  let putOiAbove = 0;
  let putWeightedAbove = 0;
  for (const strike of strikes) {
    const putOi = byStrike.get(strike)?.putOi ?? 0;
    putOiAbove += putOi;
    putWeightedAbove += putOi * strike;
  }
  let callOiBelow = 0;
  let callWeightedBelow = 0;
  let best: MaxPainResult | null = null;
  for (const strike of strikes) {
    const entry = byStrike.get(strike) ?? { callOi: 0, putOi: 0 };
    // Puts at this strike pay nothing when settling here: move them out of the "above" sums first.
    putOiAbove -= entry.putOi;
    putWeightedAbove -= entry.putOi * strike;
    const payoutPerShare = strike * callOiBelow - callWeightedBelow + putWeightedAbove - strike * putOiAbove;
    const payout = Math.max(0, payoutPerShare) * CONTRACT_MULTIPLIER;
    if (!best || payout < best.payout - 1e-9 * Math.max(1, best.payout)) best = { strike, payout };
    callOiBelow += entry.callOi;
    callWeightedBelow += entry.callOi * strike;
  }
  return best;
}
