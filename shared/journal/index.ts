import type { Explanations, JournalEntry, ScoreLevels } from '../domain/journal.ts';
import { findMemoryTriggers } from '../engine/memoryTriggers.ts';
import { INITIAL_WEIGHT, reinforceTrade, type ReinforcementResult } from '../engine/reinforcement.ts';
import { sortEntries } from '../engine/assessBatch.ts';
import { ClusterAccumulator, TRADE_CLUSTERS_FILE } from './clusters.ts';
import { ConfusionAccumulator, MESH_CONFUSION_FILE } from './confusion.ts';
import { MESH_CONFIG_FILE, renderMeshConfig } from './meshConfig.ts';
import { MESH_LOGGER_FILE, renderMeshLogger } from './meshLogger.ts';
import { PATTERNS_FILE, renderPatterns } from './patterns.ts';
import { PenaltyIndex } from './penaltyIndex.ts';
import { REINFORCEMENT_PROFILE_FILE, renderProfile } from './profile.ts';
import { SIGNAL_SCORING_LOGIC_FILE, renderSignalScoringLogic } from './signalScoringLogic.ts';
import { SUMMARY_FILE, SummaryAccumulator } from './summary.ts';

export { SUMMARY_FILE, MESH_LOGGER_FILE, TRADE_CLUSTERS_FILE, MESH_CONFUSION_FILE, MESH_CONFIG_FILE, REINFORCEMENT_PROFILE_FILE, SIGNAL_SCORING_LOGIC_FILE, PATTERNS_FILE };

/** Every file derived from sync_log.jsonl, relative to the data directory ('/' separated). */
export const DERIVED_FILES = [
  SUMMARY_FILE,
  MESH_LOGGER_FILE,
  TRADE_CLUSTERS_FILE,
  MESH_CONFUSION_FILE,
  MESH_CONFIG_FILE,
  REINFORCEMENT_PROFILE_FILE,
  SIGNAL_SCORING_LOGIC_FILE,
  PATTERNS_FILE,
] as const;
export type DerivedFile = (typeof DERIVED_FILES)[number];

export function isDerivedFile(name: string): name is DerivedFile {
  return (DERIVED_FILES as readonly string[]).includes(name);
}

/**
 * Builds every derived file in one pass over the committed entries, fed in journal order (exit time, then
 * id: the order of sync_log.jsonl), so a rebuild can stream sync_log.jsonl
 * line by line. Counts and sums are folded in as entries arrive; reinforcement and the memory triggers,
 * which need the whole journal, keep a slim copy of each entry (no explanations, no evidence text).
 * Output is deterministic: fixed key order, numbers rounded to fixed decimals, a trailing newline.
 */
export type JournalAccumulator = {
  readonly add: (entry: JournalEntry) => void;
  readonly finish: () => Map<DerivedFile, string>;
};

const NO_EXPLANATIONS: Explanations = {
  entry_regret: '',
  exit_regret: '',
  timing_regret: '',
  decay_regret: '',
  pin_regret: '',
  trap_entry_regret: '',
  late_exit_regret: '',
};

const NO_LEVELS: ScoreLevels = {
  vwap_at_entry: null,
  vwap_at_exit: null,
  max_pain: null,
  trap_level: null,
  expected_move: null,
  implied_vol: null,
  implied_vol_source: 'none',
};

/** The entry without its long texts: what reinforcement and the trigger tests read, at a fraction of the memory. */
function slim(entry: JournalEntry): JournalEntry {
  const { note: _note, ...rest } = entry;
  return { ...rest, explanations: NO_EXPLANATIONS, archetype_evidence: [], levels: NO_LEVELS };
}

/**
 * The engine's replayReinforcement, with each exit time parsed once for the sort: the same updates in the
 * same order (exit time, then id; ids are unique in a journal), fast enough for years of trades.
 */
export function replayInJournalOrder(entries: readonly JournalEntry[]): ReinforcementResult {
  let weights: Record<string, number> = {};
  const log: ReinforcementResult['log'] = [];
  const history: ReinforcementResult['history'] = [];
  for (const entry of sortEntries(entries)) {
    const result = reinforceTrade(entry, weights);
    weights = result.weights;
    for (const line of result.log) log.push(line);
    for (const point of result.history) history.push(point);
  }
  const sorted: Record<string, number> = {};
  for (const name of Object.keys(weights).sort()) sorted[name] = weights[name] ?? INITIAL_WEIGHT;
  return { weights: sorted, log, history };
}

export function createJournalAccumulator(): JournalAccumulator {
  const summary = new SummaryAccumulator();
  const clusters = new ClusterAccumulator();
  const confusion = new ConfusionAccumulator();
  const penalties = new PenaltyIndex();
  const slimEntries: JournalEntry[] = [];
  return {
    add: (entry) => {
      summary.add(entry);
      clusters.add(entry);
      confusion.add(entry);
      penalties.add(entry);
      slimEntries.push(slim(entry));
    },
    finish: () => {
      const reinforcement = replayInJournalOrder(slimEntries);
      const triggers = findMemoryTriggers(slimEntries);
      const span = summary.span();
      const files = new Map<DerivedFile, string>();
      files.set(SUMMARY_FILE, summary.render(reinforcement.weights, triggers));
      files.set(MESH_LOGGER_FILE, renderMeshLogger(reinforcement.log));
      files.set(TRADE_CLUSTERS_FILE, clusters.render());
      files.set(MESH_CONFUSION_FILE, confusion.render());
      files.set(MESH_CONFIG_FILE, renderMeshConfig(reinforcement, span.trades));
      files.set(REINFORCEMENT_PROFILE_FILE, renderProfile(reinforcement, penalties));
      files.set(SIGNAL_SCORING_LOGIC_FILE, renderSignalScoringLogic(penalties, reinforcement.weights, span));
      files.set(PATTERNS_FILE, renderPatterns(triggers, span));
      return files;
    },
  };
}

/** Every derived file from the committed entries, put in the journal's order (exit time, then id) first. */
export function deriveJournalFiles(entries: Iterable<JournalEntry>): Map<DerivedFile, string> {
  const accumulator = createJournalAccumulator();
  for (const entry of sortEntries([...entries])) accumulator.add(entry);
  return accumulator.finish();
}
