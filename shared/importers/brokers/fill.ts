import { z } from 'zod';
import { FEE_RANGE, MULTIPLIER_RANGE, PREMIUM_RANGE, QUANTITY_RANGE, STRIKE_RANGE, YEAR_RANGE, type NumberRange } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { isoDate, tradeTime } from '../../domain/trade.ts';

export const brokerFormatSchema = z.enum(['thinkorswim', 'ibkr', 'tastytrade', 'schwab', 'webull', 'robinhood', 'etrade', 'fidelity']);
export type BrokerFormat = z.infer<typeof brokerFormatSchema>;

export const BROKER_FORMAT_NAMES: Readonly<Record<BrokerFormat, string>> = {
  thinkorswim: 'thinkorswim Account Statement (Account Trade History) or Today\'s Trade Activity (Filled Orders)',
  ibkr: 'Interactive Brokers Flex Query trades or trade confirmations, or Activity Statement (Trades)',
  tastytrade: 'tastytrade transactions (Date,Type,Sub Type,… or the older Date/Time,Transaction Code,…)',
  schwab: 'Schwab transactions',
  webull: 'Webull orders',
  robinhood: 'Robinhood account activity (Activity Date,…,Trans Code,Quantity,Price,Amount)',
  etrade: 'E*TRADE transaction history (TransactionDate,TransactionType,SecurityType,…)',
  fidelity: 'Fidelity account history (Run Date,Action,Symbol,…,Price ($),Commission ($),Fees ($),…)',
};

/**
 * What a fill did: a trade at a price, or the broker removing the option at expiry, on assignment or on
 * exercise (all three at 0 premium).
 */
export const fillKindSchema = z.enum(['trade', 'expiration', 'assignment', 'exercise']);
export type FillKind = z.infer<typeof fillKindSchema>;

export const fillSourceSchema = z.object({ file: z.string(), line: z.number().int().positive() });
export type FillSource = z.infer<typeof fillSourceSchema>;

/**
 * One execution in one option contract, normalised from any broker. Money is per share (`price`) and in
 * account currency (`fees`, `commissions`: positive when paid, negative for a rebate). `side` may be absent
 * only on removals (expiration, assignment, exercise), which close whatever position is open.
 */
export const fillSchema = z
  .object({
    broker: brokerFormatSchema,
    /** '' when the export does not name the account. */
    account: z.string(),
    fill_id: z.string().min(1).optional(),
    order_id: z.string().min(1).optional(),
    /** ISO 8601 with offset (converted to America/New_York), or only a date when the broker gives no time. */
    time: tradeTime,
    symbol: z.string().min(1),
    expiry: isoDate,
    right: z.enum(['C', 'P']),
    strike: z.number().finite().positive(),
    multiplier: z.number().finite().positive(),
    side: z.enum(['buy', 'sell']).optional(),
    effect: z.enum(['open', 'close']).optional(),
    qty: z.number().finite().positive(),
    price: z.number().finite().nonnegative(),
    fees: z.number().finite(),
    commissions: z.number().finite(),
    kind: fillKindSchema,
    source: fillSourceSchema,
  })
  .refine((fill) => fill.kind !== 'trade' || fill.side !== undefined, {
    message: 'a trade fill needs a side',
    path: ['side'],
  });
export type Fill = z.infer<typeof fillSchema>;

/**
 * The documented range of each number of a fill (shared/domain/bounds.ts). Each broker reader checks the
 * cells it reads against these and names the column; readBrokerFills checks every fill again, so a value a
 * reader derives (tastytrade's `Average Price / Multiplier`, a strike or expiry from an option symbol) is
 * bounded too.
 */
export const FILL_RANGES = {
  time: YEAR_RANGE,
  expiry: YEAR_RANGE,
  strike: STRIKE_RANGE,
  multiplier: MULTIPLIER_RANGE,
  qty: QUANTITY_RANGE,
  price: PREMIUM_RANGE,
  fees: FEE_RANGE,
  commissions: FEE_RANGE,
} as const satisfies Partial<Record<keyof Fill, NumberRange>>;

/**
 * A fill of a position still open at the end of an import, kept by the journal store until a later import
 * closes it (journal/open_positions.json). `key` is the fill's identity as first read, so the same row
 * arriving again in an overlapping export is recognised and counted once.
 */
export const carriedFillSchema = z.object({ key: z.string().min(1), fill: fillSchema });
export type CarriedFill = z.infer<typeof carriedFillSchema>;

/** The contract a fill belongs to: account + underlying + expiry + right + strike. */
export function contractKey(fill: Pick<Fill, 'broker' | 'account' | 'symbol' | 'expiry' | 'right' | 'strike'>): string {
  return [fill.broker, fill.account, fill.symbol, fill.expiry, fill.right, fill.strike].join('|');
}

/** Where a fill came from, as `file:line` for messages. */
export function fillWhere(fill: Pick<Fill, 'source'>): string {
  return `${fill.source.file}:${fill.source.line}`;
}

export type BrokerParseOptions = {
  /** IANA zone for broker times printed without an offset; each broker module documents its default. */
  readonly tz?: string;
};

/** What one broker module returns for one file: the option fills in file order, bad rows, notes. */
export type BrokerParse = {
  readonly fills: Fill[];
  readonly errors: RowError[];
  readonly warnings: string[];
};

/** Counts rows skipped on purpose (stocks, futures, cash movements) so the trader sees why, once per kind. */
export class SkipTally {
  private readonly counts = new Map<string, number>();

  add(reason: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }

  warnings(file: string): string[] {
    return [...this.counts].map(([reason, count]) => `${file}: ${count} row${count === 1 ? '' : 's'} skipped: ${reason}`);
  }
}

/**
 * A file's fills oldest first. Schwab, tastytrade, Webull and thinkorswim's trade history list newest
 * first; reading them as they come would flip every side, and same-second rows must keep their real
 * order, so a file whose first fill is later than its last is reversed whole rather than re-sorted. When
 * the file cannot tell (every fill on one date-only day, or a single instant) the broker's documented
 * order decides.
 */
export function oldestFirst(fills: readonly Fill[], instantOf: (time: string) => number, documentedNewestFirst: boolean): Fill[] {
  const first = fills[0];
  const last = fills[fills.length - 1];
  if (!first || !last) return [];
  const from = instantOf(first.time);
  const to = instantOf(last.time);
  const newestFirst = from === to ? documentedNewestFirst : from > to;
  return newestFirst ? [...fills].reverse() : [...fills];
}

/** Brokers print charges as negative cash amounts; a fill's cost is positive when paid (never -0). */
export function paid(signedAmount: number | null): number {
  return signedAmount === null || signedAmount === 0 ? 0 : -signedAmount;
}
