import { describe, expect, it } from 'vitest';
import type { JournalEntry, RegretScores } from '../domain/journal.ts';
import type { Polarity } from '../domain/trade.ts';
import { entry, type AgentSpec } from './testEntries.ts';
import { LEARNING_RATE, MAX_LOWER_FACTOR, MAX_RAISE_FACTOR, MEAN_REVERSION, replayReinforcement } from './reinforcement.ts';

// Long-run behaviour of the weights on agents of known skill (issue 9, item 7). Each history is seeded, so the
// tests are repeatable; "right" means the agent's polarity pointed the way the money went.

const opposite = (polarity: Polarity): Polarity => (polarity === 'bullish' ? 'bearish' : 'bullish');

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomScores(random: () => number): RegretScores {
  return { entry_regret: random(), exit_regret: random(), timing_regret: random(), decay_regret: random(), pin_regret: random(), trap_entry_regret: random(), late_exit_regret: random() };
}

type History = { readonly count: number; readonly seed: number; readonly winRate: number; readonly skills: Readonly<Record<string, number>> };

/** Trades that win at `winRate`, direction a coin flip, each agent right with its skill, independent of the trade. */
function skillHistory({ count, seed, winRate, skills }: History): JournalEntry[] {
  const random = lcg(seed);
  return Array.from({ length: count }, (_, index) => {
    const won = random() < winRate;
    const direction: Polarity = random() < 0.5 ? 'bullish' : 'bearish';
    const profitable = won ? direction : opposite(direction);
    const agents: AgentSpec[] = Object.entries(skills).map(([name, skill]) => ({ name, polarity: random() < skill ? profitable : opposite(profitable) }));
    return entry(`t${String(index).padStart(5, '0')}`, index, won ? 75 : -75, direction, agents, randomScores(random));
  });
}

/** Largest and smallest per-trade factor applied, over every mesh log line. */
function stepRange(entries: readonly JournalEntry[]): { readonly lowest: number; readonly highest: number } {
  const ratios = replayReinforcement(entries).log.map((line) => line.weight_after / line.weight_before);
  return { lowest: Math.min(...ratios), highest: Math.max(...ratios) };
}

const SEEDS = [1, 2, 3, 5, 8, 13, 21, 34];
const FIVE = { a70: 0.7, b60: 0.6, c50: 0.5, d40: 0.4, e30: 0.3 };

describe('reinforcement on agents of known skill (issue 9, item 7)', () => {
  it('agents right 70/60/50/40/30 % of 2,000 trades rank exactly and the 50 % agent ends within 1.00 ± 0.15, on every seed tried', () => {
    for (const seed of SEEDS) {
      const { weights } = replayReinforcement(skillHistory({ count: 2000, seed, winRate: 0.5, skills: FIVE }));
      const ordered = Object.keys(FIVE).map((name) => weights[name] ?? Number.NaN);
      for (let index = 1; index < ordered.length; index += 1) expect(ordered[index], `seed ${seed}, rank ${index}`).toBeLessThan(ordered[index - 1] ?? Number.NaN);
      expect(Math.abs((weights.c50 ?? Number.NaN) - 1), `seed ${seed}: 50 % agent at ${weights.c50}`).toBeLessThanOrEqual(0.15);
    }
  });

  it('no weight sits at a clamp: every per-trade factor stays strictly inside ×0.70 … ×1.20 and every weight strictly inside 1.2^(∓η/λ)', () => {
    const bound = MAX_RAISE_FACTOR ** (LEARNING_RATE / MEAN_REVERSION);
    for (const seed of SEEDS.slice(0, 3)) {
      const entries = skillHistory({ count: 2000, seed, winRate: 0.5, skills: { ...FIVE, always: 1, never: 0 } });
      const { lowest, highest } = stepRange(entries);
      expect(lowest).toBeGreaterThan(MAX_LOWER_FACTOR);
      expect(highest).toBeLessThan(MAX_RAISE_FACTOR);
      for (const weight of Object.values(replayReinforcement(entries).weights)) {
        expect(weight).toBeGreaterThan(1 / bound);
        expect(weight).toBeLessThan(bound);
      }
    }
  });

  it("a coin-flip agent stays within 1.00 ± 0.15 after 2,000 trades whatever the trader's win rate (35 %, 50 %, 65 %)", () => {
    for (const winRate of [0.35, 0.5, 0.65]) {
      for (const seed of SEEDS.slice(0, 4)) {
        const { weights } = replayReinforcement(skillHistory({ count: 2000, seed: seed * 7 + Math.round(winRate * 100), winRate, skills: { coin: 0.5 } }));
        expect(Math.abs((weights.coin ?? Number.NaN) - 1), `win rate ${winRate}, seed ${seed}: ${weights.coin}`).toBeLessThanOrEqual(0.15);
      }
    }
  });

  it('a coin-flip agent the trader follows 80 % of the time stays within 1.00 ± 0.15, even when losers carry more regret', () => {
    for (const seed of SEEDS.slice(0, 4)) {
      const random = lcg(seed);
      const entries = Array.from({ length: 2000 }, (_, index) => {
        const call: Polarity = random() < 0.5 ? 'bullish' : 'bearish';
        const direction = random() < 0.8 ? call : opposite(call);
        const won = random() < 0.5;
        // losers' regrets drawn from [0.2, 1], winners' from [0, 0.8]: means 0.6 against 0.4
        const scores = randomScores(() => (won ? 0.8 * random() : 0.2 + 0.8 * random()));
        return entry(`t${String(index).padStart(5, '0')}`, index, won ? 75 : -75, direction, [{ name: 'followed', polarity: call }], scores);
      });
      const { weights } = replayReinforcement(entries);
      expect(Math.abs((weights.followed ?? Number.NaN) - 1), `seed ${seed}: ${weights.followed}`).toBeLessThanOrEqual(0.15);
    }
  });
});
