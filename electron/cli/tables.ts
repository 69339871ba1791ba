import { REGRET_DIMENSIONS, TIME_BLOCKS, type JournalEntry } from '../../shared/domain/journal.ts';
import { contractLabel, fixed, nyTime, signedMoney, textTable } from '../../shared/journal/format.ts';

/** Column titles of the seven regrets, short enough for a terminal. */
export const REGRET_HEADS = ['entry', 'exit', 'timing', 'decay', 'pin', 'trap', 'late'];

function regretCells(entry: JournalEntry): string[] {
  return REGRET_DIMENSIONS.map((dimension) => fixed(entry[dimension]));
}

function labelCell(entry: JournalEntry): string {
  return entry.label_source === 'manual' ? `${entry.final_label}*` : entry.final_label;
}

/** `qthink review`: the staged batch, one row per trade. A * marks a manual override. */
export function reviewTable(entries: readonly JournalEntry[]): string {
  const rows = entries.map((entry) => [
    entry.id,
    nyTime(entry.entry_time),
    entry.time_block ?? 'no time of day',
    signedMoney(entry.pnl),
    ...regretCells(entry),
    entry.setup_archetype,
    labelCell(entry),
    entry.flags.filter((flag) => !flag.startsWith('missing_regret:')).join(',') || '—',
  ]);
  return textTable(['id', 'time', 'block', 'pnl', ...REGRET_HEADS, 'archetype', 'label', 'flags'], rows);
}

/** `qthink demo`: what a trader wants first, per trade. */
export function tradeTable(entries: readonly JournalEntry[]): string {
  const rows = entries.map((entry) => [
    nyTime(entry.entry_time),
    entry.time_block ?? 'no time of day',
    contractLabel(entry),
    entry.trade.side,
    signedMoney(entry.pnl),
    ...regretCells(entry),
    entry.setup_archetype,
    labelCell(entry),
    entry.penalty_factor > 0 ? `+${entry.penalty_factor}` : '0',
  ]);
  return textTable(['time', 'block', 'contract', 'side', 'pnl', ...REGRET_HEADS, 'archetype', 'label', 'penalty'], rows);
}

/** Totals per time block: trades, pnl and the mean of every non-null regret score. */
export function timeBlockTable(entries: readonly JournalEntry[]): string {
  const rows = TIME_BLOCKS.flatMap((block) => {
    const inBlock = entries.filter((entry) => entry.time_block === block);
    if (inBlock.length === 0) return [];
    let sum = 0;
    let n = 0;
    for (const entry of inBlock) {
      for (const dimension of REGRET_DIMENSIONS) {
        const score = entry[dimension];
        if (score !== null) {
          sum += score;
          n += 1;
        }
      }
    }
    const pnl = inBlock.reduce((total, entry) => total + entry.pnl, 0);
    return [[block, String(inBlock.length), signedMoney(pnl), fixed(n === 0 ? null : sum / n)]];
  });
  return textTable(['time block', 'trades', 'pnl', 'mean regret'], rows);
}

/** Agent weights before and after, with the change in percent. */
export function weightTable(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>, initial = 1): string {
  const agents = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const rows = agents.map((agent) => {
    const from = before[agent] ?? initial;
    const to = after[agent] ?? from;
    const change = from === 0 ? null : ((to - from) / from) * 100;
    return [agent, `${fixed(from, 3)} → ${fixed(to, 3)}`, change === null ? '—' : `${change >= 0 ? '+' : ''}${fixed(change, 1)}%`];
  });
  return textTable(['agent', 'weight before → after', 'change'], rows);
}
