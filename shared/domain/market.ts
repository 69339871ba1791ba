import { z } from 'zod';
import { isoDate, isoWithOffset, polaritySchema } from './trade.ts';

/** One 1-minute bar of the underlying. `time` is the bar's open as epoch milliseconds (UTC). */
export const barSchema = z.object({
  time: z.number().int(),
  open: z.number().finite().positive(),
  high: z.number().finite().positive(),
  low: z.number().finite().positive(),
  close: z.number().finite().positive(),
  volume: z.number().finite().nonnegative(),
  /** True for pre- and post-market bars: kept for charts, never used for session levels. */
  extended: z.boolean().default(false),
});
export type Bar = z.infer<typeof barSchema>;

/** All bars of one symbol, sorted by time ascending, without duplicate minutes. */
export type BarSeries = {
  readonly symbol: string;
  readonly bars: readonly Bar[];
};

export const marketEventSchema = z.object({
  time: z.union([isoWithOffset, z.string().regex(/^\d{2}:\d{2}$/)]),
  name: z.string().min(1),
});
export type MarketEvent = z.infer<typeof marketEventSchema>;

/** Per-day context of the underlying (JSON file, or computed from an option-chain snapshot). */
export const dayContextSchema = z
  .object({
    date: isoDate,
    symbol: z.string().default('SPY'),
    max_pain: z.number().finite().positive().optional(),
    gex_flip: z.number().finite().positive().optional(),
    call_wall: z.number().finite().positive().optional(),
    put_wall: z.number().finite().positive().optional(),
    /** At-the-money implied volatility as a decimal per year (0.18 = 18 %). */
    atm_iv: z.number().finite().positive().optional(),
    events: z.array(marketEventSchema).default([]),
    regime_tags: z.array(z.string()).default([]),
    /** Where the values came from, e.g. "context file" or "chain spy-20230914.csv". */
    source: z.string().optional(),
  })
  .passthrough();
export type DayContext = z.infer<typeof dayContextSchema>;

/** One line of a signal timeline JSONL: an agent's call at a moment, attributed to trades by time. */
export const timelineSignalSchema = z.object({
  time: isoWithOffset,
  agent: z.string().min(1),
  polarity: polaritySchema,
  score: z.number().finite(),
  weight: z.number().finite().nonnegative().optional(),
});
export type TimelineSignal = z.infer<typeof timelineSignalSchema>;
