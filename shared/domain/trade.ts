import { z } from 'zod';

/** ISO 8601 timestamp that carries its own offset (Z or ±HH:MM), so no machine zone is ever consulted. */
export const isoWithOffset = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/,
    'must be ISO 8601 with an offset, e.g. 2025-07-08T10:15:00-04:00',
  );

/** A calendar day, YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/**
 * Entry/exit time: a full timestamp with offset, or only a date when the broker export gives no time of
 * day. With a date only, the time block and every time-dependent score are null with that reason.
 */
export const tradeTime = z.union([isoWithOffset, isoDate]);

export const polaritySchema = z.enum(['bullish', 'bearish']);
export type Polarity = z.infer<typeof polaritySchema>;

export const agentPhaseSchema = z.enum(['entry', 'exit']);
export type AgentPhase = z.infer<typeof agentPhaseSchema>;

export const agentSignalSchema = z.object({
  name: z.string().min(1),
  phase: agentPhaseSchema,
  polarity: polaritySchema,
  score: z.number().finite(),
  weight: z.number().finite().nonnegative().default(1),
});
export type AgentSignal = z.infer<typeof agentSignalSchema>;

/** How the position went flat: a closing fill, expiry worthless, assignment or exercise. */
export const closeReasonSchema = z.enum(['closed', 'expired', 'assigned', 'exercised']);
export type CloseReason = z.infer<typeof closeReasonSchema>;

/** A multi-leg trade's name, classified from its legs' strikes, rights, sides, expiries and ratios (strategy.ts). */
export const strategySchema = z.enum(['vertical', 'iron_condor', 'butterfly', 'straddle', 'strangle', 'calendar', 'custom']);
export type Strategy = z.infer<typeof strategySchema>;

/**
 * One leg of a multi-leg trade: one contract's round trip, flat to flat, with its own P&L. `id` is the id the
 * leg has as a trade of its own, so splitting a grouped trade gives back exactly the trades import would make.
 */
export const tradeLegSchema = z.object({
  id: z.string().min(1),
  symbol: z.string().min(1),
  expiry: isoDate,
  right: z.enum(['C', 'P']),
  strike: z.number().finite().positive(),
  side: z.enum(['long', 'short']),
  qty: z.number().finite().positive(),
  entry_time: tradeTime,
  exit_time: tradeTime,
  entry_price: z.number().finite().nonnegative(),
  exit_price: z.number().finite().nonnegative(),
  fees: z.number().finite(),
  pnl: z.number().finite(),
  multiplier: z.number().finite().positive().default(100),
  close_reason: closeReasonSchema.default('closed'),
});
export type TradeLeg = z.infer<typeof tradeLegSchema>;

/**
 * The native trade record (one JSON object per line). Unknown fields are kept (`passthrough`), so a
 * trader's own annotations survive the round trip through the journal.
 */
export const tradeRecordSchema = z
  .object({
    id: z.string().min(1),
    symbol: z.string().min(1),
    expiry: isoDate,
    right: z.enum(['C', 'P']),
    strike: z.number().finite().positive(),
    side: z.enum(['long', 'short']),
    qty: z.number().finite().positive(),
    entry_time: tradeTime,
    exit_time: tradeTime,
    entry_price: z.number().finite().nonnegative(),
    exit_price: z.number().finite().nonnegative(),
    fees: z.number().finite().default(0),
    pnl: z.number().finite().optional(),
    entry_score: z.number().finite().optional(),
    exit_score: z.number().finite().optional(),
    underlying_entry: z.number().finite().positive().optional(),
    underlying_exit: z.number().finite().positive().optional(),
    regime_tags: z.array(z.string()).default([]),
    agents: z.array(agentSignalSchema).default([]),
    multiplier: z.number().finite().positive().default(100),
    close_reason: closeReasonSchema.default('closed'),
    account: z.string().optional(),
    /**
     * Multi-leg trades only (a single-leg record has none of the four): the strategy, its legs (their pnl sums
     * to the trade's), and the trader's Review choice that made it: `grouped_from` the trades grouped into
     * it, `split_from` (on each leg made a trade of its own) the grouped trade it was split out of.
     */
    /**
     * True when the import closed the position at 0 at its expiry's close without the broker's expiration row
     * and without bars to read its settlement from (docs/imports.md, "Expiries"); absent otherwise.
     */
    expiry_inferred: z.literal(true).optional(),
    /** Dollars the trader put at risk on the trade (for R-multiples); absent when the trader does not record it. */
    risk: z.number().finite().positive().optional(),
    /** The premium at which the trader meant to get out for a loss (per share): the risk is its distance from the entry × qty × multiplier. */
    stop: z.number().finite().nonnegative().optional(),
    strategy: strategySchema.optional(),
    legs: z.array(tradeLegSchema).min(2).optional(),
    grouped_from: z.array(z.string().min(1)).min(2).optional(),
    split_from: z.string().min(1).optional(),
  })
  .passthrough();
export type TradeRecord = z.infer<typeof tradeRecordSchema>;
export type TradeRecordInput = z.input<typeof tradeRecordSchema>;

export type TradeDirection = Polarity;

/** Long call or short put is bullish; long put or short call is bearish. */
export function tradeDirection(trade: Pick<TradeRecord, 'right' | 'side'>): TradeDirection {
  const callLike = trade.right === 'C';
  const long = trade.side === 'long';
  return callLike === long ? 'bullish' : 'bearish';
}

/**
 * The dollars at risk of a trade for its R-multiple: its `risk` when recorded, else the distance from the entry
 * premium to its `stop` (below the entry for a long, above it for a short) × qty × multiplier; null otherwise.
 */
export function riskOf(trade: Pick<TradeRecord, 'risk' | 'stop' | 'side' | 'entry_price' | 'qty' | 'multiplier'>): number | null {
  if (trade.risk !== undefined) return trade.risk;
  if (trade.stop === undefined) return null;
  const perShare = trade.side === 'long' ? trade.entry_price - trade.stop : trade.stop - trade.entry_price;
  return perShare > 0 ? perShare * trade.qty * trade.multiplier : null;
}

/**
 * (exit − entry) · qty · multiplier · (long ? 1 : −1) − fees, unless the record states its own pnl; a
 * multi-leg trade without one is the sum of its legs' pnl.
 */
export function realizedPnl(trade: TradeRecord): number {
  if (trade.pnl !== undefined) return trade.pnl;
  if (trade.legs) return roundCents(trade.legs.reduce((total, leg) => total + leg.pnl, 0));
  const sign = trade.side === 'long' ? 1 : -1;
  const gross = (trade.exit_price - trade.entry_price) * trade.qty * trade.multiplier * sign;
  return roundCents(gross - trade.fees);
}

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
