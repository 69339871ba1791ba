import type { RegretDimension } from '../../shared/domain/journal.ts';

/**
 * Series colours for charts with one line per regret dimension or agent: the theme's seven series hues
 * (theme.css, one set per theme), about 50° apart so no two dimensions read alike; the dashes are a second
 * cue for the neighbouring hues and for colour-blind readers.
 */
export type SeriesStyle = { readonly color: string; readonly dash?: string };

export const DIMENSION_SERIES: Readonly<Record<RegretDimension, SeriesStyle>> = {
  entry_regret: { color: 'var(--series-1)' },
  exit_regret: { color: 'var(--series-2)' },
  timing_regret: { color: 'var(--series-3)' },
  decay_regret: { color: 'var(--series-4)', dash: '6 3' },
  pin_regret: { color: 'var(--series-5)', dash: '2 3' },
  trap_entry_regret: { color: 'var(--series-6)' },
  late_exit_regret: { color: 'var(--series-7)', dash: '6 3' },
};

/** Agent lines take the series in an order that keeps neighbouring hues apart (blue, amber, purple, green …). */
const AGENT_SLOTS = [1, 2, 3, 7, 6, 5, 4] as const;

/** A stable style per agent by its position in the sorted agent list; past seven agents the lines are dashed. */
export function agentSeries(index: number): SeriesStyle {
  const slot = AGENT_SLOTS[index % AGENT_SLOTS.length] ?? 1;
  return index < AGENT_SLOTS.length ? { color: `var(--series-${slot})` } : { color: `var(--series-${slot})`, dash: '5 3' };
}
