import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bar } from '../../domain/market.ts';
import { buildRegretContext } from './context.ts';
import { makeInput, makeTrade, pathBars } from './testkit.ts';
import { TIMING_CHOP_BLOCK_TRENDING, TIMING_CHOP_END_MINUTE, TIMING_CHOP_START_MINUTE, TIMING_ER_MIN_CLOSES, TIMING_ER_TRENDING, TIMING_ER_WINDOW_MIN, scoreTimingRegret } from './timing.ts';

const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;
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
      'chop block 0.00 (entry outside 10:30–12:30 ET), tape 0.00 (15-min efficiency ratio 1.00; 1 − ER / 0.5), mesh 0.00 (1 − mesh alignment 1.00); the worst → 0.00',
    );
    // the same in mid-day: a tape that demonstrably trends is not chop, so the block counts only half
    expect(timing('11:00', trend, 1).score).toBe(0.5);
  });

  it('timing_regret: entering in the mid-day chop block scores high', () => {
    expect(timing('11:00', chop, 1).score).toBeGreaterThanOrEqual(0.9);
    // with no bars to measure the tape, the block counts in full
    expect(timing('11:00', null, 1).score).toBe(1);
  });

  it('timing_regret: a choppy tape scores high', () => {
    const result = timing('10:00', chop, 1);
    expect(result.parts.efficiencyRatio).toBeLessThan(0.1);
    expect(result.score).toBeGreaterThanOrEqual(0.8);
    expect(timing('13:30', chop, 1).score).toBeGreaterThanOrEqual(0.8);
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
    expect(timing('10:30', chop, 1).parts.chopBlock).toBeGreaterThan(0.9);
    expect(timing('12:29', chop, 1).parts.chopBlock).toBeGreaterThan(0.9);
    expect(timing('12:30', chop, 1).parts.chopBlock).toBe(0);
  });

  it(`timing_regret: inside the chop block the part is TIMING_CHOP_BLOCK_TRENDING (${TIMING_CHOP_BLOCK_TRENDING}) + the rest × tape, 1 when the tape is unmeasured`, () => {
    expect(TIMING_CHOP_BLOCK_TRENDING).toBe(0.5);
    expect(timing('11:00', trend, 1).parts.chopBlock).toBe(0.5);
    const choppy = timing('11:00', chop, 1);
    expect(choppy.parts.chopBlock).toBeCloseTo(0.5 + 0.5 * (choppy.parts.tape ?? 0), 12);
    expect(timing('11:00', null, null).parts.chopBlock).toBe(1);
  });

  it(`timing_regret: the tape is Kaufman's ratio over TIMING_ER_WINDOW_MIN = ${TIMING_ER_WINDOW_MIN} min, at least TIMING_ER_MIN_CLOSES = ${TIMING_ER_MIN_CLOSES} closes, trending at TIMING_ER_TRENDING = ${TIMING_ER_TRENDING}`, () => {
    expect(TIMING_ER_WINDOW_MIN).toBe(15);
    expect(TIMING_ER_MIN_CLOSES).toBe(5);
    expect(TIMING_ER_TRENDING).toBe(0.5);
    // chop until 09:59, then a clean trend: a 10:15 entry sees only the trend (16 closes from 10:00)
    const mixed = [...chop.slice(0, 30), ...pathBars('2025-07-08', '10:00', [[0, 620], [359, 656]], 0.02)];
    expect(timing('10:15', mixed, null).parts.efficiencyRatio).toBe(1);
    expect(timing('10:14', mixed, null).parts.efficiencyRatio).toBeLessThan(1);
    // only 4 closes before a 09:33 entry: tape dropped
    expect(timing('09:33', trend, null).parts.tape).toBeNull();
    expect(timing('09:34', trend, null).parts.tape).toBe(0);
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
