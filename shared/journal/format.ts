import type { JournalEntry } from '../domain/journal.ts';
import { etClock, parseTimestamp } from '../market/calendar.ts';

/** The seed's logged data schema, field names and order exactly as written there. */
export const SEED_FIELDS = [
  'timestamp',
  'pnl',
  'entry_score',
  'exit_score',
  'entry_regret',
  'exit_regret',
  'timing_regret',
  'decay_regret',
  'pin_regret',
  'trap_entry_regret',
  'late_exit_regret',
  'agents_involved',
  'agent_weights',
  'mesh_conflict',
  'setup_archetype',
  'time_block',
  'final_label',
] as const satisfies readonly (keyof JournalEntry)[];

/** A number to fixed decimals, or an em dash for a missing value (never a silent 0). */
export function fixed(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(decimals);
  // "-0.00" reads like a loss that is not there.
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** Dollars with sign, e.g. +125.00 or -40.50. */
export function signedMoney(value: number): string {
  const text = fixed(value, 2);
  return value > 0 ? `+${text}` : text;
}

/** "SPY 2025-06-11 550C". */
export function contractLabel(entry: Pick<JournalEntry, 'trade'>): string {
  const { symbol, expiry, strike, right } = entry.trade;
  return `${symbol} ${expiry} ${strike}${right}`;
}

/** New York wall-clock HH:MM of a timestamp, or the text itself when it carries no time of day. */
export function nyTime(timestamp: string): string {
  const ms = parseTimestamp(timestamp);
  if (!Number.isFinite(ms) || !/[T ]\d{2}:\d{2}/.test(timestamp)) return timestamp;
  const minute = Math.floor(etClock(ms).minuteOfDay);
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The New York calendar day of a timestamp (or of a plain date). */
export function nyDate(timestamp: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(timestamp)) return timestamp;
  const ms = parseTimestamp(timestamp);
  return Number.isFinite(ms) ? etClock(ms).date : timestamp.slice(0, 10);
}

/** A plain-text table with columns padded to their widest cell; numeric-looking columns align right. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.,%—→ ]*$/.test(row[column] ?? '')));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(header), rule, ...rows.map(render)].join('\n');
}

/** A Markdown table; pipes inside cells are escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (cells: readonly string[]): string => `| ${cells.map(escape).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
