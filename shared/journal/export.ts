import { REGRET_DIMENSIONS, TIME_BLOCKS, type JournalEntry } from '../domain/journal.ts';
import { SEED_FIELDS, contractLabel, fixed, markdownTable, nyDate, nyTime, signedMoney } from './format.ts';
import { TRADE_COLUMN_PREFIX, encodeTradeCell, tradeFieldsOf } from './tradeColumns.ts';

/** Format marker of the JSON export, so importBundle recognises the file when it comes back. */
export const JSON_EXPORT_FORMAT = 'qthink-journal-export';
export const JSON_EXPORT_VERSION = 1;

/** Entry columns of the CSV export: the id, the seed's fields, then the engine's extras. */
export const CSV_ENTRY_COLUMNS = ['id', ...SEED_FIELDS, 'flags', 'penalty_factor', 'mesh_alignment', 'label_source', 'note'] as const;

/**
 * CSV: one row per trade, the seed's fields and then every field of the trade record as `trade.<field>`,
 * so the file imports back through importBundle as the same trades.
 */
/** A broker export without a time of day gives the entry as a bare date. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function entriesToCsv(entries: readonly JournalEntry[]): string {
  const tradeFields = tradeFieldsOf(entries.map((entry) => entry.trade));
  const header = [...CSV_ENTRY_COLUMNS, ...tradeFields.map((field) => TRADE_COLUMN_PREFIX + field)];
  const lines = [header.map(csvCell).join(',')];
  for (const entry of entries) {
    const record = entry as Record<string, unknown>;
    const trade = entry.trade as Record<string, unknown>;
    const cells = [
      ...CSV_ENTRY_COLUMNS.map((column) => encodeEntryCell(record[column])),
      ...tradeFields.map((field) => encodeTradeCell(field, trade[field])),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** JSON: the whole journal entries (trade included), wrapped with a format marker. */
export function entriesToJson(entries: readonly JournalEntry[]): string {
  return JSON.stringify({ format: JSON_EXPORT_FORMAT, version: JSON_EXPORT_VERSION, entries }, null, 2) + '\n';
}

/** Markdown: a report a trader can read or paste: totals, time blocks, and every trade. */
export function entriesToMarkdown(entries: readonly JournalEntry[], title = 'QThink Journal report'): string {
  const out: string[] = [`# ${title}`, ''];
  if (entries.length === 0) return [...out, 'No trades match.', ''].join('\n');
  const days = entries.map((entry) => nyDate(entry.exit_time)).sort();
  const pnl = entries.reduce((sum, entry) => sum + entry.pnl, 0);
  const wins = entries.filter((entry) => entry.pnl > 0).length;
  const others = entries.length - wins;
  out.push(
    `${entries.length} trades from ${days[0]} to ${days[days.length - 1]}: ${wins} ${wins === 1 ? 'win' : 'wins'}, ${others} ${others === 1 ? 'loss or flat' : 'losses or flat'}, ` +
      `PnL ${signedMoney(pnl)}, win rate ${fixed((wins / entries.length) * 100, 1)} %.`,
    '',
    '## Time blocks',
    '',
  );
  const blockRows = TIME_BLOCKS.flatMap((block) => {
    const inBlock = entries.filter((entry) => entry.time_block === block);
    if (inBlock.length === 0) return [];
    const blockPnl = inBlock.reduce((sum, entry) => sum + entry.pnl, 0);
    return [[block, String(inBlock.length), signedMoney(blockPnl), fixed(meanRegret(inBlock))]];
  });
  out.push(markdownTable(['time block', 'trades', 'pnl', 'mean regret'], blockRows), '', '## Trades', '');
  const rows = entries.map((entry) => [
    DATE_ONLY.test(entry.entry_time) ? entry.entry_time : `${nyDate(entry.entry_time)} ${nyTime(entry.entry_time)}`,
    entry.id,
    contractLabel(entry),
    entry.trade.side,
    signedMoney(entry.pnl),
    ...REGRET_DIMENSIONS.map((dimension) => fixed(entry[dimension])),
    entry.setup_archetype,
    entry.final_label + (entry.label_source === 'manual' ? ' (manual)' : ''),
    String(entry.penalty_factor),
  ]);
  const regretHeads = REGRET_DIMENSIONS.map((dimension) => dimension.replace(/_regret$/, ''));
  out.push(markdownTable(['entry', 'id', 'contract', 'side', 'pnl', ...regretHeads, 'archetype', 'label', 'penalty'], rows), '');
  const notes = entries.filter((entry) => entry.note);
  if (notes.length > 0) {
    out.push('## Notes', '', ...notes.map((entry) => `- ${entry.id}: ${entry.note ?? ''}`), '');
  }
  return out.join('\n');
}

/** Mean of the non-null regret scores of the entries, null when there is none. */
function meanRegret(entries: readonly JournalEntry[]): number | null {
  let sum = 0;
  let n = 0;
  for (const entry of entries) {
    for (const dimension of REGRET_DIMENSIONS) {
      const score = entry[dimension];
      if (score !== null) {
        sum += score;
        n += 1;
      }
    }
  }
  return n === 0 ? null : sum / n;
}

function encodeEntryCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
