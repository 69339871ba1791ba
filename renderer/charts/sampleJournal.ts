import type { JournalEntry } from '../../shared/domain/journal.ts';
import { sampleEntry } from '../../shared/ipc/samples.ts';

/**
 * A small, varied committed journal for the analysis screens' tests: two days, four time blocks, three
 * archetypes, a mesh conflict, a null regret and two agents whose weights move. Deterministic.
 */
export function sampleJournal(): JournalEntry[] {
  const at = (day: string, hhmm: string) => `${day}T${hhmm}:00-04:00`;
  const make = (
    id: string,
    day: string,
    entry: string,
    exit: string,
    pnl: number,
    overrides: Partial<JournalEntry> = {},
  ): JournalEntry => {
    const base = sampleEntry({ id });
    return {
      ...base,
      pnl,
      timestamp: at(day, exit),
      entry_time: at(day, entry),
      exit_time: at(day, exit),
      trade: { ...base.trade, id, entry_time: at(day, entry), exit_time: at(day, exit) },
      ...overrides,
    };
  };
  return [
    make('A1', '2025-03-10', '09:41', '09:58', 118.7),
    make('A2', '2025-03-10', '11:05', '11:40', -64, {
      time_block: 'chop_mid',
      setup_archetype: 'fade_reversal',
      final_label: 'conflict_failure',
      mesh_conflict: true,
      mesh_alignment: 0.4,
      timing_regret: 0.82,
      exit_regret: 0.6,
      agents: [
        { name: 'flowbot', phase: 'entry', polarity: 'bullish', score: 0.7, weight: 1, aligned: true, conflicted: false, aligned_with_outcome: false },
        { name: 'vwap_scout', phase: 'entry', polarity: 'bearish', score: 0.6, weight: 1, aligned: false, conflicted: true, aligned_with_outcome: true },
      ],
    }),
    make('A3', '2025-03-11', '13:10', '13:50', 42.5, { time_block: 'setup_mid', setup_archetype: 'gamma_flip', pin_regret: 0.3 }),
    make('A4', '2025-03-11', '15:02', '15:40', -210, {
      time_block: 'decay_close',
      final_label: 'model_failure',
      decay_regret: 0.9,
      late_exit_regret: 0.75,
      entry_regret: 0.7,
      label_source: 'manual',
      engine_proposal: { setup_archetype: 'momentum_break', final_label: 'poor_execution' },
    }),
  ];
}
