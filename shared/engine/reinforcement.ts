import { z } from 'zod';
import type { AgentAttribution, JournalEntry, RegretDimension, RegretScores } from '../domain/journal.ts';
import { agentPhaseSchema, polaritySchema } from '../domain/trade.ts';
import { sortInstantOf } from './outcome.ts';

/**
 * Seed step 6 (SPEC step 7), reinforcement. Every agent involved in a committed trade gets one update per
 * trade, in log space with a pull back toward 1:
 *
 *   q      = signal quality in [−1, 1]: +(1 − D · r) for a right call, −(1 − D · r) for a wrong one (signalQuality)
 *   ln m   = q · ln 1.20                                              (the target factor m ∈ [1/1.20, 1.20])
 *   step   = clamp(η · ln m − λ · ln w, ln 0.70, ln 1.20)                (η = LEARNING_RATE, λ = MEAN_REVERSION)
 *   w'     = w · e^step
 *
 * Credit and blame are of equal size, so a coin-flip agent's expected ln m is 0 and its weight stays near 1:
 * the weight reads "better or worse than chance". Regret (r, of the signal's own phase only) shrinks the size
 * of the lesson both ways; it never turns a right call into a loss of weight, which is what used to make every
 * agent decay with the trader's average regret (a coin flip settled at 0.55–0.73).
 *
 * Unrolled, ln w = η · Σ_k (1 − λ)^k · ln m_{n−k}: (η/λ) times an exponential moving average of ln m over the
 * agent's last ~1/λ = 200 trades. It settles where ln w = (η/λ) · ln m̄ (1.2^7 ≈ 3.6 for an agent always right
 * on clean trades, 1/3.6 for one always wrong), so it never parks at a bound. The clamp is on the per-trade
 * factor, never on the weight, and one trade moves a weight by well under one per cent.
 */
export const INITIAL_WEIGHT = 1.0;
/** The seed's bounds on one trade: "up to +20 %" and "up to −30 %". Every per-trade factor lies in [0.70, 1.20]. */
export const MAX_RAISE_FACTOR = 1.2;
export const MAX_LOWER_FACTOR = 0.7;
/**
 * The size of a full verdict in log space, the same both ways: ln 1.20, the larger step that fits inside both
 * of the seed's bounds (a full blame is ×1/1.20 = −16.7 %, inside −30 %). Equal sizes are what make a coin
 * flip neutral; the seed's −30 % stays the hard bound on any one trade.
 */
export const VERDICT_LOG_SIZE = Math.log(MAX_RAISE_FACTOR);
/** η: the share of a trade's verdict (in log space) applied at once. η/λ = 7: a 60 %-right agent reads about 1.25. */
export const LEARNING_RATE = 0.035;
/** λ: the pull of ln w back toward 0 per trade; 1/λ = 200 trades of memory (about three months at three a day). */
export const MEAN_REVERSION = 0.005;
/**
 * D: how much a trade's regret shrinks the lesson it gives: q = ±(1 − D · r). A trade whose phase regrets are
 * all 1 still counts half: the money still went one way, but a badly executed trade is a noisier referee of
 * which way it was.
 */
export const REGRET_DISCOUNT = 0.5;
/** The regrets an entry signal is answerable for, and those an exit signal is. */
export const ENTRY_PHASE_REGRETS: readonly RegretDimension[] = ['entry_regret', 'timing_regret', 'decay_regret', 'pin_regret', 'trap_entry_regret'];
export const EXIT_PHASE_REGRETS: readonly RegretDimension[] = ['exit_regret', 'late_exit_regret'];

export const meshLogLineSchema = z.object({
  trade_id: z.string(),
  agent: z.string(),
  phase: agentPhaseSchema,
  polarity: polaritySchema,
  score: z.number(),
  aligned: z.boolean(),
  conflicted: z.boolean(),
  weight_before: z.number().positive(),
  weight_after: z.number().positive(),
});
export type MeshLogLine = z.infer<typeof meshLogLineSchema>;

export const weightPointSchema = z.object({ trade_id: z.string(), timestamp: z.string(), agent: z.string(), weight: z.number().positive() });
export type WeightPoint = z.infer<typeof weightPointSchema>;

export type ReinforcementResult = {
  readonly weights: Record<string, number>;
  readonly log: MeshLogLine[];
  readonly history: WeightPoint[];
};

/** Mean of the phase's non-null regrets; 0 when none was scored. */
export function regretLoad(scores: RegretScores, phase: AgentAttribution['phase']): number {
  const dimensions = phase === 'entry' ? ENTRY_PHASE_REGRETS : EXIT_PHASE_REGRETS;
  const known = dimensions.map((dimension) => scores[dimension]).filter((score): score is number => score !== null);
  return known.length === 0 ? 0 : known.reduce((total, score) => total + score, 0) / known.length;
}

/**
 * Signal quality q. "Right" means the signal pointed the way money was made: aligned with a winner, or
 * conflicted with a loser (the agent warned against a trade that lost). A right call scores +(1 − D · r), a
 * wrong one −(1 − D · r), whether the call was the one the trader took or the one he opposed; a scratch
 * (pnl = 0) points nowhere and scores 0. r is the signal's own phase regret load: an entry agent is never
 * judged on the trader's exit.
 *
 * Why the same size for a call taken and a call opposed: an agent right half the time, whatever the trader
 * did, must average 0. With a smaller share for opposed calls its average leans with the trader's win rate
 * (at 35 % wins a coin flip drifted to about 0.87, at 65 % to about 1.15).
 */
export function signalQuality(signal: Pick<AgentAttribution, 'aligned'>, pnl: number, load: number): number {
  if (pnl === 0 || Number.isNaN(pnl)) return 0;
  const r = Math.min(1, Math.max(0, Number.isNaN(load) ? 0 : load));
  const right = signal.aligned ? pnl > 0 : pnl < 0;
  const size = 1 - REGRET_DISCOUNT * r;
  return right ? size : -size;
}

/** The target factor m for a quality q: 1.2^q, so a full credit is ×1.20 and a full blame ×1/1.20. */
export function targetFactor(quality: number): number {
  const q = Math.min(1, Math.max(-1, quality));
  return Math.exp(q * VERDICT_LOG_SIZE);
}

/** The per-trade factor applied to weight w: e^clamp(η ln m − λ ln w, ln 0.7, ln 1.2), always in [0.70, 1.20]. */
export function stepFactor(weight: number, target: number): number {
  const raw = LEARNING_RATE * Math.log(target) - MEAN_REVERSION * Math.log(weight);
  const step = Math.min(Math.log(MAX_RAISE_FACTOR), Math.max(Math.log(MAX_LOWER_FACTOR), raw));
  // Clamp once more after exp: e^(ln 1.2) may round a hair above 1.2.
  return Math.min(MAX_RAISE_FACTOR, Math.max(MAX_LOWER_FACTOR, Math.exp(step)));
}

/**
 * The agent's signal that speaks for it in a trade: its entry signal (the call that put the trade on),
 * else its exit signal; among several in one phase, the strongest weight × |score|, first on a tie.
 */
export function representativeSignals(agents: readonly AgentAttribution[]): AgentAttribution[] {
  const chosen = new Map<string, AgentAttribution>();
  const strength = (signal: AgentAttribution): number => signal.weight * Math.abs(signal.score);
  for (const signal of agents) {
    const current = chosen.get(signal.name);
    if (current === undefined) chosen.set(signal.name, signal);
    else if (current.phase === 'exit' && signal.phase === 'entry') chosen.set(signal.name, signal);
    else if (current.phase === signal.phase && strength(signal) > strength(current)) chosen.set(signal.name, signal);
  }
  return [...chosen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type TradeForReinforcement = Pick<JournalEntry, 'id' | 'timestamp' | 'pnl' | 'agents' | keyof RegretScores>;

/** One committed trade's update: returns the new weights (a copy) and the trade's mesh log lines. */
export function reinforceTrade(entry: TradeForReinforcement, weights: Readonly<Record<string, number>>): ReinforcementResult {
  const next: Record<string, number> = { ...weights };
  const log: MeshLogLine[] = [];
  const history: WeightPoint[] = [];
  for (const signal of representativeSignals(entry.agents)) {
    const stored = next[signal.name];
    // A weight that is not a positive number (hand-edited config) restarts at 1 rather than poisoning the logs.
    const before = stored !== undefined && Number.isFinite(stored) && stored > 0 ? stored : INITIAL_WEIGHT;
    const quality = signalQuality(signal, entry.pnl, regretLoad(entry, signal.phase));
    const after = before * stepFactor(before, targetFactor(quality));
    next[signal.name] = after;
    log.push({
      trade_id: entry.id,
      agent: signal.name,
      phase: signal.phase,
      polarity: signal.polarity,
      score: signal.score,
      aligned: signal.aligned,
      conflicted: signal.conflicted,
      weight_before: before,
      weight_after: after,
    });
    history.push({ trade_id: entry.id, timestamp: entry.timestamp, agent: signal.name, weight: after });
  }
  return { weights: next, log, history };
}

/** Trade-exit order: exit instant, then id, then the entry's JSON, so input order never matters. */
export function compareByExit(a: Pick<JournalEntry, 'exit_time' | 'id'>, b: Pick<JournalEntry, 'exit_time' | 'id'>): number {
  const byTime = sortInstantOf(a.exit_time) - sortInstantOf(b.exit_time);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const aText = JSON.stringify(a);
  const bText = JSON.stringify(b);
  return aText < bText ? -1 : aText > bText ? 1 : 0;
}

/** Sorts in trade-exit order, parsing each exit time once (the comparator's time-zone parse is the slow part). */
export function sortByExit<T extends Pick<JournalEntry, 'exit_time' | 'id'>>(entries: readonly T[]): T[] {
  const keyed = entries.map((entry) => ({ entry, instant: sortInstantOf(entry.exit_time) }));
  keyed.sort((a, b) => {
    const byTime = a.instant - b.instant;
    return byTime !== 0 && !Number.isNaN(byTime) ? byTime : compareByExit(a.entry, b.entry);
  });
  return keyed.map((item) => item.entry);
}

export function replayReinforcement(entries: readonly JournalEntry[], initial: Readonly<Record<string, number>> = {}): ReinforcementResult {
  let weights: Record<string, number> = { ...initial };
  const log: MeshLogLine[] = [];
  const history: WeightPoint[] = [];
  for (const entry of sortByExit(entries)) {
    const result = reinforceTrade(entry, weights);
    weights = result.weights;
    log.push(...result.log);
    history.push(...result.history);
  }
  const sorted: Record<string, number> = {};
  for (const name of Object.keys(weights).sort()) sorted[name] = weights[name] ?? INITIAL_WEIGHT;
  return { weights: sorted, log, history };
}
