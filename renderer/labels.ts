import {
  FINAL_LABELS,
  REGRET_DIMENSIONS,
  SETUP_ARCHETYPES,
  NO_TIME_OF_DAY,
  TIME_BLOCKS,
  type FinalLabel,
  type RegretDimension,
  type SetupArchetype,
  type TimeBlock,
} from '../shared/domain/journal.ts';
import { MESH_CONFLICT_THRESHOLD } from '../shared/engine/attribution.ts';
import { ENDED_IN_REGRET_MEAN, HIGH_REGRET_BY_DIMENSION, MODEL_FAILURE_THRESHOLD } from '../shared/engine/finalLabel.ts';
import type { MEMORY_TRIGGER_KINDS } from '../shared/engine/memoryTriggers.ts';
import {
  CONFLICT_FAILURE_PENALTY,
  EXIT_LATE_EXIT_PENALTY,
  EXIT_LATE_EXIT_PENALTY_THRESHOLD,
  REGRET_SUM_PENALTY,
  REGRET_SUM_PENALTY_THRESHOLD,
} from '../shared/engine/penalties.ts';
import type { BadgeTone } from './components/Badge.tsx';
import { humanize } from './format.ts';

/**
 * The engine's internal names (snake_case enums, `kind:detail` flags, evidence and statements that quote
 * them) as a trader reads them. Display only: the data keeps the raw names, and screens put the raw name in
 * a `title` so a power user can still match the journal files. Archetype and final-label names stay the
 * plain humanized form (`humanize`), which the flow test and the filters rely on.
 */

const ARCHETYPE_NAMES: Readonly<Record<SetupArchetype, string>> = {
  momentum_break: 'Momentum break',
  fade_reversal: 'Fade reversal',
  gamma_flip: 'Gamma flip',
  trap_avoidance: 'Trap avoidance',
  pin_fade: 'Pin fade',
  unclassified: 'Unclassified',
};

const FINAL_LABEL_NAMES: Readonly<Record<FinalLabel, string>> = {
  model_failure: 'Model failure',
  conflict_failure: 'Conflict failure',
  good_trade: 'Good trade',
  lucky_win: 'Lucky win',
  unscored_win: 'Unscored win',
  unscored_loss: 'Unscored loss',
  disciplined_loss: 'Disciplined loss',
  poor_execution: 'Poor execution',
};

const TIME_BLOCK_NAMES: Readonly<Record<TimeBlock, string>> = {
  early_open: 'Early open',
  chop_mid: 'Midday chop',
  setup_mid: 'Afternoon setup',
  decay_close: 'Decay into close',
  outside_session: 'Outside session',
};

/** One word per block for narrow columns. */
const TIME_BLOCK_SHORT: Readonly<Record<TimeBlock, string>> = {
  early_open: 'Open',
  chop_mid: 'Chop',
  setup_mid: 'Setup',
  decay_close: 'Decay',
  outside_session: 'Outside',
};

const REGRET_SHORT: Readonly<Record<RegretDimension, string>> = {
  entry_regret: 'Entry',
  exit_regret: 'Exit',
  timing_regret: 'Timing',
  decay_regret: 'Decay',
  pin_regret: 'Pin',
  trap_entry_regret: 'Trap entry',
  late_exit_regret: 'Late exit',
};

type TriggerKind = (typeof MEMORY_TRIGGER_KINDS)[number];

const TRIGGER_KIND_NAMES: Readonly<Record<TriggerKind, string>> = {
  archetype_losses: 'Losing setup',
  archetype_wins: 'Winning setup',
  regret_time_block: 'Regret by time of day',
  agent_alpha: 'Agent edge',
  agent_decay: 'Agent drag',
};

const MEASURE_NAMES: Readonly<Record<string, string>> = {
  loss_rate: 'Loss rate',
  win_rate: 'Win rate',
};

function isOneOf<T extends string>(values: readonly T[], name: string): name is T {
  return (values as readonly string[]).includes(name);
}

export function isRegretDimension(name: string): name is RegretDimension {
  return isOneOf(REGRET_DIMENSIONS, name);
}

/** "Fade reversal"; an unknown name is humanized. */
export function archetypeLabel(name: string): string {
  return isOneOf(SETUP_ARCHETYPES, name) ? ARCHETYPE_NAMES[name] : humanize(name);
}

/** "Conflict failure". */
export function finalLabelName(name: string): string {
  return isOneOf(FINAL_LABELS, name) ? FINAL_LABEL_NAMES[name] : humanize(name);
}

/** "Afternoon setup" (or "Setup" with `short`); null (an entry without a time of day) is "No time of day". */
export function timeBlockLabel(name: string | null, options: { readonly short?: boolean } = {}): string {
  if (name === null || name === NO_TIME_OF_DAY) return options.short ? 'No time' : 'No time of day';
  if (!isOneOf(TIME_BLOCKS, name)) return humanize(name);
  return options.short ? TIME_BLOCK_SHORT[name] : TIME_BLOCK_NAMES[name];
}

/** "Trap entry regret", or "Trap entry" with `short` (chart legends, where "regret" is the axis). */
export function regretLabel(name: string, options: { readonly short?: boolean } = {}): string {
  const short = isRegretDimension(name) ? REGRET_SHORT[name] : humanize(name.replace(/_regret$/, ''));
  return options.short ? short : `${short} regret`;
}

/** "entry_regret" → "Entry", "trap_entry_regret" → "Trap entry": the short form, where "regret" is understood. */
export function dimensionLabel(dimension: string): string {
  return regretLabel(dimension, { short: true });
}

/** A memory trigger's kind: "Losing setup", "Regret by time of day", "Agent edge"… */
export function triggerKindLabel(kind: string): string {
  return isOneOf(Object.keys(TRIGGER_KIND_NAMES) as TriggerKind[], kind) ? TRIGGER_KIND_NAMES[kind] : humanize(kind);
}

/** What a memory trigger measured: "Loss rate", "Pin regret". */
export function measureLabel(measure: string): string {
  if (isRegretDimension(measure)) return regretLabel(measure);
  return MEASURE_NAMES[measure] ?? humanize(measure);
}

/** Any engine enum value in its display form; agent names and other free names are left as they are. */
export function engineNameLabel(name: string): string | null {
  if (isOneOf(SETUP_ARCHETYPES, name)) return ARCHETYPE_NAMES[name];
  if (isOneOf(FINAL_LABELS, name)) return FINAL_LABEL_NAMES[name];
  if (isOneOf(TIME_BLOCKS, name)) return TIME_BLOCK_NAMES[name];
  if (isRegretDimension(name)) return regretLabel(name);
  return null;
}

/**
 * Free engine text (archetype evidence, memory-trigger statements, explanations) with every engine name it
 * quotes in display form: "fade_reversal: 2 of 3 criteria met" → "Fade reversal: 2 of 3 criteria met",
 * "pin_regret averages 0.61 for entries in setup_mid" → "Pin regret averages 0.61 for entries in afternoon
 * setup". Names inside a sentence are lower-cased; at the start they keep their capital. Anything that is
 * not an engine name (agent names, numbers, levels) is left untouched.
 */
export function humanizeText(text: string): string {
  return text.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (token, offset: number) => {
    const label = engineNameLabel(token);
    if (label === null) return token;
    const sentenceStart = offset === 0 || /[.!?]\s+$/.test(text.slice(0, offset));
    return sentenceStart ? label : label.charAt(0).toLowerCase() + label.slice(1);
  });
}

// ---------- flags ----------

export type FlagInfo = {
  /** The flag as stored, e.g. "high_regret:exit_regret". */
  readonly raw: string;
  /** "High exit regret". */
  readonly label: string;
  /** One sentence on what it means, for the tooltip. */
  readonly description: string;
  readonly tone: BadgeTone;
};

const PENALTY_NAMES: Readonly<Record<string, { readonly label: string; readonly description: string }>> = {
  regret_sum: {
    label: 'Penalty: regret sum',
    description: `The seven regrets add up to more than ${REGRET_SUM_PENALTY_THRESHOLD}: +${REGRET_SUM_PENALTY} penalty points.`,
  },
  exit_plus_late_exit: {
    label: 'Penalty: exit + late exit',
    description: `Exit regret plus late-exit regret is above ${EXIT_LATE_EXIT_PENALTY_THRESHOLD}: +${EXIT_LATE_EXIT_PENALTY} penalty points.`,
  },
  conflict_failure: {
    label: 'Penalty: conflict failure',
    description: `Taken against a split mesh and ended in regret: +${CONFLICT_FAILURE_PENALTY} penalty points.`,
  },
};

const PLAIN_FLAGS: Readonly<Record<string, Omit<FlagInfo, 'raw'>>> = {
  model_failure: {
    label: 'Model failure',
    description: `Entry + exit + decay regret above ${MODEL_FAILURE_THRESHOLD}.`,
    tone: 'bad',
  },
  conflict_failure: {
    label: 'Conflict failure',
    description: `Taken under mesh conflict and ended in regret (a loss, or a win whose mean regret is ${ENDED_IN_REGRET_MEAN} or more: the worst 2.5 % of the calibration trades).`,
    tone: 'bad',
  },
  mesh_conflict: {
    label: 'Mesh conflict',
    description: `Less than ${Math.round(MESH_CONFLICT_THRESHOLD * 100)}% of the entry agents' pull agreed with the trade's direction.`,
    tone: 'warn',
  },
  no_entry_agents: {
    label: 'No entry agents',
    description: 'No agent signal at entry: mesh alignment and conflict are unknown.',
    tone: 'neutral',
  },
  no_time_of_day: {
    label: 'No time of day',
    description: 'The entry has a date but no time: the time block and the time-dependent regrets are not scored.',
    tone: 'neutral',
  },
  exit_before_entry: {
    label: 'Exit before entry',
    description: 'The exit time is earlier than the entry time; check the broker export.',
    tone: 'bad',
  },
};

/**
 * A flag in display form. Flags are either plain ("mesh_conflict") or `kind:detail`
 * ("high_regret:exit_regret", "missing_regret:pin_regret", "penalty:regret_sum"); an unknown kind still
 * reads as "Kind: detail", so a flag the engine adds later shows sensibly without a change here.
 */
export function flagInfo(raw: string): FlagInfo {
  const plain = PLAIN_FLAGS[raw];
  if (plain) return { raw, ...plain };
  const colon = raw.indexOf(':');
  const kind = colon >= 0 ? raw.slice(0, colon) : raw;
  const detail = colon >= 0 ? raw.slice(colon + 1) : '';
  if (kind === 'high_regret' && detail) {
    const name = regretLabel(detail);
    return {
      raw,
      label: `High ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
      description: isOneOf(REGRET_DIMENSIONS, detail)
        ? `${name} is ${HIGH_REGRET_BY_DIMENSION[detail]} or more: the worst tenth of this kind of regret on the calibration trades.`
        : `${name} is in the worst tenth of its kind.`,
      tone: 'warn',
    };
  }
  if (kind === 'missing_regret' && detail) {
    const name = regretLabel(detail);
    return { raw, label: `${name} not scored`, description: `${name} could not be computed from the imported data (see its explanation).`, tone: 'neutral' };
  }
  if (kind === 'penalty' && detail) {
    const known = PENALTY_NAMES[detail];
    if (known) return { raw, ...known, tone: 'bad' };
    return { raw, label: `Penalty: ${detailLabel(detail)}`, description: 'A penalty condition held for this trade.', tone: 'bad' };
  }
  const label = detail ? `${humanize(kind)}: ${detailLabel(detail)}` : humanize(kind);
  return { raw, label, description: label, tone: 'neutral' };
}

function detailLabel(detail: string): string {
  const known = engineNameLabel(detail);
  return (known ?? humanize(detail)).toLowerCase();
}

export function flagLabel(raw: string): string {
  return flagInfo(raw).label;
}

// ---------- archetype evidence ----------

export type EvidenceLine = {
  readonly raw: string;
  /** The line without its met/not-met marker, names in display form. */
  readonly text: string;
  /** true for "met: …", false for "not met: …" and "not <archetype>: …", null for a summary line. */
  readonly met: boolean | null;
};

/** One line of archetype evidence, split into its verdict and its text. */
export function evidenceLine(raw: string): EvidenceLine {
  const metMatch = /^(met|not met):\s*/.exec(raw);
  if (metMatch) return { raw, text: humanizeText(raw.slice(metMatch[0].length)), met: metMatch[1] === 'met' };
  const rejected = /^not ([a-z_]+):\s*/.exec(raw);
  if (rejected?.[1] && isOneOf(SETUP_ARCHETYPES, rejected[1])) {
    return { raw, text: `Not ${ARCHETYPE_NAMES[rejected[1]].toLowerCase()}: ${humanizeText(raw.slice(rejected[0].length))}`, met: false };
  }
  return { raw, text: humanizeText(raw), met: null };
}
