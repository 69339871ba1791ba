import type { JournalEntry } from '../domain/journal.ts';
import { INITIAL_WEIGHT, reinforceTrade, type ReinforcementResult } from '../engine/reinforcement.ts';
import { sortEntries } from '../engine/assessBatch.ts';
import { TRADE_CLUSTERS_FILE } from './clusters.ts';
import { COMMITTED_IDS_FILE } from './committedIds.ts';
import { REINFORCEMENT_HISTORY_FILE } from './weightHistory.ts';
import { MESH_CONFUSION_FILE } from './confusion.ts';
import { createDerivation, type Derivation } from './derivation.ts';
import { MESH_CONFIG_FILE } from './meshConfig.ts';
import { MESH_LOGGER_FILE } from './meshLogger.ts';
import { PATTERNS_FILE } from './patterns.ts';
import { REINFORCEMENT_PROFILE_FILE } from './profile.ts';
import { SIGNAL_SCORING_LOGIC_FILE } from './signalScoringLogic.ts';
import { SUMMARY_FILE } from './summary.ts';

export {
  APPEND_ONLY_FILES,
  RENDERED_FILES,
  createDerivation,
  derivationStateText,
  parseDerivationState,
  type AppendOnlyFile,
  type Derivation,
  type DerivationState,
  type JournalKey,
  type RenderedFile,
} from './derivation.ts';
export { COMMITTED_IDS_FILE, parseCommittedIds } from './committedIds.ts';
export { REINFORCEMENT_HISTORY_FILE } from './weightHistory.ts';
export { SUMMARY_FILE, MESH_LOGGER_FILE, TRADE_CLUSTERS_FILE, MESH_CONFUSION_FILE, MESH_CONFIG_FILE, REINFORCEMENT_PROFILE_FILE, SIGNAL_SCORING_LOGIC_FILE, PATTERNS_FILE };

/** Every file derived from sync_log.jsonl, relative to the data directory ('/' separated). */
export const DERIVED_FILES = [
  SUMMARY_FILE,
  MESH_LOGGER_FILE,
  TRADE_CLUSTERS_FILE,
  MESH_CONFUSION_FILE,
  MESH_CONFIG_FILE,
  REINFORCEMENT_PROFILE_FILE,
  REINFORCEMENT_HISTORY_FILE,
  SIGNAL_SCORING_LOGIC_FILE,
  PATTERNS_FILE,
  COMMITTED_IDS_FILE,
] as const;
export type DerivedFile = (typeof DERIVED_FILES)[number];

export function isDerivedFile(name: string): name is DerivedFile {
  return (DERIVED_FILES as readonly string[]).includes(name);
}

/**
 * Builds every derived file in one pass over the committed entries, fed in journal order (exit time, then
 * id: the order of sync_log.jsonl), so a rebuild can stream sync_log.jsonl line by line. It is a
 * derivation (derivation.ts) started from nothing: counters, reinforcement and compact trade columns are
 * folded in as entries arrive, and a commit that continues a saved derivation writes the same bytes.
 * Output is deterministic: fixed key order, numbers rounded to fixed decimals, a trailing newline.
 */
export type JournalAccumulator = {
  readonly add: (entry: JournalEntry) => void;
  readonly finish: () => Map<DerivedFile, string>;
};

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
  const derivation = createDerivation();
  return {
    add: derivation.add,
    finish: () => derivedFilesOf(derivation),
  };
}

/** Every derived file of a derivation that started from nothing, in DERIVED_FILES order. */
export function derivedFilesOf(derivation: Derivation): Map<DerivedFile, string> {
  const rendered: Map<DerivedFile, string> = derivation.render();
  const appended: Map<DerivedFile, string> = derivation.appended();
  return new Map(DERIVED_FILES.map((name) => [name, rendered.get(name) ?? appended.get(name) ?? '']));
}

/** Every derived file from the committed entries, put in the journal's order (exit time, then id) first. */
export function deriveJournalFiles(entries: Iterable<JournalEntry>): Map<DerivedFile, string> {
  const accumulator = createJournalAccumulator();
  for (const entry of sortEntries([...entries])) accumulator.add(entry);
  return accumulator.finish();
}
