import type { JournalEntry } from '../domain/journal.ts';
import { RATIO_DECIMALS, round } from './stats.ts';

export const MESH_CONFUSION_FILE = 'mesh_confusion_log.jsonl';

/** One line of `mesh_confusion_log.jsonl`: a trade taken under mesh conflict and who pulled the other way. */
export type ConfusionLine = {
  readonly trade_id: string;
  readonly timestamp: string;
  readonly pnl: number;
  readonly mesh_alignment: number | null;
  readonly conflicting_agents: readonly {
    readonly name: string;
    readonly phase: 'entry' | 'exit';
    readonly polarity: 'bullish' | 'bearish';
    readonly score: number;
    readonly weight: number;
  }[];
  readonly final_label: string;
};

/** The seed's "agent conflict archives": trades with mesh_conflict, in journal order. */
export function confusionLine(entry: JournalEntry): ConfusionLine | null {
  if (!entry.mesh_conflict) return null;
  return {
    trade_id: entry.id,
    timestamp: entry.timestamp,
    pnl: entry.pnl,
    mesh_alignment: entry.mesh_alignment === null ? null : round(entry.mesh_alignment, RATIO_DECIMALS),
    conflicting_agents: entry.agents
      .filter((agent) => agent.conflicted)
      .map((agent) => ({ name: agent.name, phase: agent.phase, polarity: agent.polarity, score: agent.score, weight: agent.weight })),
    final_label: entry.final_label,
  };
}

/** What one entry appends to the append-only `mesh_confusion_log.jsonl`: its line, or nothing. */
export function confusionText(entry: JournalEntry): string {
  const line = confusionLine(entry);
  return line ? `${JSON.stringify(line)}\n` : '';
}
