import { DateTime } from 'luxon';
import type { Bar, BarSeries } from '../domain/market.ts';
import { MARKET_ZONE, type SessionDay, etMinuteToMs, sessionDay } from '../market/calendar.ts';

/**
 * Turning one symbol's parsed rows into a clean series: sorted, one bar per minute, each bar marked
 * regular or extended by the exchange calendar, and every repair reported. Nothing is invented: a missing
 * minute stays missing and is reported as a gap.
 */

export type BarWarningKind = 'gap' | 'duplicate' | 'unsorted' | 'sparse' | 'interval';

export type BarWarning = {
  readonly kind: BarWarningKind;
  readonly file: string;
  readonly symbol: string;
  /** Physical lines involved: for a gap the bars either side, for a duplicate the kept line first. */
  readonly lines: readonly number[];
  /** What was found and what was done about it. */
  readonly message: string;
  /** Gap only: epoch ms of the first missing bar and of the bar after the gap (exclusive). */
  readonly from?: number;
  readonly to?: number;
  readonly missingBars?: number;
};

export type BarSession = {
  readonly symbol: string;
  /** New York calendar day. */
  readonly date: string;
  readonly earlyClose: boolean;
  readonly regularBars: number;
  readonly extendedBars: number;
  /** Epoch ms of the first and last bar of the day, extended hours included. */
  readonly firstBar: number;
  readonly lastBar: number;
};

/** A parsed row before cleaning: the bar without its session mark, and where it came from. */
export type ParsedBar = {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly line: number;
};

/**
 * A session with fewer regular bars than this share of its minutes is thin trading (an option contract
 * that trades a few times a day): one `sparse` warning replaces a list of every empty minute.
 */
export const SPARSE_SESSION_SHARE = 0.5;
const MINUTE_MS = 60_000;

type DayWindow = { readonly startMs: number; readonly endMs: number; readonly session: SessionDay };

/** New York day lookup that reuses the current day for sorted input instead of a zone conversion per bar. */
function dayClassifier(): (ms: number) => DayWindow {
  let current: DayWindow | null = null;
  return (ms) => {
    if (current && ms >= current.startMs && ms < current.endMs) return current;
    const date = DateTime.fromMillis(ms, { zone: MARKET_ZONE });
    const day = date.toFormat('yyyy-MM-dd');
    const next = date.plus({ days: 1 }).toFormat('yyyy-MM-dd');
    current = { startMs: etMinuteToMs(day, 0), endMs: etMinuteToMs(next, 0), session: sessionDay(day) };
    return current;
  };
}

function etLabel(ms: number): string {
  return DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toFormat('HH:mm');
}

function sameValues(a: ParsedBar, b: ParsedBar): boolean {
  return a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;
}

function unsortedWarning(rows: readonly ParsedBar[], file: string, symbol: string): BarWarning | null {
  let outOfOrder = 0;
  let firstLine = 0;
  for (let index = 1; index < rows.length; index += 1) {
    const row = rows[index];
    const previous = rows[index - 1];
    if (row && previous && row.time < previous.time) {
      outOfOrder += 1;
      if (firstLine === 0) firstLine = row.line;
    }
  }
  if (outOfOrder === 0) return null;
  return {
    kind: 'unsorted',
    file,
    symbol,
    lines: [firstLine],
    message: `${outOfOrder} row(s) earlier than the row before them (first at line ${firstLine}); rows were sorted by time`,
  };
}

/** Sorted by time, the first row in file order kept for each minute, the others reported. */
function dedupeMinutes(rows: readonly ParsedBar[], file: string, symbol: string, warnings: BarWarning[]): ParsedBar[] {
  const sorted = [...rows].sort((a, b) => a.time - b.time || a.line - b.line);
  const kept: ParsedBar[] = [];
  let index = 0;
  while (index < sorted.length) {
    const minute = Math.floor((sorted[index]?.time ?? 0) / MINUTE_MS);
    let end = index;
    while (end < sorted.length && Math.floor((sorted[end]?.time ?? 0) / MINUTE_MS) === minute) end += 1;
    const group = sorted.slice(index, end).sort((a, b) => a.line - b.line);
    const first = group[0];
    if (first) {
      kept.push(first);
      if (group.length > 1) {
        const dropped = group.slice(1);
        const differ = dropped.some((row) => !sameValues(row, first));
        warnings.push({
          kind: 'duplicate',
          file,
          symbol,
          lines: group.map((row) => row.line),
          message: `${group.length} rows for ${DateTime.fromMillis(first.time, { zone: MARKET_ZONE }).toFormat('yyyy-MM-dd HH:mm')} ET: kept line ${first.line}, dropped line(s) ${dropped.map((row) => row.line).join(', ')}${differ ? ' (their values differ)' : ''}`,
        });
      }
    }
    index = end;
  }
  return kept.sort((a, b) => a.time - b.time);
}

/**
 * The spacing of the bars: the most common step between consecutive regular bars when at least half of
 * the steps agree on it (5-minute files), else one minute (sparse option bars have no common step).
 */
function barInterval(rows: readonly ParsedBar[]): number {
  const counts = new Map<number, number>();
  let steps = 0;
  for (let index = 1; index < rows.length; index += 1) {
    const gap = (rows[index]?.time ?? 0) - (rows[index - 1]?.time ?? 0);
    if (gap > 0 && gap < 6 * 3600_000) {
      counts.set(gap, (counts.get(gap) ?? 0) + 1);
      steps += 1;
    }
  }
  let best = MINUTE_MS;
  let bestCount = 0;
  for (const [gap, count] of counts) if (count > bestCount || (count === bestCount && gap < best)) [best, bestCount] = [gap, count];
  return bestCount * 2 >= steps && best > MINUTE_MS ? best : MINUTE_MS;
}

/** Daily files (Norgate, Stooq `D`, yfinance `1d`): every step between bars is at least most of a day. */
const DAILY_STEP_MS = 20 * 3600_000;

function isDailySeries(rows: readonly ParsedBar[]): boolean {
  if (rows.length < 2) return false;
  for (let index = 1; index < rows.length; index += 1) {
    if ((rows[index]?.time ?? 0) - (rows[index - 1]?.time ?? 0) < DAILY_STEP_MS) return false;
  }
  return true;
}

type DayBars = { window: DayWindow; regular: ParsedBar[]; extendedCount: number; first: number; last: number };

function gapWarnings(day: DayBars, step: number, file: string, symbol: string): BarWarning[] {
  const { session } = day.window;
  const expected = Math.round((session.closeMs - session.openMs) / step);
  if (day.regular.length < expected * SPARSE_SESSION_SHARE) {
    return [
      {
        kind: 'sparse',
        file,
        symbol,
        lines: day.regular.map((row) => row.line).slice(0, 1),
        message: `${session.date}: ${day.regular.length} of ${expected} regular-hours bars (thin trading); missing bars not listed one by one`,
        missingBars: expected - day.regular.length,
      },
    ];
  }
  const warnings: BarWarning[] = [];
  let expectedNext = session.openMs;
  let previousLine: number | null = null;
  const report = (until: number, nextLine: number | null): void => {
    const missing = Math.floor((until - expectedNext) / step);
    if (missing <= 0) return;
    const lines = [previousLine, nextLine].filter((line): line is number => line !== null);
    const span = missing === 1 ? etLabel(expectedNext) : `${etLabel(expectedNext)}–${etLabel(expectedNext + (missing - 1) * step)}`;
    const where = previousLine === null ? `before line ${nextLine}` : nextLine === null ? `after line ${previousLine}` : `between lines ${previousLine} and ${nextLine}`;
    warnings.push({
      kind: 'gap',
      file,
      symbol,
      lines,
      message: `${session.date}: no bar for ${span} ET (${missing} missing) ${where}; left as a gap, nothing filled in`,
      from: expectedNext,
      to: expectedNext + missing * step,
      missingBars: missing,
    });
  };
  for (const row of day.regular) {
    report(row.time, row.line);
    expectedNext = Math.max(expectedNext, row.time + step);
    previousLine = row.line;
  }
  report(session.closeMs, null);
  return warnings;
}

export type CleanSeries = { readonly series: BarSeries; readonly sessions: BarSession[]; readonly warnings: BarWarning[] };

/** Sort, drop duplicate minutes, mark extended hours, summarise each New York day and report gaps. */
export function cleanSeries(symbol: string, rows: readonly ParsedBar[], file: string): CleanSeries {
  const warnings: BarWarning[] = [];
  const unsorted = unsortedWarning(rows, file, symbol);
  if (unsorted) warnings.push(unsorted);
  const kept = dedupeMinutes(rows, file, symbol, warnings);
  const classify = dayClassifier();
  const days: DayBars[] = [];
  const bars: Bar[] = [];
  for (const row of kept) {
    const window = classify(row.time);
    const { session } = window;
    const regular = session.isTradingDay && row.time >= session.openMs && row.time < session.closeMs;
    bars.push({ time: row.time, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume, extended: !regular });
    let day = days[days.length - 1];
    if (!day || day.window !== window) {
      day = { window, regular: [], extendedCount: 0, first: row.time, last: row.time };
      days.push(day);
    }
    day.last = row.time;
    if (regular) day.regular.push(row);
    else day.extendedCount += 1;
  }
  const step = barInterval(days.flatMap((day) => day.regular));
  if (isDailySeries(kept)) {
    warnings.push({
      kind: 'interval',
      file,
      symbol,
      lines: kept.slice(0, 1).map((row) => row.line),
      message: 'bars are one a day (daily bars), not 1-minute: intraday levels and time-dependent scores need 1-minute bars',
    });
  } else if (step !== MINUTE_MS) {
    warnings.push({
      kind: 'interval',
      file,
      symbol,
      lines: [],
      message: `bars are ${step / MINUTE_MS}-minute, not 1-minute; gaps were checked on a ${step / MINUTE_MS}-minute grid`,
    });
  }
  const sessions: BarSession[] = [];
  for (const day of days) {
    const { session } = day.window;
    sessions.push({
      symbol,
      date: session.date,
      earlyClose: session.earlyClose,
      regularBars: day.regular.length,
      extendedBars: day.extendedCount,
      firstBar: day.first,
      lastBar: day.last,
    });
    if (day.regular.length > 0) warnings.push(...gapWarnings(day, step, file, symbol));
  }
  return { series: { symbol, bars }, sessions, warnings };
}
