import { FINAL_LABELS, REGRET_DIMENSIONS, SETUP_ARCHETYPES, type JournalEntry } from '../../shared/domain/journal.ts';
import { UNSCORED_LABELS } from '../../shared/engine/finalLabel.ts';

/** A regret at or above this is "high" for the example day's coverage; at or below LOW, "low". */
export const HIGH_REGRET = 0.7;
export const LOW_REGRET = 0.2;

/** Everything the example day must show at least once: each regret high and low, each archetype, each label. */
export const REQUIREMENTS: readonly string[] = [
  ...REGRET_DIMENSIONS.flatMap((dimension) => [`high:${dimension}`, `low:${dimension}`]),
  ...SETUP_ARCHETYPES.map((archetype) => `archetype:${archetype}`),
  // A day with bars scores every trade, so the labels of trades that cannot be judged do not occur on it.
  ...FINAL_LABELS.filter((label) => !UNSCORED_LABELS.includes(label)).map((label) => `label:${label}`),
];

/** The requirements one assessed trade meets. */
export function requirementsMet(entry: JournalEntry): string[] {
  const met: string[] = [];
  for (const dimension of REGRET_DIMENSIONS) {
    const score = entry[dimension];
    if (score === null) continue;
    if (score >= HIGH_REGRET) met.push(`high:${dimension}`);
    if (score <= LOW_REGRET) met.push(`low:${dimension}`);
  }
  met.push(`archetype:${entry.setup_archetype}`, `label:${entry.final_label}`);
  return met;
}

/** The requirements no entry meets. */
export function missingRequirements(entries: readonly JournalEntry[]): string[] {
  const met = new Set(entries.flatMap(requirementsMet));
  return REQUIREMENTS.filter((requirement) => !met.has(requirement));
}
