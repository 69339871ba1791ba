import { z } from 'zod';
import type { RowError } from '../domain/errors.ts';
import type { BarSeries, DayContext, TimelineSignal } from '../domain/market.ts';
import type { TradeRecord } from '../domain/trade.ts';
import { attachTimelineSignals } from '../engine/signalTimeline.ts';
import { BAR_MS, barAt } from '../market/barWindow.ts';
import { sessionDay } from '../market/calendar.ts';
import { chainToDayContext } from '../market/chainContext.ts';
import { importBars } from './bars.ts';
import { brokerFormatSchema, importBrokerFiles, type CarriedFill } from './brokers/index.ts';
import { importChain } from './chain.ts';
import { importDayContexts } from './dayContext.ts';
import { FILE_KINDS, detectKind, type FileKind } from './detectKind.ts';
import { importJournalCsv, importJournalJson } from './journalExport.ts';
import { importNativeTrades } from './nativeTrades.ts';
import { fileProblem, type FileProblem } from './fileCheck.ts';
import { importSignals } from './signals.ts';

export { FILE_KINDS, type FileKind } from './detectKind.ts';

export type BundleFile = { readonly name: string; readonly text: string; readonly kind?: FileKind };

export type BundleOptions = {
  /** tz database zone for times written without an offset (bar files, broker exports). */
  readonly tz?: string;
  /** Read every broker export as this format instead of detecting it (brokerFormatSchema: thinkorswim, ibkr, tastytrade, schwab, webull, robinhood, etrade, fidelity). */
  readonly brokerFormat?: string;
  /** Minutes before an entry or exit in which a timeline signal counts for it. */
  readonly signalWindowMinutes?: number;
  /** Fills of positions left open by earlier imports, from the journal store (docs/imports.md, "Open positions across imports"). */
  readonly carried?: readonly CarriedFill[];
  /** The import's time (epoch ms, passed in by the service: shared/ stays clock-free): positions open past their expiry's close as of then are settled. */
  readonly asOf?: number;
};

export const importFileSummarySchema = z.object({
  name: z.string(),
  kind: z.enum(FILE_KINDS),
  /** The layout read: native-jsonl, qthink-csv, qthink-json, a broker's name, bars-csv, context-json, chain-csv, signals-jsonl. */
  format: z.string().nullable(),
  records: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** What is wrong with the file as a whole (empty, not text, cut off mid-row), with what to do; absent when nothing is. */
  problem: z.string().optional(),
});
export type ImportFileSummary = z.infer<typeof importFileSummarySchema>;

/** The file and line a trade was read from (a broker trade: its opening fill's). */
export type TradeSource = { readonly file: string; readonly line: number };

export type ImportBundle = {
  readonly trades: TradeRecord[];
  /** Where each trade came from, by id, so a trade rejected later (while staging) can still be named by file:line. */
  readonly sources?: ReadonlyMap<string, TradeSource>;
  readonly bars: BarSeries[];
  readonly contexts: DayContext[];
  readonly signals: TimelineSignal[];
  readonly errors: RowError[];
  readonly warnings: string[];
  readonly files: ImportFileSummary[];
  /**
   * The open positions after this import (the carried ones it did not close, and the new ones), when it read
   * broker exports; absent otherwise, so the store's open positions stay as they are.
   */
  readonly openPositions?: CarriedFill[];
};

type Classified = BundleFile & { readonly kind: FileKind; readonly format: string | null };

/**
 * Everything a trader drops in at once → one bundle: trades (native JSONL, QThink's own CSV/JSON export,
 * or broker exports turned into round trips together, so overlapping files count each fill once), bars,
 * day contexts (a context file wins; an option chain gives the context of a day no file covers), and the
 * signal timeline, attached to the trades by time. Bad rows are RowErrors; the good rows go on.
 */
export function importBundle(files: readonly BundleFile[], options: BundleOptions = {}): ImportBundle {
  const problems = new Map<string, FileProblem>();
  const readable: BundleFile[] = [];
  for (const file of files) {
    const problem = fileProblem(file.name, file.text);
    if (problem !== null) problems.set(file.name, problem);
    if (problem === null) readable.push(file);
    else if (problem.kind === 'cut_off') readable.push({ ...file, text: problem.complete });
  }
  const classified: Classified[] = readable.map((file) => {
    const detected = detectKind(file.name, file.text);
    return { ...file, kind: file.kind ?? detected.kind, format: file.kind === undefined || file.kind === detected.kind ? detected.format : null };
  });
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const summaries = new Map<string, ImportFileSummary>();
  const summarize = (file: Classified, format: string | null, records: number, fileErrors: readonly RowError[]): void => {
    errors.push(...fileErrors);
    summaries.set(file.name, { name: file.name, kind: file.kind, format, records, rejected: countRejectedLines(fileErrors) });
  };

  const trades: TradeRecord[] = [];
  const tradeSource = new Map<string, string>();
  const sources = new Map<string, TradeSource>();
  const addTrades = (records: readonly TradeRecord[], from: string, sourceOf: (trade: TradeRecord, index: number) => TradeSource | undefined): void => {
    records.forEach((trade, index) => {
      const earlier = tradeSource.get(trade.id);
      if (earlier !== undefined) {
        warnings.push(`${from}: trade ${trade.id} is also in ${earlier}; kept the first`);
        return;
      }
      tradeSource.set(trade.id, from);
      const source = sourceOf(trade, index);
      if (source) sources.set(trade.id, source);
      trades.push(trade);
    });
  };

  const brokerFiles: Classified[] = [];
  const chainFiles: Classified[] = [];
  const bars: BarSeries[] = [];
  const contexts: DayContext[] = [];
  const signals: TimelineSignal[] = [];
  for (const file of classified) {
    if (file.kind === 'trades') {
      const own = readOwnTrades(file);
      if (own === null) brokerFiles.push(file);
      else {
        addTrades(own.records, file.name, (_trade, index) => {
          const line = own.lines[index];
          return line === undefined ? undefined : { file: file.name, line };
        });
        summarize(file, own.format, own.records.length, own.errors);
      }
    } else if (file.kind === 'bars') {
      const result = importBars(file.text, file.name, options.tz === undefined ? {} : { tz: options.tz });
      bars.push(...result.series);
      warnings.push(...result.warnings.map((warning) => `${warning.file} (${warning.symbol}): ${warning.message}`));
      summarize(file, 'bars-csv', result.series.reduce((sum, series) => sum + series.bars.length, 0), result.errors);
    } else if (file.kind === 'context') {
      const result = importDayContexts(file.text, file.name);
      contexts.push(...result.records.map((context) => ({ ...context, source: context.source ?? `context ${file.name}` })));
      summarize(file, 'context-json', result.records.length, result.errors);
    } else if (file.kind === 'chain') {
      chainFiles.push(file);
    } else {
      const result = importSignals(file.text, file.name);
      signals.push(...result.records);
      summarize(file, 'signals-jsonl', result.records.length, result.errors);
    }
  }

  let openPositions: CarriedFill[] | undefined;
  if (brokerFiles.length > 0) openPositions = readBrokerTrades(brokerFiles, options, { addTrades, summarize, errors, warnings, bars });

  for (const file of chainFiles) {
    const result = importChain(file.text, file.name);
    let records = 0;
    if (result.snapshot) {
      const context = chainToDayContext(result.snapshot);
      const covered = contexts.some((existing) => sameDay(existing, context));
      if (covered) warnings.push(`${file.name}: the day ${context.date} already has a context file; the chain's levels were not used`);
      else {
        contexts.push(context);
        records = 1;
      }
    }
    summarize(file, 'chain-csv', records, result.errors);
  }

  const withSignals =
    signals.length > 0 ? attachTimelineSignals(trades, signals, options.signalWindowMinutes === undefined ? {} : { windowMinutes: options.signalWindowMinutes }) : trades;
  for (const [name, problem] of problems) {
    const summary = summaries.get(name);
    if (problem.kind === 'cut_off') errors.push({ file: name, line: problem.line, field: '', reason: problem.message });
    summaries.set(name, summary ? { ...summary, rejected: summary.rejected + (problem.kind === 'cut_off' ? 1 : 0), problem: problem.message } : { name, kind: detectKind(name, '').kind, format: null, records: 0, rejected: 0, problem: problem.message });
  }
  const ordered = files.map((file) => summaries.get(file.name)).filter((summary): summary is ImportFileSummary => summary !== undefined);
  return { trades: withSignals, sources, bars, contexts, signals, errors, warnings, files: ordered, ...(openPositions ? { openPositions } : {}) };
}

/** Native JSONL and QThink's own exports; null for anything else (a broker export). */
function readOwnTrades(file: Classified): { format: string; records: TradeRecord[]; lines: number[]; errors: RowError[] } | null {
  if (file.format === 'qthink-csv') return { format: 'qthink-csv', ...importJournalCsv(file.text, file.name) };
  if (file.format === 'qthink-json') {
    try {
      return { format: 'qthink-json', ...importJournalJson(JSON.parse(file.text) as unknown, file.name) };
    } catch (error) {
      return { format: 'qthink-json', records: [], lines: [], errors: [{ file: file.name, line: 1, field: '', reason: `not valid JSON (${String(error)})` }] };
    }
  }
  const lower = file.name.toLowerCase();
  const looksJson = file.format === 'native-jsonl' || lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || file.text.trimStart().startsWith('{');
  return looksJson ? { format: 'native-jsonl', ...importNativeTrades(file.text, file.name) } : null;
}

/**
 * The underlying's last regular-hours price at an expiry's close (the bar within BAR_AT_TOLERANCE_MS before
 * it), from the bars imported with the trades; null when they do not cover that close.
 */
function closeReader(series: readonly BarSeries[]): (symbol: string, expiry: string) => number | null {
  return (symbol, expiry) => {
    const closeMs = sessionDay(expiry).closeMs;
    for (const one of series) {
      if (one.symbol.toUpperCase() !== symbol.toUpperCase()) continue;
      const bar = barAt(one.bars, closeMs - BAR_MS);
      if (bar && !bar.extended) return bar.close;
    }
    return null;
  };
}

type Sink = {
  readonly bars: readonly BarSeries[];
  readonly addTrades: (records: readonly TradeRecord[], from: string, sourceOf: (trade: TradeRecord) => TradeSource | undefined) => void;
  readonly summarize: (file: Classified, format: string | null, records: number, errors: readonly RowError[]) => void;
  readonly errors: RowError[];
  readonly warnings: string[];
};

/** The broker exports' round trips into the sink; returns the open positions after them (undefined when the format option is unknown). */
function readBrokerTrades(files: readonly Classified[], options: BundleOptions, sink: Sink): CarriedFill[] | undefined {
  const format = options.brokerFormat === undefined ? undefined : brokerFormatSchema.safeParse(options.brokerFormat.toLowerCase());
  if (format && !format.success) {
    for (const file of files) {
      sink.summarize(file, null, 0, [
        { file: file.name, line: 1, field: 'format', reason: `unknown broker format '${options.brokerFormat}' (use one of ${brokerFormatSchema.options.join(', ')})` },
      ]);
    }
    return;
  }
  const result = importBrokerFiles(
    files.map((file) => ({ text: file.text, file: file.name })),
    {
      ...(format?.success ? { format: format.data } : {}),
      ...(options.tz === undefined ? {} : { tz: options.tz }),
      ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
      underlyingAtClose: closeReader(sink.bars),
      ...(options.carried ? { carried: options.carried } : {}),
    },
  );
  const label = files.map((file) => file.name).join(', ');
  sink.addTrades(result.trades, label, (trade) => result.sources.get(trade.id));
  sink.warnings.push(...result.warnings);
  for (const open of result.unmatched) sink.warnings.push(`${open.file}:${open.line}: ${open.reason}`);
  for (const file of files) {
    const fills = result.fills.filter((fill) => fill.source.file === file.name).length;
    const read = result.files.find((entry) => entry.file === file.name)?.format ?? null;
    sink.summarize(file, read, fills, result.errors.filter((error) => error.file === file.name));
  }
  const named = new Set(files.map((file) => file.name));
  sink.errors.push(...result.errors.filter((error) => !named.has(error.file)));
  if (result.trades.length > 0) sink.warnings.push(`${label}: ${result.fills.length} broker fills matched into ${result.trades.length} round-trip trades`);
  return result.open;
}

function sameDay(a: DayContext, b: DayContext): boolean {
  return a.date === b.date && (a.symbol ?? 'SPY').toUpperCase() === (b.symbol ?? 'SPY').toUpperCase();
}

/** Rows rejected: distinct lines with an error (one bad row can have several field errors). */
function countRejectedLines(errors: readonly RowError[]): number {
  return new Set(errors.map((error) => `${error.file}\u0000${error.line}`)).size;
}
