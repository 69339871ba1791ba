import { z } from 'zod';

/** One underlying and entry day of an import: how many of its trades the market data covers (shared/importers/coverage.ts). */
export const coverageRowSchema = z.object({
  symbol: z.string(),
  day: z.string(),
  trades: z.number().int().nonnegative(),
  /** Trades whose underlying has 1-minute bars on the entry day (entry, exit, timing, trap and decay regrets). */
  with_bars: z.number().int().nonnegative(),
  /** Trades whose underlying has an option chain or a day context on the entry day (max pain, walls, IV: pin regret). */
  with_context: z.number().int().nonnegative(),
  /** Trades of a dates-only export: no time of day, so no time-dependent score whatever the data. */
  no_time: z.number().int().nonnegative(),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;
