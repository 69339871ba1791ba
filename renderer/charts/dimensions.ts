import type { RegretDimension } from '../../shared/domain/journal.ts';

/** What each regret dimension measures, in a trader's words (SPEC.md "The engine", step 2). */
export const DIMENSION_HINTS: Readonly<Record<RegretDimension, string>> = {
  entry_regret: 'How far your entry was from the best price reachable around it.',
  exit_regret: 'Move left on the table after the exit, or favourable move given back.',
  timing_regret: 'Entries in mid-day chop, a choppy tape or a split mesh.',
  decay_regret: 'Theta working against you at entry; rises into the close.',
  pin_regret: 'Entering near max pain or a pin strike, worse late in the day.',
  trap_entry_regret: 'Breakouts that fell back inside the level and went against you.',
  late_exit_regret: 'Holding into a VWAP magnet or expiry crush.',
};
