import type { PnlAttribution } from '../domain/journal.ts';
import { referenceLeg, tradeOfLeg } from '../domain/multiLeg.ts';
import { tradeDirection, type TradeDirection, type TradeLeg, type TradeRecord } from '../domain/trade.ts';
import { blackScholes, intrinsicValue } from '../market/blackScholes.ts';
import { minutesToYears, timeToExpiryYears } from '../market/timeToExpiry.ts';
import { attributePnl, type AttributionInput, type AttributionResult } from './pnlAttribution.ts';

/**
 * A multi-leg trade scored as one position (docs/engine.md, "Multi-leg trades"). The regrets read the
 * underlying's path with the position's direction; what depends on the option itself — the IV, the time value
 * and its decay, the P&L split — is computed per leg and summed with each leg's sign and ratio.
 */

const MINUTES_PER_YEAR = 365 * 24 * 60;
/** Below this net delta per spread (in shares), the position is treated as direction-neutral: the reference leg's direction stands. */
export const NEUTRAL_NET_DELTA = 1e-6;

/** Each leg's weight in one spread: +1 bought, −1 sold, times its ratio (leg qty / spreads). */
export function legWeight(leg: Pick<TradeLeg, 'side' | 'qty'>, spreads: number): number {
  return (leg.side === 'long' ? 1 : -1) * (leg.qty / spreads);
}

/**
 * The leg whose own premium prices the position's IV: the leg that carries it (the trade's top-level contract).
 * A single-leg trade is its own pricing leg.
 */
export function pricingTrade(trade: TradeRecord): TradeRecord {
  if (!trade.legs) return trade;
  return tradeOfLeg(referenceLeg(trade.legs, trade.side), trade);
}

export type NetDelta = { readonly delta: number; readonly direction: TradeDirection; readonly explanation: string };

/**
 * The position's direction from its net delta per spread at entry, Σ weight · Black–Scholes delta (the entry
 * spot and IV, each leg to its own expiry). A single-leg trade's direction is its right and side. Without the
 * spot or IV, or with a net delta of about 0 (a straddle, an iron condor centred on the spot), the direction is
 * that of the leg that carries the position.
 */
export function positionDirection(trade: TradeRecord, entryMs: number | null, spot: number | null, vol: number | null): NetDelta {
  const fallback = tradeDirection(trade);
  if (!trade.legs) return { delta: Number.NaN, direction: fallback, explanation: `${fallback}: ${trade.side} ${trade.right === 'C' ? 'call' : 'put'}` };
  if (entryMs === null || spot === null || vol === null) {
    return { delta: Number.NaN, direction: fallback, explanation: `${fallback}: the leg that carries the position (no spot and IV at entry for the net delta)` };
  }
  const spreads = trade.qty;
  let delta = 0;
  for (const leg of trade.legs) {
    const years = timeToExpiryYears(entryMs, leg.expiry);
    delta += legWeight(leg, spreads) * blackScholes({ spot, strike: leg.strike, years, vol, right: leg.right }).delta;
  }
  if (Math.abs(delta) < NEUTRAL_NET_DELTA) return { delta, direction: fallback, explanation: `${fallback}: net delta about 0, the leg that carries the position` };
  const direction: TradeDirection = delta > 0 ? 'bullish' : 'bearish';
  return { delta, direction, explanation: `${direction}: net delta ${delta >= 0 ? '+' : ''}${delta.toFixed(3)} per spread at entry` };
}

export type WeightedLeg = { readonly strike: number; readonly right: TradeLeg['right']; readonly weight: number; readonly minutesToExpiry: number };

/** The position's model time value per spread after `elapsed` minutes at a standing spot and IV (a leg past its expiry has none). */
export function netTimeValue(legs: readonly WeightedLeg[], spot: number, vol: number, elapsed: number): number {
  let total = 0;
  for (const leg of legs) {
    const left = leg.minutesToExpiry - elapsed;
    if (left <= 0) continue;
    const price = blackScholes({ spot, strike: leg.strike, vol, right: leg.right, years: minutesToYears(left) }).price;
    total += leg.weight * (price - intrinsicValue(spot, leg.strike, leg.right));
  }
  return total;
}

/** The legs of a multi-leg trade, weighted, with their minutes to expiry at the entry. */
export function weightedLegs(trade: TradeRecord, entryMs: number): WeightedLeg[] {
  const legs = trade.legs ?? [];
  return legs.map((leg) => ({ strike: leg.strike, right: leg.right, weight: legWeight(leg, trade.qty), minutesToExpiry: timeToExpiryYears(entryMs, leg.expiry) * MINUTES_PER_YEAR }));
}

/** The time value the position paid (> 0) or sold (< 0) per spread at entry: Σ weight · (leg premium − intrinsic). */
export function netTimeValueTraded(trade: TradeRecord, spot: number): number {
  const legs = trade.legs ?? [];
  return legs.reduce((total, leg) => total + legWeight(leg, trade.qty) * (leg.entry_price - intrinsicValue(spot, leg.strike, leg.right)), 0);
}

/**
 * Minutes until the position's net time value halves at a standing spot and IV: the first root of
 * |TV(m)| = |TV(0)| / 2 found by bisection over (0, the last leg's expiry). 0 when it has no time value.
 */
export function netHalfLife(legs: readonly WeightedLeg[], spot: number, vol: number, tolerance: number): { readonly timeValue: number; readonly halfLifeMinutes: number } {
  const start = netTimeValue(legs, spot, vol, 0);
  if (Math.abs(start) < 1e-12) return { timeValue: 0, halfLifeMinutes: 0 };
  let low = 0;
  let high = Math.max(...legs.map((leg) => leg.minutesToExpiry));
  for (let step = 0; step < 100 && high - low > tolerance; step += 1) {
    const middle = (low + high) / 2;
    if (Math.abs(netTimeValue(legs, spot, vol, middle)) > Math.abs(start) / 2) low = middle;
    else high = middle;
  }
  return { timeValue: start, halfLifeMinutes: (low + high) / 2 };
}

const cents = (value: number): number => Math.round(value * 100) / 100;

/**
 * A multi-leg trade's P&L split: each leg's own split (its IV implied from its own premiums, repriced at the
 * trade's entry and exit spots), summed. The IVs reported are the pricing leg's. Null when any leg's is.
 */
export function attributeMultiLegPnl(input: AttributionInput): AttributionResult {
  const { trade } = input;
  if (!trade.legs) return attributePnl(input);
  const parts = trade.legs.map((leg) => ({ leg, result: attributePnl({ ...input, trade: tradeOfLeg(leg, trade), entryPremiumIv: null }) }));
  const failed = parts.find((part) => part.result.attribution === null);
  if (failed) return { attribution: null, explanation: `${failed.result.explanation} (leg ${failed.leg.strike}${failed.leg.right} ${failed.leg.side})`, ivCrush: false };
  const sum = (pick: (attribution: PnlAttribution) => number): number => cents(parts.reduce((total, part) => total + pick(part.result.attribution as PnlAttribution), 0));
  const reference = referenceLeg(trade.legs, trade.side);
  const pricing = (parts.find((part) => part.leg === reference) ?? parts[0])?.result.attribution as PnlAttribution;
  const attribution: PnlAttribution = {
    premium_change: sum((a) => a.premium_change),
    underlying: sum((a) => a.underlying),
    time: sum((a) => a.time),
    volatility: sum((a) => a.volatility),
    residual: sum((a) => a.residual),
    underlying_entry: pricing.underlying_entry,
    underlying_exit: pricing.underlying_exit,
    iv_entry: pricing.iv_entry,
    iv_exit: pricing.iv_exit,
    iv_entry_source: pricing.iv_entry_source,
    iv_exit_source: pricing.iv_exit_source,
  };
  const money = (value: number): string => `${value < 0 ? '−' : '+'}$${Math.abs(value).toFixed(2)}`;
  const ivCrush = attribution.underlying > 0 && attribution.premium_change < 0 && attribution.volatility < 0 && attribution.underlying + attribution.volatility < 0;
  const explanation = `premium change ${money(attribution.premium_change)} = underlying ${money(attribution.underlying)} + time ${money(attribution.time)} + volatility ${money(attribution.volatility)} + residual ${money(attribution.residual)}, the sum of the ${trade.legs.length} legs' own splits (each leg's IV implied from its own premiums)`;
  return { attribution, explanation, ivCrush };
}
