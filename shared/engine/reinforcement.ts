import { z } from 'zod';
import type { AgentAttribution, JournalEntry, RegretDimension, RegretScores } from '../domain/journal.ts';
import { agentPhaseSchema, polaritySchema } from '../domain/trade.ts';
import { sortInstantOf } from './outcome.ts';

/**
 * Seed step 6 (SPEC step 7), reinforcement. Every agent involved in a committed trade gets one update per
 * trade, in log space with a pull back toward 1:
 *
 *   q      = signal quality in [−1, 1] (signalQuality below)
 *   ln m   = q · ln 1.20 when q ≥ 0, |q| · ln 0.70 when q < 0          (the target factor m ∈ [0.70, 1.20])
 *   step   = clamp(η · ln m − λ · ln w, ln 0.70, ln 1.20)                (η = LEARNING_RATE, λ = MEAN_REVERSION)
 *   w'     = w · e^step
 *
 * Unrolled, ln w = η · Σ_k (1 − λ)^k · ln m_{n−k}: (η/λ) times an exponential moving average of ln m over the
 * agent's last ~1/λ = 100 trades. It settles where ln w = (η/λ) · ln m̄ (1.2^10 ≈ 6.2 for an agent always right
 * on clean trades, 0.7^10 ≈ 0.028 for one always failing), so it never parks at a bound. The memory is long on
 * purpose: the order of two agents rests on ~100 outcomes each, not on their last few, so an agent right 60 % of
 * the time stays above one right 40 % of the time after thousands of trades (with λ = 0.1 and η = 1 the last
 * ten trades decided it, and one run in ten came out in the wrong order). The clamp is on the per-trade
 * factor, never on the weight, and one trade moves a weight by at most a few per cent.
 */
export const INITIAL_WEIGHT = 1.0;
export const MAX_RAISE_FACTOR = 1.2;
export const MAX_LOWER_FACTOR = 0.7;
/** η: the share of a trade's target factor (in log space) applied at once. */
export const LEARNING_RATE = 0.1;
/** λ: the pull of ln w back toward 0 per trade; 1/λ = 100 trades of memory. */
export const MEAN_REVERSION = 0.01;
/** An agent whose call the trader did not take is judged on a counterfactual: half the credit or blame. */
export const COUNTERFACTUAL_SHARE = 0.5;
/** How fast regret eats an aligned winner's credit: q = 1 − 1.5 · r (r = 1 gives −0.5, a lucky win). */
export const WIN_REGRET_DISCOUNT = 1.5;
/** A failed aligned signal loses at least half the maximum cut; regret adds the rest: q = −(0.5 + 0.5 · r). */
export const FAILED_SIGNAL_BASE = 0.5;
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
 * conflicted with a loser (the agent warned against a trade that lost, so it counts as right, at the
 * counterfactual share because its own call was never traded).
 *   aligned,    pnl > 0:  q = 1 − 1.5 · r          (+1 on a clean win, down to −0.5 on a lucky one)
 *   aligned,    pnl < 0:  q = −(0.5 + 0.5 · r)     (failed signal: −0.5 … −1)
 *   conflicted, pnl < 0:  q = +0.5                 (right, not taken)
 *   conflicted, pnl > 0:  q = −0.5                 (wrong, not taken)
 *   aligned,    pnl = 0:  q = −0.5 · r             (a scratch only teaches through its regret)
 *   conflicted, pnl = 0:  q = 0
 * r is the signal's phase regret load. A right signal never scores below a wrong one on the same trade,
 * which is what keeps right agents above wrong ones over time.
 */
export function signalQuality(signal: Pick<AgentAttribution, 'aligned'>, pnl: number, load: number): number {
  const r = Math.min(1, Math.max(0, load));
  if (signal.aligned) {
    if (pnl > 0) return 1 - WIN_REGRET_DISCOUNT * r;
    if (pnl < 0) return -(FAILED_SIGNAL_BASE + (1 - FAILED_SIGNAL_BASE) * r);
    return -COUNTERFACTUAL_SHARE * r;
  }
  if (pnl < 0) return COUNTERFACTUAL_SHARE;
  if (pnl > 0) return -COUNTERFACTUAL_SHARE;
  return 0;
}

/** The target factor m for a quality q: 1.2^q when q ≥ 0, 0.7^|q| when q < 0. */
export function targetFactor(quality: number): number {
  const q = Math.min(1, Math.max(-1, quality));
  return q >= 0 ? MAX_RAISE_FACTOR ** q : MAX_LOWER_FACTOR ** -q;
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
