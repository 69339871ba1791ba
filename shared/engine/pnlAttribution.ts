import type { PnlAttribution } from '../domain/journal.ts';
import type { TradeRecord } from '../domain/trade.ts';
import { blackScholes, type Years } from '../market/blackScholes.ts';
import { impliedVolatility } from '../market/impliedVolatility.ts';
import { timeToExpiryYears } from '../market/timeToExpiry.ts';

/** The flag of a trade whose underlying moved its way but which lost on falling implied volatility. */
export const IV_CRUSH_FLAG = 'iv_crush';

export type AttributionInput = {
  readonly trade: TradeRecord;
  readonly entryMs: number | null;
  readonly exitMs: number | null;
  readonly underlyingEntry: number | null;
  readonly underlyingExit: number | null;
  /** The day context's ATM IV, used at entry only when the entry premium cannot be inverted. */
  readonly contextIv: number | null;
  /** The IV the regret context already implied from the entry premium at the same spot and time; implied here when absent. */
  readonly entryPremiumIv?: number | null;
};

export type AttributionResult = { readonly attribution: PnlAttribution | null; readonly explanation: string; readonly ivCrush: boolean };

const cents = (value: number): number => Math.round(value * 100) / 100;
const money = (value: number): string => `${value < 0 ? '−' : '+'}$${Math.abs(value).toFixed(2)}`;
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

/**
 * The premium change of an option trade split by cause (issue 9, item 4): the underlying's move (delta and
 * gamma together), time (theta) and implied volatility (vega), each a full Black–Scholes repricing taken in
 * that order, so the three add up to the model's change with no Taylor error; the residual is what the model
 * does not explain (a premium it cannot reproduce). The IVs are implied from the trade's own premiums at entry
 * and at exit; where one cannot be (no time value left, a price below intrinsic), the entry falls back on the
 * day context's IV and the exit on the entry IV, and the explanation says so. Dollars of the position
 * (sign × qty × multiplier), before fees. Null, with the reason, without the underlying price or the times.
 */
export function attributePnl(input: AttributionInput): AttributionResult {
  const { trade } = input;
  const missing = [
    input.entryMs === null || input.exitMs === null ? 'entry and exit times of day' : null,
    input.underlyingEntry === null ? 'the underlying price at entry' : null,
    input.underlyingExit === null ? 'the underlying price at exit' : null,
  ].filter((item): item is string => item !== null);
  if (missing.length > 0 || input.entryMs === null || input.exitMs === null || input.underlyingEntry === null || input.underlyingExit === null) {
    return { attribution: null, explanation: `no P&L attribution: ${missing.join(', ')} not known`, ivCrush: false };
  }
  const s0 = input.underlyingEntry;
  const s1 = input.underlyingExit;
  const t0 = timeToExpiryYears(input.entryMs, trade.expiry);
  const t1 = timeToExpiryYears(input.exitMs, trade.expiry);
  const entryImplied = input.entryPremiumIv ?? impliedVolatility({ premium: trade.entry_price, spot: s0, strike: trade.strike, years: t0, right: trade.right });
  const ivEntry = entryImplied ?? input.contextIv;
  if (ivEntry === null) return { attribution: null, explanation: `no P&L attribution: the ${trade.entry_price.toFixed(2)} entry premium cannot be inverted to an IV and the day context gives none`, ivCrush: false };
  const exitImplied = impliedVolatility({ premium: trade.exit_price, spot: s1, strike: trade.strike, years: t1, right: trade.right });
  const ivExit = exitImplied ?? ivEntry;
  const price = (spot: number, years: Years, vol: number): number => blackScholes({ spot, strike: trade.strike, years, vol, right: trade.right }).price;
  const start = price(s0, t0, ivEntry);
  const moved = price(s1, t0, ivEntry);
  const aged = price(s1, t1, ivEntry);
  const end = price(s1, t1, ivExit);
  const scale = (trade.side === 'long' ? 1 : -1) * trade.qty * trade.multiplier;
  const underlying = cents((moved - start) * scale);
  const time = cents((aged - moved) * scale);
  const volatility = cents((end - aged) * scale);
  const premiumChange = cents((trade.exit_price - trade.entry_price) * scale);
  const residual = cents(premiumChange - underlying - time - volatility);
  // A right-way move the volatility alone turned into a loss.
  const ivCrush = underlying > 0 && premiumChange < 0 && volatility < 0 && underlying + volatility < 0;
  const sources = [
    entryImplied === null ? `entry IV ${pct(ivEntry)} from the day context (the entry premium cannot be inverted)` : `IV ${pct(ivEntry)} implied at entry`,
    exitImplied === null ? `exit IV taken as the entry's (the ${trade.exit_price.toFixed(2)} exit premium cannot be inverted)` : `${pct(ivExit)} at exit`,
  ];
  const explanation =
    `premium change ${money(premiumChange)} = underlying ${money(underlying)} (S ${s0.toFixed(2)} → ${s1.toFixed(2)}) + time ${money(time)} + volatility ${money(volatility)} + residual ${money(residual)}; ${sources.join(', ')}; each part a Black–Scholes repricing in that order` +
    (ivCrush ? `; IV crush: the underlying moved the trade's way (${money(underlying)}) but falling IV took ${money(volatility)}` : '');
  return {
    attribution: {
      premium_change: premiumChange,
      underlying,
      time,
      volatility,
      residual,
      underlying_entry: s0,
      underlying_exit: s1,
      iv_entry: Math.round(ivEntry * 1e4) / 1e4,
      iv_exit: Math.round(ivExit * 1e4) / 1e4,
      iv_entry_source: entryImplied === null ? 'context' : 'premium',
      iv_exit_source: exitImplied === null ? 'entry' : 'premium',
    },
    explanation,
    ivCrush,
  };
}
