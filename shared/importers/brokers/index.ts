import { rangeRowErrors } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import type { TradeRecord } from '../../domain/trade.ts';
import { isKnownZone } from './brokerTime.ts';
import { resolveBrokerFormat } from './detect.ts';
import { contractKey, FILL_RANGES, fillSchema, type BrokerFormat, type BrokerParse, type BrokerParseOptions, type CarriedFill, type Fill, type FillSource } from './fill.ts';
import { groupLegs } from './groupLegs.ts';
import { parseEtrade } from './etrade.ts';
import { parseFidelity } from './fidelity.ts';
import { parseIbkr } from './ibkr.ts';
import { buildRoundTrips, type RoundTripOptions, type UnmatchedFill } from './roundTrips.ts';
import { parseRobinhood } from './robinhood.ts';
import { parseSchwab } from './schwab.ts';
import { parseTastytrade } from './tastytrade.ts';
import { parseThinkorswim } from './thinkorswim.ts';
import { parseWebull } from './webull.ts';

export type { BrokerFormat, Fill } from './fill.ts';
export { brokerFormatSchema, carriedFillSchema, fillSchema, BROKER_FORMAT_NAMES, type CarriedFill } from './fill.ts';
export type { UnmatchedFill } from './roundTrips.ts';
export { buildRoundTrips } from './roundTrips.ts';
export { groupLegs } from './groupLegs.ts';
export { detectBrokerFormat } from './detect.ts';
export { parseOptionSymbol, readOptionSymbol, type OptionContract } from './optionSymbol.ts';

export type BrokerImportOptions = {
  /** Read the file as this format instead of detecting it from the header. */
  readonly format?: BrokerFormat;
  /** IANA zone for broker times printed without an offset (the `--tz` option). */
  readonly tz?: string;
  /** Fills of positions left open by earlier imports (the journal store's open positions), matched before the files' own. */
  readonly carried?: readonly CarriedFill[];
} & RoundTripOptions;

export type BrokerImportResult = {
  /** The format read; null when the file is in no format we read (the error says which we do). */
  readonly format: BrokerFormat | null;
  readonly trades: TradeRecord[];
  /** Where each trade (by id) was opened: the file and line of its first fill. */
  readonly sources: ReadonlyMap<string, FillSource>;
  readonly fills: Fill[];
  readonly errors: RowError[];
  readonly unmatched: UnmatchedFill[];
  /** The fills of positions still open at the end (before their expiry), with their identity: the store keeps them for the next import. */
  readonly open: CarriedFill[];
  readonly warnings: string[];
};

export type BrokerFile = { readonly text: string; readonly file: string };

export type BrokerFilesResult = BrokerImportResult & {
  readonly files: ReadonlyArray<{ readonly file: string; readonly format: BrokerFormat | null }>;
};

const PARSERS: Readonly<Record<BrokerFormat, (text: string, file: string, options: BrokerParseOptions) => BrokerParse>> = {
  thinkorswim: parseThinkorswim,
  ibkr: parseIbkr,
  tastytrade: parseTastytrade,
  schwab: (text, file) => parseSchwab(text, file),
  webull: parseWebull,
  robinhood: (text, file) => parseRobinhood(text, file),
  etrade: (text, file) => parseEtrade(text, file),
  fidelity: (text, file) => parseFidelity(text, file),
};

type FileFills = { readonly format: BrokerFormat | null; readonly fills: Fill[]; readonly errors: RowError[]; readonly warnings: string[] };

/** One file's valid fills, oldest first, with its bad rows. */
export function readBrokerFills(text: string, file: string, options: BrokerImportOptions = {}): FileFills {
  if (options.tz !== undefined && !isKnownZone(options.tz)) {
    return { format: null, fills: [], errors: [{ file, line: 1, field: 'tz', reason: `unknown time zone '${options.tz}' (use an IANA name such as America/New_York or UTC)` }], warnings: [] };
  }
  const resolved = resolveBrokerFormat(text, file, options.format);
  if (!resolved.ok) return { format: null, fills: [], errors: [resolved.error], warnings: [] };
  const parsed = PARSERS[resolved.format](text, file, options.tz === undefined ? {} : { tz: options.tz });
  const fills: Fill[] = [];
  const errors = [...parsed.errors];
  for (const fill of parsed.fills) {
    const checked = fillSchema.safeParse(fill);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      errors.push({ file, line: fill.source.line, field: String(issue?.path[0] ?? ''), reason: issue?.message ?? 'invalid fill' });
      continue;
    }
    // The readers check the cells they read; this catches what they derive (a price per share, a symbol's strike).
    const outOfRange = rangeRowErrors(checked.data, FILL_RANGES, file, fill.source.line);
    if (outOfRange.length > 0) errors.push(...outOfRange);
    else fills.push(checked.data);
  }
  errors.sort((a, b) => a.line - b.line);
  return { format: resolved.format, fills, errors, warnings: parsed.warnings };
}

/**
 * Identity of a fill across files. With the broker's execution id, that id. Without one, the row's content
 * plus its occurrence number inside its own file: two identical rows in one file are two real fills
 * (`#1`, `#2`), and the same rows arriving again in an overlapping file get the same keys.
 */
function identityKeys(fills: readonly Fill[]): string[] {
  const seen = new Map<string, number>();
  return fills.map((fill) => {
    if (fill.fill_id) return `id|${fill.broker}|${fill.account}|${fill.fill_id}`;
    const content = [contractKey(fill), fill.time, fill.kind, fill.side ?? '', fill.effect ?? '', fill.qty, fill.price, fill.order_id ?? ''].join('|');
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    return `row|${content}#${occurrence}`;
  });
}

/**
 * Several exports (possibly overlapping in time, possibly from different brokers) → one set of fills,
 * each counted once, then round trips over all of them, so a position opened in one file and closed in
 * the next is one trade; then the round trips opened together (one order, or one instant) become one
 * multi-leg trade (groupLegs.ts).
 */
export function importBrokerFiles(files: readonly BrokerFile[], options: BrokerImportOptions = {}): BrokerFilesResult {
  const merged = new Map<string, Fill>();
  const keyOf = new Map<Fill, string>();
  for (const carried of options.carried ?? []) {
    merged.set(carried.key, carried.fill);
    keyOf.set(carried.fill, carried.key);
  }
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const formats: Array<{ file: string; format: BrokerFormat | null }> = [];
  for (const { text, file } of files) {
    const read = readBrokerFills(text, file, options);
    formats.push({ file, format: read.format });
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    const keys = identityKeys(read.fills);
    let repeated = 0;
    read.fills.forEach((fill, index) => {
      const key = keys[index] ?? '';
      if (merged.has(key)) repeated += 1;
      else {
        merged.set(key, fill);
        keyOf.set(fill, key);
      }
    });
    if (repeated > 0) warnings.push(`${file}: ${repeated} fill${repeated === 1 ? '' : 's'} already read (same execution id, or same row seen as often in an earlier file): counted once`);
  }
  const fills = [...merged.values()];
  const matched = buildRoundTrips(fills, { ...(options.asOf === undefined ? {} : { asOf: options.asOf }), ...(options.underlyingAtClose ? { underlyingAtClose: options.underlyingAtClose } : {}) });
  const grouped = groupLegs(matched.trades, matched.sources, fills);
  const distinct = new Set(formats.map((entry) => entry.format));
  const format = distinct.size === 1 ? (formats[0]?.format ?? null) : null;
  return {
    format,
    files: formats,
    trades: grouped.trades,
    sources: grouped.sources,
    fills,
    errors,
    unmatched: matched.unmatched,
    open: matched.openFills.map(({ fill, original }) => ({ key: keyOf.get(original) ?? '', fill })),
    warnings: [...warnings, ...matched.warnings, ...grouped.warnings],
  };
}

/** One broker export → round-trip trades, the fills they came from, bad rows, unmatched fills and notes. */
export function importBrokerFile(text: string, file: string, options: BrokerImportOptions = {}): BrokerImportResult {
  const { files: _files, ...result } = importBrokerFiles([{ text, file }], options);
  return result;
}
