/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bar } from '../../domain/market.ts';
import { importBundle } from '../../importers/importBundle.ts';
import { etClock } from '../../market/calendar.ts';
import { regularSessionBars } from '../../market/sessionLevels.ts';
import { buildRegretContext } from './context.ts';
import { makeInput, makeTrade, pathBars } from './testkit.ts';
import {
  TIMING_CHOP_BLOCK_TRENDING,
  TIMING_CHOP_END_MINUTE,
  TIMING_CHOP_START_MINUTE,
  TIMING_ER_MIN_CLOSES,
  TIMING_ER_TRENDING,
  TIMING_ER_WINDOW_MIN,
  TIMING_TAPE_ER_PERCENTILES,
  TIMING_TAPE_TRENDING_RANK,
  efficiencyRatioBefore,
  scoreTimingRegret,
  tapePart,
  tapeRank,
} from './timing.ts';

const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;

// The real SPY tape (test/fixtures/real/bars: Alpaca 2025-04-24/25 and yfinance 2025-07-08 … 07-14, as published):
// the 15-minute efficiency ratio before every regular-hours minute that has TIMING_ER_MIN_CLOSES closes before it.
const realFiles = import.meta.glob<string>('../../../test/fixtures/real/bars/spy-1min-*.csv', { query: '?raw', import: 'default', eager: true });
const realTape: readonly { readonly minuteOfDay: number; readonly value: number }[] = (() => {
  const bundle = importBundle(Object.entries(realFiles).map(([name, text]) => ({ name: name.split('/').pop() ?? name, text })));
  const bars = bundle.bars.flatMap((series) => series.bars).sort((a, b) => a.time - b.time);
  const dates = [...new Set(bars.map((bar) => etClock(bar.time).date))];
  const windows: { minuteOfDay: number; value: number }[] = [];
  for (const date of dates) {
    const session = regularSessionBars(bars, date);
    for (const bar of session) {
      const value = efficiencyRatioBefore(session, bar.time).value;
      if (value !== null) windows.push({ minuteOfDay: etClock(bar.time).minuteOfDay, value });
    }
  }
  return windows;
})();
/** The p-quantile with linear interpolation between order statistics (numpy's default, R type 7). */
function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - below);
}
// a steady trend all day: efficiency ratio 1 everywhere
const trend = pathBars('2025-07-08', '09:30', [[0, 600], [389, 639]], 0.02);
// a zig-zag: up 0.5, down 0.5 every minute — efficiency ratio near 0
const chop: Bar[] = trend.map((bar, index) => {
  const close = 620 + (index % 2 === 0 ? 0 : 0.5);
  return { ...bar, open: close, high: close + 0.02, low: close - 0.02, close };
});
const timing = (clock: string, bars: readonly Bar[] | null, mesh: number | null) =>
  scoreTimingRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at(clock), exit_time: at('15:00') }), bars, null, mesh)));

describe('timing_regret', () => {
  it('timing_regret: aligned mesh in a trending tape scores low', () => {
    const result = timing('10:00', trend, 1);
    expect(result.score).toBe(0);
    expect(result.explanation).toBe(
      "chop block 0.00 (entry outside 10:30–12:30 ET), tape 0.00 (15-min efficiency ratio 1.00 ≥ 0.375, the real tape's P75: trending), mesh 0.00 (1 − mesh alignment 1.00); the worst → 0.00",
    );
    // the same in mid-day: a tape that demonstrably trends is not chop, so the block counts only half
    expect(timing('11:00', trend, 1).score).toBe(0.5);
  });

  it('timing_regret: entering in the mid-day chop block scores high', () => {
    expect(timing('11:00', chop, 1).score).toBeGreaterThanOrEqual(0.85);
    // with no bars to measure the tape, the block counts in full
    expect(timing('11:00', null, 1).score).toBe(1);
  });

  it('timing_regret: a choppy tape scores high', () => {
    // the zig-zag's 16-close window nets 0.5 over a 7.5 path: ER 0.07, choppier than 83 % of the real tape's windows
    const result = timing('10:00', chop, 1);
    expect(result.parts.efficiencyRatio).toBeLessThan(0.1);
    expect(result.score).toBeGreaterThanOrEqual(0.75);
    expect(result.explanation).toContain("tape 0.78 (15-min efficiency ratio 0.07, the real tape's P17; 1 − 0.17 / 0.75)");
    expect(timing('13:30', chop, 1).score).toBeGreaterThanOrEqual(0.75);
    // a window that nets nothing (ER 0) is the choppiest there is
    expect(timing('10:00', pathBars('2025-07-08', '09:30', [[0, 620], [389, 620]], 0.02), 1).score).toBe(1);
  });

  it('timing_regret: low mesh alignment at entry scores high', () => {
    expect(timing('10:00', trend, 0.1).score).toBe(0.9);
    expect(timing('10:00', trend, 0.3).score).toBe(0.7);
    expect(timing('11:00', chop, 0).score).toBe(1);
    expect(timing('10:00', trend, 0.3).explanation).toContain('mesh 0.70 (1 − mesh alignment 0.30)');
  });

  it('timing_regret: missing parts are dropped and named; null only without a time of day', () => {
    const noBars = timing('11:00', null, null);
    expect(noBars.score).toBe(1);
    expect(noBars.explanation).toContain('dropped: tape (no 1-minute bars for SPY on 2025-07-08), mesh (no entry agent with a weight)');
    const noMesh = timing('10:00', trend, null);
    expect(noMesh.score).toBe(0);
    expect(noMesh.explanation).toContain('dropped: mesh (no entry agent with a weight)');
    expect(scoreTimingRegret(buildRegretContext(makeInput(makeTrade({ entry_time: '2025-07-08' }), trend, null, 1)))).toMatchObject({ score: null, explanation: 'the export gives no time of day (entry_time is 2025-07-08)' });
  });

  it('timing_regret: the chop block is [TIMING_CHOP_START_MINUTE, TIMING_CHOP_END_MINUTE) = [10:30, 12:30) ET', () => {
    expect(TIMING_CHOP_START_MINUTE).toBe(630);
    expect(TIMING_CHOP_END_MINUTE).toBe(750);
    expect(timing('10:29', chop, 1).parts.chopBlock).toBe(0);
    expect(timing('10:30', chop, 1).parts.chopBlock).toBeGreaterThan(0.85);
    expect(timing('12:29', chop, 1).parts.chopBlock).toBeGreaterThan(0.85);
    expect(timing('12:30', chop, 1).parts.chopBlock).toBe(0);
  });

  it(`timing_regret: inside the chop block the part is TIMING_CHOP_BLOCK_TRENDING (${TIMING_CHOP_BLOCK_TRENDING}) + the rest × tape, 1 when the tape is unmeasured`, () => {
    expect(TIMING_CHOP_BLOCK_TRENDING).toBe(0.5);
    expect(timing('11:00', trend, 1).parts.chopBlock).toBe(0.5);
    const choppy = timing('11:00', chop, 1);
    expect(choppy.parts.chopBlock).toBeCloseTo(0.5 + 0.5 * (choppy.parts.tape ?? 0), 12);
    expect(timing('11:00', null, null).parts.chopBlock).toBe(1);
  });

  it(`timing_regret: the tape is Kaufman's ratio over TIMING_ER_WINDOW_MIN = ${TIMING_ER_WINDOW_MIN} min, at least TIMING_ER_MIN_CLOSES = ${TIMING_ER_MIN_CLOSES} closes`, () => {
    expect(TIMING_ER_WINDOW_MIN).toBe(15);
    expect(TIMING_ER_MIN_CLOSES).toBe(5);
    // chop until 09:59, then a clean trend: a 10:15 entry sees only the trend (16 closes from 10:00)
    const mixed = [...chop.slice(0, 30), ...pathBars('2025-07-08', '10:00', [[0, 620], [359, 656]], 0.02)];
    expect(timing('10:15', mixed, null).parts.efficiencyRatio).toBe(1);
    expect(timing('10:14', mixed, null).parts.efficiencyRatio).toBeLessThan(1);
    // only 4 closes before a 09:33 entry: tape dropped
    expect(timing('09:33', trend, null).parts.tape).toBeNull();
    expect(timing('09:34', trend, null).parts.tape).toBe(0);
  });

  it('timing_regret: the tape percentiles are the real tape\'s (TIMING_TAPE_ER_PERCENTILES, re-measured on test/fixtures/real/bars)', () => {
    const measured = realTape.map((window) => window.value);
    expect(measured.length).toBeGreaterThan(2_500); // seven sessions, every regular-hours minute with 5 closes before it
    for (const knot of TIMING_TAPE_ER_PERCENTILES) {
      expect(quantile(measured, knot.rank), `P${knot.rank * 100}`).toBeCloseTo(knot.er, 2);
    }
    // the old fixed "trending" mark, ER 0.5, is the real tape's P87: only one window in eight gets there
    expect(measured.filter((value) => value >= 0.5).length / measured.length).toBeLessThan(0.15);
  });

  it(`timing_regret: tape = 1 − (the ER's percentile on the real tape) / TIMING_TAPE_TRENDING_RANK (${TIMING_TAPE_TRENDING_RANK}); 0 from TIMING_ER_TRENDING = ${TIMING_ER_TRENDING} (the P75) up`, () => {
    expect(TIMING_TAPE_TRENDING_RANK).toBe(0.75);
    expect(TIMING_ER_TRENDING).toBe(TIMING_TAPE_ER_PERCENTILES[TIMING_TAPE_ER_PERCENTILES.length - 1]?.er);
    expect(tapePart(0)).toBe(1);
    expect(tapeRank(0.038)).toBeCloseTo(0.1, 12);
    expect(tapePart(0.101)).toBeCloseTo(2 / 3, 12);
    expect(tapePart(0.223)).toBeCloseTo(1 / 3, 12);
    expect(tapePart(0.375)).toBe(0);
    expect(tapePart(0.9)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(tapePart(low)).toBeGreaterThanOrEqual(tapePart(high));
      }),
      { numRuns: 200 },
    );
  });

  it('timing_regret: a high tape part (≥ 0.7) is unusual for the tape: at most 30 % of the real minutes in every time block (22 % overall)', () => {
    const byBlock = new Map<string, number[]>();
    for (const { minuteOfDay, value } of realTape) {
      const block = minuteOfDay < 630 ? 'early_open' : minuteOfDay < 750 ? 'chop_mid' : minuteOfDay < 870 ? 'setup_mid' : 'decay_close';
      byBlock.set(block, [...(byBlock.get(block) ?? []), tapePart(value)]);
    }
    expect(byBlock.size).toBe(4);
    for (const [block, parts] of byBlock) {
      expect(parts.filter((part) => part >= 0.7).length / parts.length, block).toBeLessThanOrEqual(0.3);
    }
    const all = realTape.map((window) => tapePart(window.value));
    expect(all.filter((part) => part >= 0.7).length / all.length).toBeCloseTo(0.225, 1);
  });

  it('timing_regret: the score is the worst part, so any one bad part is enough and the others cannot dilute it', () => {
    // parts 0.5 (chop block in a trending tape), 0 (tape), 0.4 (mesh alignment 0.6): the worst is 0.5
    expect(timing('11:00', trend, 0.6).score).toBe(0.5);
    expect(timing('10:00', trend, 0.6).score).toBe(0.4);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('09:45', '11:00', '13:30'), (alignment, clock) => {
        const result = timing(clock, chop, alignment);
        const parts = [result.parts.chopBlock, result.parts.tape, result.parts.mesh].filter((part): part is number => part !== null);
        expect(result.score).toBeCloseTo(Math.max(...parts), 2);
      }),
      { numRuns: 30 },
    );
  });
});
