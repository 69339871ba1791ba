import type { JournalEntry } from '../domain/journal.ts';
import { triggersFromStatistics } from '../engine/memoryTriggers.ts';
import { addToTriggerStatistics, emptyTriggerStatistics, restoreTriggerStatistics, triggerStatisticsSnapshot, isTriggerStatisticsSnapshot, type TriggerStatisticsSnapshot } from '../engine/triggerStatistics.ts';
import { COMMITTED_IDS_FILE, committedIdLine } from './committedIds.ts';
import { REINFORCEMENT_HISTORY_FILE } from './weightHistory.ts';
import { ClusterAccumulator, TRADE_CLUSTERS_FILE, type ClusterSnapshot } from './clusters.ts';
import { columnWriter, columnsAreConsistent, emptyColumns, idsByArchetype, patternMembersOf, type CompactColumns } from './compactColumns.ts';
import { MESH_CONFUSION_FILE, confusionText } from './confusion.ts';
import { MESH_CONFIG_FILE, renderMeshConfig } from './meshConfig.ts';
import { MESH_LOGGER_FILE } from './meshLogger.ts';
import { PATTERNS_FILE, renderPatterns } from './patterns.ts';
import { PenaltyIndex, type PenaltySnapshot } from './penaltyIndex.ts';
import { REINFORCEMENT_PROFILE_FILE, renderProfile } from './profile.ts';
import { ReinforcementTracker, type ReinforcementSnapshot } from './reinforcementTrack.ts';
import { SIGNAL_SCORING_LOGIC_FILE, renderSignalScoringLogic } from './signalScoringLogic.ts';
import { SUMMARY_FILE, SummaryAccumulator, type SummarySnapshot } from './summary.ts';

/** Derived files that only ever grow at the end: a commit of later trades appends to them. */
export const APPEND_ONLY_FILES = [MESH_LOGGER_FILE, MESH_CONFUSION_FILE, REINFORCEMENT_HISTORY_FILE, COMMITTED_IDS_FILE] as const;
export type AppendOnlyFile = (typeof APPEND_ONLY_FILES)[number];

/** Derived files re-rendered in full from the state on every commit (all small but the weight history). */
export const RENDERED_FILES = [SUMMARY_FILE, TRADE_CLUSTERS_FILE, MESH_CONFIG_FILE, REINFORCEMENT_PROFILE_FILE, SIGNAL_SCORING_LOGIC_FILE, PATTERNS_FILE] as const;
export type RenderedFile = (typeof RENDERED_FILES)[number];

/** The journal order's key of an entry: exit time, then id. */
export type JournalKey = { readonly exit_time: string; readonly id: string };

export const DERIVATION_STATE_VERSION = 3;

/**
 * Everything the derived files need, folded left over the entries in journal order: the counters of the
 * summary, clusters and penalties, the reinforcement weights and tracks, and compact per-trade columns
 * for the memory-trigger tests. Saved beside the journal, it lets a commit of later trades fold only the
 * new ones and still write exactly the bytes a rebuild from sync_log.jsonl writes.
 */
export type DerivationState = {
  readonly version: typeof DERIVATION_STATE_VERSION;
  readonly entries: number;
  /** The last entry folded in (the last line of sync_log.jsonl); null for an empty journal. */
  readonly last: JournalKey | null;
  readonly summary: SummarySnapshot;
  readonly clusters: ClusterSnapshot;
  readonly penalties: PenaltySnapshot;
  readonly reinforcement: ReinforcementSnapshot;
  /** What the memory-trigger tests read, folded (shared/engine/triggerStatistics.ts). */
  readonly triggers: TriggerStatisticsSnapshot;
  readonly columns: CompactColumns;
};

export type Derivation = {
  /** Folds in the next entry; entries must come in journal order (exit time, then id). */
  readonly add: (entry: JournalEntry) => void;
  /** The text each append-only file gained from the entries added to this derivation. */
  readonly appended: () => Map<AppendOnlyFile, string>;
  /** The full text of every other derived file, for all entries folded so far (restored ones included). */
  readonly render: () => Map<RenderedFile, string>;
  readonly last: () => JournalKey | null;
  readonly entries: () => number;
  readonly snapshot: () => DerivationState;
};

/** A derivation from nothing (a rebuild), or continuing from a saved state (a commit of later trades). */
export function createDerivation(from?: DerivationState): Derivation {
  const summary = from ? SummaryAccumulator.restore(from.summary) : new SummaryAccumulator();
  const clusters = from ? ClusterAccumulator.restore(from.clusters) : new ClusterAccumulator();
  const penalties = from ? PenaltyIndex.restore(from.penalties) : PenaltyIndex.empty();
  const reinforcement = from ? ReinforcementTracker.restore(from.reinforcement) : ReinforcementTracker.empty();
  const columns = from ? from.columns : emptyColumns();
  const triggerStats = from ? restoreTriggerStatistics(from.triggers) : emptyTriggerStatistics();
  const writer = columnWriter(columns);
  let last: JournalKey | null = from ? from.last : null;
  const meshLines: string[] = [];
  const confusionLines: string[] = [];
  const idLines: string[] = [];
  const historyLines: string[] = [];
  return {
    add: (entry) => {
      summary.add(entry);
      clusters.add(entry);
      penalties.add(entry);
      writer.add(entry);
      addToTriggerStatistics(triggerStats, entry);
      const lines = reinforcement.add(entry);
      meshLines.push(lines.meshLogger);
      if (lines.history !== '') historyLines.push(lines.history);
      const confusion = confusionText(entry);
      if (confusion !== '') confusionLines.push(confusion);
      idLines.push(committedIdLine(entry.id));
      last = { exit_time: entry.exit_time, id: entry.id };
    },
    appended: () =>
      new Map<AppendOnlyFile, string>([
        [MESH_LOGGER_FILE, meshLines.join('')],
        [MESH_CONFUSION_FILE, confusionLines.join('')],
        [REINFORCEMENT_HISTORY_FILE, historyLines.join('')],
        [COMMITTED_IDS_FILE, idLines.join('')],
      ]),
    render: () => {
      const weights = reinforcement.currentWeights();
      const triggers = triggersFromStatistics(triggerStats, patternMembersOf(columns));
      const span = summary.span();
      return new Map<RenderedFile, string>([
        [SUMMARY_FILE, summary.render(weights, triggers)],
        [TRADE_CLUSTERS_FILE, clusters.render(idsByArchetype(columns))],
        [MESH_CONFIG_FILE, renderMeshConfig(reinforcement, span.trades)],
        [REINFORCEMENT_PROFILE_FILE, renderProfile(reinforcement, penalties)],
        [SIGNAL_SCORING_LOGIC_FILE, renderSignalScoringLogic(penalties, weights, span)],
        [PATTERNS_FILE, renderPatterns(triggers, span)],
      ]);
    },
    last: () => last,
    entries: () => columns.id.length,
    snapshot: () => ({
      version: DERIVATION_STATE_VERSION,
      entries: columns.id.length,
      last,
      summary: summary.snapshot(),
      clusters: clusters.snapshot(),
      penalties: penalties.snapshot(),
      reinforcement: reinforcement.snapshot(),
      triggers: triggerStatisticsSnapshot(triggerStats),
      columns,
    }),
  };
}

/** The state as JSON (numbers round-trip exactly, so a restored fold continues bit for bit). */
export function derivationStateText(state: DerivationState): string {
  return JSON.stringify(state);
}

/**
 * A saved state read back (the value of derivationStateText, parsed), or null when it is not one this code
 * wrote (another version, a torn or edited file): the caller then derives from sync_log.jsonl instead. The
 * check is structural, not a full schema walk; the key the caller compares (log size, line count, last
 * line) is what ties it to the journal.
 */
export function parseDerivationState(value: unknown): DerivationState | null {
  if (typeof value !== 'object' || value === null) return null;
  const state = value as Partial<DerivationState>;
  if (state.version !== DERIVATION_STATE_VERSION || typeof state.entries !== 'number') return null;
  const { summary, clusters, penalties, reinforcement, columns, triggers } = state;
  if (!summary || !clusters || !penalties || !reinforcement || !columns || !isTriggerStatisticsSnapshot(triggers)) return null;
  if (triggers.trades !== state.entries) return null;
  if (!Array.isArray(summary.by_agent) || !Array.isArray(clusters.labels) || !Array.isArray(penalties.groups?.agent)) return null;
  if (!Array.isArray(reinforcement.weights) || !Array.isArray(reinforcement.agents) || !columns.regrets) return null;
  if (!columnsAreConsistent(columns) || columns.id.length !== state.entries) return null;
  const last = state.last;
  if (state.entries === 0 ? last !== null : !(last && typeof last.exit_time === 'string' && typeof last.id === 'string')) return null;
  return state as DerivationState;
}
