import type { ArchetypeEvidence, ScoreLevels, SetupArchetype } from '../domain/journal.ts';
import type { TradeDirection } from '../domain/trade.ts';
import { MESH_CONFLICT_THRESHOLD } from './attribution.ts';
import type { TradeFeatures } from './types.ts';

/**
 * Seed step 5, setup archetype. Each archetype has a gate (what must hold for it to be chosen) and a list
 * of criteria; confidence = criteria met / criteria listed, so a trader can recount it from the evidence.
 * Archetypes are tried in ARCHETYPE_ORDER and the first whose gate holds wins: the dealer-positioning
 * setups (a GEX shift, a failed break faded with conviction, a pin) name a more specific reason for the
 * entry than the generic tape patterns (breakout, rejection), so they go first. Nothing → unclassified,
 * confidence 0, with the evidence saying why each gate failed.
 */
export const ARCHETYPE_ORDER = ['gamma_flip', 'trap_avoidance', 'pin_fade', 'momentum_break', 'fade_reversal'] as const;
/** Regime tags (normalised to lower_snake_case) that mark a dealer gamma/delta shift. */
export const GAMMA_FLIP_TAGS: readonly string[] = ['gex_flip', 'gamma_flip', 'gex_shift', 'dex_shift', 'dex_flip'];
/** "Near" the gamma-flip level: within half an expected move. */
export const GAMMA_FLIP_NEAR_EM = 0.5;
/** Fading a failed break counts as trap avoidance only with a confident mesh behind it. */
export const TRAP_AVOIDANCE_MIN_ALIGNMENT = 0.8;
export const TRAP_AVOIDANCE_MAX_TRAP_REGRET = 0.3;
/** "Near" max pain: within half an expected move. */
export const PIN_NEAR_EM = 0.5;
/** Pins strengthen late: the last 150 minutes of a full day (from 13:30 ET). */
export const PIN_LATE_MINUTES_TO_CLOSE = 150;
/** Kaufman efficiency ratio at or above which the tape counts as trending. */
export const TRENDING_EFFICIENCY = 0.5;

export type ArchetypeInput = {
  readonly features: TradeFeatures;
  readonly levels: Pick<ScoreLevels, 'max_pain'>;
  readonly regimeTags: readonly string[];
  readonly meshAlignment: number | null;
  readonly direction: TradeDirection;
  readonly trapEntryRegret: number | null;
};

type Criterion = { readonly met: boolean; readonly text: string };
type Candidate = { readonly archetype: Exclude<SetupArchetype, 'unclassified'>; readonly gate: boolean; readonly gateText: string; readonly criteria: Criterion[] };

const num = (value: number): string => value.toFixed(2);

function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

function alignmentCriterion(alignment: number | null, minimum: number): Criterion {
  if (alignment === null) return { met: false, text: 'mesh alignment unknown (no entry agent with a weight)' };
  const met = alignment >= minimum;
  return { met, text: `mesh alignment ${num(alignment)} ${met ? '≥' : '<'} ${minimum}` };
}

function isExtremeName(name: string): 'high' | 'low' | null {
  const lower = name.toLowerCase();
  if (/\bhigh\b|_high\b|high$/.test(lower)) return 'high';
  if (/\blow\b|_low\b|low$/.test(lower)) return 'low';
  return null;
}

function gammaFlip(input: ArchetypeInput): Candidate {
  const { features } = input;
  const tag = input.regimeTags.find((candidate) => GAMMA_FLIP_TAGS.includes(normaliseTag(candidate)));
  const distance = features.gexFlipDistanceEm;
  const near = distance !== null && distance <= GAMMA_FLIP_NEAR_EM;
  const criteria: Criterion[] = [
    { met: features.crossedGexFlip, text: features.crossedGexFlip ? 'price crossed the gamma flip just before entry' : 'price did not cross the gamma flip before entry' },
    { met: tag !== undefined, text: tag !== undefined ? `regime tag "${tag}"` : 'no gamma-flip regime tag' },
    { met: near, text: distance === null ? 'distance to the gamma flip unknown' : `gamma flip ${num(distance)} EM away (${near ? '≤' : '>'} ${GAMMA_FLIP_NEAR_EM})` },
    alignmentCriterion(input.meshAlignment, MESH_CONFLICT_THRESHOLD),
  ];
  // A day-wide tag alone names every trade of the day; it counts only when this entry was near the flip (or the distance is unknown).
  const gate = features.crossedGexFlip || (tag !== undefined && (distance === null || near));
  return { archetype: 'gamma_flip', gate, gateText: 'needs a gamma-flip cross, or a gamma-flip tag with entry near the flip', criteria };
}

function trapAvoidance(input: ArchetypeInput): Candidate {
  const { features, direction } = input;
  const rejection = features.rejection;
  const extreme = rejection ? isExtremeName(rejection.name) : null;
  const fadesFailedBreak = extreme !== null && (extreme === 'high' ? direction === 'bearish' : direction === 'bullish');
  const confident = input.meshAlignment !== null && input.meshAlignment >= TRAP_AVOIDANCE_MIN_ALIGNMENT;
  const trapRegret = input.trapEntryRegret;
  const clean = trapRegret !== null && trapRegret <= TRAP_AVOIDANCE_MAX_TRAP_REGRET;
  const criteria: Criterion[] = [
    {
      met: fadesFailedBreak,
      text: rejection && fadesFailedBreak ? `${direction} entry against the rejected ${rejection.name} ${num(rejection.level)} (a failed break)` : 'no failed break of a session high/low faded at entry',
    },
    alignmentCriterion(input.meshAlignment, TRAP_AVOIDANCE_MIN_ALIGNMENT),
    { met: clean, text: trapRegret === null ? 'trap_entry_regret unknown' : `trap_entry_regret ${num(trapRegret)} ${clean ? '≤' : '>'} ${TRAP_AVOIDANCE_MAX_TRAP_REGRET}` },
  ];
  return { archetype: 'trap_avoidance', gate: fadesFailedBreak && confident, gateText: `needs a faded failed break with mesh alignment ≥ ${TRAP_AVOIDANCE_MIN_ALIGNMENT}`, criteria };
}

function pinFade(input: ArchetypeInput): Candidate {
  const { features, direction } = input;
  const distance = features.maxPainDistanceEm;
  const near = distance !== null && distance <= PIN_NEAR_EM;
  const maxPain = input.levels.max_pain;
  const spot = features.underlyingAtEntry;
  const towardPin = maxPain !== null && spot !== null && spot !== maxPain && (spot > maxPain ? direction === 'bearish' : direction === 'bullish');
  const confirmed = features.rejection !== null || (input.meshAlignment !== null && input.meshAlignment >= MESH_CONFLICT_THRESHOLD);
  const minutes = features.minutesToCloseAtEntry;
  const late = minutes !== null && minutes <= PIN_LATE_MINUTES_TO_CLOSE;
  const criteria: Criterion[] = [
    { met: near, text: distance === null ? 'distance to max pain unknown' : `max pain ${num(distance)} EM away (${near ? '≤' : '>'} ${PIN_NEAR_EM})` },
    {
      met: towardPin,
      text: maxPain === null || spot === null ? 'max pain or entry price unknown' : `${direction} entry at ${num(spot)} ${towardPin ? 'toward' : 'not toward'} max pain ${num(maxPain)}`,
    },
    {
      met: confirmed,
      text: features.rejection ? `confirmed by the rejected ${features.rejection.name} ${num(features.rejection.level)}` : alignmentCriterion(input.meshAlignment, MESH_CONFLICT_THRESHOLD).text,
    },
    { met: late, text: minutes === null ? 'minutes to close unknown' : `${Math.round(minutes)} min to close (${late ? '≤' : '>'} ${PIN_LATE_MINUTES_TO_CLOSE})` },
  ];
  return { archetype: 'pin_fade', gate: near && towardPin && confirmed, gateText: 'needs entry near max pain, toward it, with a rejection or an aligned mesh', criteria };
}

function momentumBreak(input: ArchetypeInput): Candidate {
  const { features } = input;
  const breakout = features.breakout;
  const ratio = features.efficiencyRatio;
  const trending = ratio !== null && ratio >= TRENDING_EFFICIENCY;
  const notConflicted = input.meshAlignment === null || input.meshAlignment >= MESH_CONFLICT_THRESHOLD;
  const criteria: Criterion[] = [
    { met: breakout !== null, text: breakout ? `entry broke the session ${breakout.kind} ${num(breakout.level)}` : 'no breakout at entry' },
    alignmentCriterion(input.meshAlignment, MESH_CONFLICT_THRESHOLD),
    { met: trending, text: ratio === null ? 'efficiency ratio unknown' : `efficiency ratio ${num(ratio)} ${trending ? '≥' : '<'} ${TRENDING_EFFICIENCY}` },
    { met: breakout !== null && !breakout.failed, text: breakout ? (breakout.failed ? 'the break failed (fell back inside)' : 'the break held') : 'no break to hold' },
  ];
  return { archetype: 'momentum_break', gate: breakout !== null && notConflicted, gateText: 'needs a breakout at entry without mesh conflict', criteria };
}

function fadeReversal(input: ArchetypeInput): Candidate {
  const { features } = input;
  const rejection = features.rejection;
  const ratio = features.efficiencyRatio;
  const ranging = ratio !== null && ratio < TRENDING_EFFICIENCY;
  const criteria: Criterion[] = [
    { met: rejection !== null, text: rejection ? `${input.direction} entry against the rejected ${rejection.name} ${num(rejection.level)}` : 'no level rejected at entry' },
    alignmentCriterion(input.meshAlignment, MESH_CONFLICT_THRESHOLD),
    { met: ranging, text: ratio === null ? 'efficiency ratio unknown' : `efficiency ratio ${num(ratio)} ${ranging ? '<' : '≥'} ${TRENDING_EFFICIENCY}` },
  ];
  return { archetype: 'fade_reversal', gate: rejection !== null, gateText: 'needs a rejected key level at entry', criteria };
}

const CANDIDATES: Record<(typeof ARCHETYPE_ORDER)[number], (input: ArchetypeInput) => Candidate> = {
  gamma_flip: gammaFlip,
  trap_avoidance: trapAvoidance,
  pin_fade: pinFade,
  momentum_break: momentumBreak,
  fade_reversal: fadeReversal,
};

export function classifyArchetype(input: ArchetypeInput): ArchetypeEvidence {
  const rejected: string[] = [];
  for (const name of ARCHETYPE_ORDER) {
    const candidate = CANDIDATES[name](input);
    if (candidate.gate) {
      const met = candidate.criteria.filter((criterion) => criterion.met).length;
      const confidence = Math.round((met / candidate.criteria.length) * 100) / 100;
      const evidence = [
        `${name}: ${met} of ${candidate.criteria.length} criteria met`,
        ...candidate.criteria.map((criterion) => `${criterion.met ? 'met' : 'not met'}: ${criterion.text}`),
      ];
      return { setup_archetype: name, confidence, evidence };
    }
    rejected.push(`not ${name}: ${candidate.gateText}`);
  }
  return { setup_archetype: 'unclassified', confidence: 0, evidence: rejected };
}

