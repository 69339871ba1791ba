import type { RowError } from './errors.ts';
import type { DayContext, TimelineSignal } from './market.ts';
import type { AgentSignal, TradeRecord } from './trade.ts';

/**
 * The range of every number an importer accepts, in one place; docs/imports.md ("Ranges of numbers")
 * lists the same table. A value outside its range is a row error naming file, line and field, and that row
 * is left out; the other rows go on.
 *
 * Why bounds and not only "finite": JSON has no Infinity or NaN. A number that is finite on import but
 * overflows on the way to the journal line (a score of 1e308 times a weight, a quantity of 1e308 times a
 * price and a multiplier) is written as `null`, and the staged batch can no longer be read. The ranges are
 * what a real account could hold, generous but finite, so that every product the engine forms of them
 * stays far below 1.8e308. They bound the input only: the journal's own files are read with the plain
 * schemas, so a journal written before these bounds still opens.
 */
export type NumberRange = {
  /** What the number is, as the reason names it: "a quantity". */
  readonly name: string;
  readonly min: number;
  /** False when the minimum itself is refused (a price of 0 is no price). */
  readonly minIncluded: boolean;
  readonly max: number;
  readonly maxIncluded: boolean;
  /** Said after the range, e.g. "contracts or shares". */
  readonly unit?: string;
};

/** Option premium per share: 0 is allowed (expired worthless, a removal at no premium). */
export const PREMIUM_RANGE: NumberRange = { name: 'an option price', min: 0, minIncluded: true, max: 1e6, maxIncluded: false, unit: 'per share' };
/** The underlying's price: bars, spot, underlying at entry and exit, day-context levels. */
export const PRICE_RANGE: NumberRange = { name: 'a price', min: 0, minIncluded: false, max: 1e6, maxIncluded: false };
export const STRIKE_RANGE: NumberRange = { name: 'a strike', min: 0, minIncluded: false, max: 1e6, maxIncluded: false };
/** Contracts (or shares) of one fill or one trade; brokers sign it by side, so readers check its size. */
export const QUANTITY_RANGE: NumberRange = { name: 'a quantity', min: 0, minIncluded: false, max: 1e6, maxIncluded: true, unit: 'contracts or shares' };
/** Shares per contract: 100 for US equity options, 10 for minis; adjusted deliverables stay far below the cap. */
export const MULTIPLIER_RANGE: NumberRange = { name: 'a multiplier', min: 0, minIncluded: false, max: 1e4, maxIncluded: true, unit: 'shares per contract' };
/** Fees and commissions of a fill or a trade, in account currency; negative is a rebate. */
export const FEE_RANGE: NumberRange = { name: 'a fee or commission', min: -1e6, minIncluded: true, max: 1e6, maxIncluded: true, unit: 'dollars' };
/** A trade's stated realized PnL. */
export const PNL_RANGE: NumberRange = { name: 'a pnl', min: -1e12, minIncluded: true, max: 1e12, maxIncluded: true, unit: 'dollars' };
/** A trade's own entry or exit score: the trader's scale (0–1, 0–10, 0–100), passed through to the journal. */
export const TRADE_SCORE_RANGE: NumberRange = { name: 'a trade score', min: -1000, minIncluded: true, max: 1000, maxIncluded: true };
/**
 * An agent signal's score: its signed confidence, −1 … 1. The engine reads it as `weight · score` (the
 * agent's contribution) and `weight · |score|` (which signal speaks for an agent), see docs/engine.md.
 */
export const SIGNAL_SCORE_RANGE: NumberRange = { name: 'a signal score', min: -1, minIncluded: true, max: 1, maxIncluded: true };
/** An agent signal's weight: the engine's learned weights settle between about 0.03 and 6.2. */
export const SIGNAL_WEIGHT_RANGE: NumberRange = { name: 'a signal weight', min: 0, minIncluded: true, max: 1000, maxIncluded: true };
/** Shares (or contracts) traded in one bar. */
export const VOLUME_RANGE: NumberRange = { name: 'a volume', min: 0, minIncluded: true, max: 1e13, maxIncluded: false };
/** Open contracts of one option contract (SPY's largest strikes hold about 10⁶). */
export const OPEN_INTEREST_RANGE: NumberRange = { name: 'an open interest', min: 0, minIncluded: true, max: 1e10, maxIncluded: false, unit: 'contracts' };
/** Implied volatility as a decimal per year (0.18 = 18 %): 50 is 5,000 %, beyond any listed option. */
export const IV_RANGE: NumberRange = { name: 'an implied volatility', min: 0, minIncluded: true, max: 50, maxIncluded: true, unit: 'a decimal per year, 0.18 = 18 %' };
/** Gamma per share per $1 of the underlying; a 0DTE at-the-money SPY contract a minute before the close has about 5. */
export const GAMMA_RANGE: NumberRange = { name: 'a gamma', min: 0, minIncluded: true, max: 1e4, maxIncluded: true };
/** The year of any date or time read: trade times and expiries, bar times, snapshot and context days, signal times. */
export const YEAR_RANGE: NumberRange = { name: 'the year', min: 1990, minIncluded: true, max: 2100, maxIncluded: true };

/** `1000000`, `1e13`: plain up to seven digits, then as a power of ten, so a bound reads at a glance. */
export function formatBound(value: number): string {
  if (Math.abs(value) < 1e7) return String(value);
  return value.toExponential().replace('e+', 'e');
}

/** "more than 0 and at most 1000000 (contracts or shares)". */
export function describeRange(range: NumberRange): string {
  const low = `${range.minIncluded ? 'at least' : 'more than'} ${formatBound(range.min)}`;
  const high = `${range.maxIncluded ? 'at most' : 'less than'} ${formatBound(range.max)}`;
  return `${low} and ${high}${range.unit ? ` (${range.unit})` : ''}`;
}

/** Null when `value` lies in `range`; else what is wrong with it, e.g. "is out of range: a quantity must be …". */
export function outOfRange(value: number, range: NumberRange): string | null {
  if (Number.isNaN(value)) return 'is not a number';
  if (!Number.isFinite(value)) return 'is not a finite number';
  const aboveMin = range.minIncluded ? value >= range.min : value > range.min;
  const belowMax = range.maxIncluded ? value <= range.max : value < range.max;
  if (aboveMin && belowMax) return null;
  return `is out of range: ${range.name} must be ${describeRange(range)}`;
}

/** The reason of a row error for a number outside its range, quoting it as `shown`; null when it is inside. */
export function rangeReason(shown: string, value: number, range: NumberRange): string | null {
  const problem = outOfRange(value, range);
  return problem === null ? null : `${shown} ${problem}`;
}

/** The year a `YYYY-MM-DD…` text starts with, or null when it starts otherwise (an `HH:MM` event time). */
export function yearOfText(text: string): number | null {
  const match = /^(\d{4})-\d{2}-\d{2}/.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/** The reason of a row error for a date or time whose year is outside YEAR_RANGE; null when it is inside. */
export function yearReason(shown: string, text: string): string | null {
  const year = yearOfText(text);
  return year === null ? null : rangeReason(shown, year, YEAR_RANGE);
}

/** The reason for an epoch-milliseconds time whose year is outside YEAR_RANGE (or not a time at all); null when inside. */
export function epochYearReason(shown: string, ms: number): string | null {
  if (!Number.isFinite(ms)) return `${shown} is not a finite time`;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return `${shown} is out of range: ${YEAR_RANGE.name} must be ${describeRange(YEAR_RANGE)}`;
  return rangeReason(shown, date.getUTCFullYear(), YEAR_RANGE);
}

/**
 * The range of each numeric field of a parsed record, by path: `agents.*.score` is the score of every
 * agent. A number is checked against its range; a text under YEAR_RANGE is checked by the year it starts
 * with; a field that is absent (or null) is not checked.
 */
export type FieldRanges = Readonly<Record<string, NumberRange>>;

/** Native trade records (JSONL, QThink's CSV and JSON exports, a hand-typed trade). */
export const TRADE_RECORD_RANGES = {
  strike: STRIKE_RANGE,
  qty: QUANTITY_RANGE,
  entry_price: PREMIUM_RANGE,
  exit_price: PREMIUM_RANGE,
  fees: FEE_RANGE,
  pnl: PNL_RANGE,
  entry_score: TRADE_SCORE_RANGE,
  exit_score: TRADE_SCORE_RANGE,
  underlying_entry: PRICE_RANGE,
  underlying_exit: PRICE_RANGE,
  multiplier: MULTIPLIER_RANGE,
  expiry: YEAR_RANGE,
  entry_time: YEAR_RANGE,
  exit_time: YEAR_RANGE,
  'agents.*.score': SIGNAL_SCORE_RANGE,
  'agents.*.weight': SIGNAL_WEIGHT_RANGE,
} as const satisfies Partial<Record<keyof TradeRecord | `agents.*.${keyof AgentSignal}`, NumberRange>>;

/** One line of a signal timeline. */
export const TIMELINE_SIGNAL_RANGES = {
  time: YEAR_RANGE,
  score: SIGNAL_SCORE_RANGE,
  weight: SIGNAL_WEIGHT_RANGE,
} as const satisfies Partial<Record<keyof TimelineSignal, NumberRange>>;

/** A day context (JSON file). Event times given as `HH:MM` carry no year and are not checked. */
export const DAY_CONTEXT_RANGES = {
  date: YEAR_RANGE,
  max_pain: PRICE_RANGE,
  gex_flip: PRICE_RANGE,
  call_wall: PRICE_RANGE,
  put_wall: PRICE_RANGE,
  atm_iv: IV_RANGE,
  'events.*.time': YEAR_RANGE,
} as const satisfies Partial<Record<keyof DayContext | 'events.*.time', NumberRange>>;

type Found = { readonly field: string; readonly value: unknown };

/** The values at a path pattern, with their concrete paths (`agents.2.score`). */
function valuesAt(value: unknown, parts: readonly string[], prefix: string): Found[] {
  const [head, ...rest] = parts;
  if (head === undefined) return [{ field: prefix, value }];
  if (value === null || typeof value !== 'object') return [];
  const join = (key: string): string => (prefix === '' ? key : `${prefix}.${key}`);
  if (head === '*') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item, index) => valuesAt(item, rest, join(String(index))));
  }
  if (!Object.hasOwn(value, head)) return [];
  return valuesAt((value as Record<string, unknown>)[head], rest, join(head));
}

/** Each value of `record` outside its range, with its field path and the reason. */
export function rangeIssues(record: unknown, ranges: FieldRanges): { field: string; reason: string }[] {
  const issues: { field: string; reason: string }[] = [];
  for (const [pattern, range] of Object.entries(ranges)) {
    for (const { field, value } of valuesAt(record, pattern.split('.'), '')) {
      let reason: string | null = null;
      if (typeof value === 'number') reason = rangeReason(String(value), value, range);
      else if (typeof value === 'string' && range === YEAR_RANGE) reason = yearReason(JSON.stringify(value), value);
      if (reason !== null) issues.push({ field, reason });
    }
  }
  return issues;
}

/** rangeIssues as RowErrors on one line; `fieldPrefix` goes before each field, as the file names it (`trade.qty`). */
export function rangeRowErrors(record: unknown, ranges: FieldRanges, file: string, line: number, fieldPrefix = ''): RowError[] {
  return rangeIssues(record, ranges).map((issue) => ({ file, line, field: fieldPrefix + issue.field, reason: issue.reason }));
}
