import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { buildRegretContext } from './context.ts';
import { makeInput, makeTrade, pathBars } from './testkit.ts';
import { TIMING_CHOP_END_MINUTE, TIMING_CHOP_START_MINUTE, TIMING_ER_MIN_CLOSES, TIMING_ER_TRENDING, TIMING_ER_WINDOW_MIN, TIMING_WORST_SHARE, scoreTimingRegret } from './timing.ts';

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
    expect(result.explanation).toBe('entry outside the 10:30–12:30 chop block (0), 15-min efficiency ratio 1.00 (tape 0.00), mesh alignment 1.00 (mesh 0.00); worst 0.00, mean 0.00 → 0.00');
  });

  it('timing_regret: entering in the mid-day chop block scores high', () => {
    expect(timing('11:00', trend, 1).score).toBe(0.67);
  });

  it('timing_regret: a choppy tape scores high', () => {
    const result = timing('10:00', chop, 1);
    expect(result.parts.efficiencyRatio).toBeLessThan(0.1);
    expect(result.score).toBeGreaterThanOrEqual(0.55);
  });

  it('timing_regret: low mesh alignment at entry scores high', () => {
    expect(timing('10:00', trend, 0.1).score).toBe(0.6);
    expect(timing('11:00', chop, 0).score).toBeGreaterThan(0.95);
  });

  it('timing_regret: missing parts are dropped from the blend and named; null only without a time of day', () => {
    const noBars = timing('11:00', null, null);
    expect(noBars.score).toBe(1);
    expect(noBars.explanation).toContain('dropped: tape (no 1-minute bars for SPY on 2025-07-08), mesh (no entry agents)');
    const noMesh = timing('10:00', trend, null);
    expect(noMesh.score).toBe(0);
    expect(noMesh.explanation).toContain('dropped: mesh (no entry agents)');
    expect(scoreTimingRegret(buildRegretContext(makeInput(makeTrade({ entry_time: '2025-07-08' }), trend, null, 1)))).toMatchObject({ score: null, explanation: 'the export gives no time of day (entry_time is 2025-07-08)' });
  });

  it('timing_regret: the chop block is [TIMING_CHOP_START_MINUTE, TIMING_CHOP_END_MINUTE) = [10:30, 12:30) ET', () => {
    expect(TIMING_CHOP_START_MINUTE).toBe(630);
    expect(TIMING_CHOP_END_MINUTE).toBe(750);
    expect(timing('10:29', trend, 1).parts.chopBlock).toBe(0);
    expect(timing('10:30', trend, 1).parts.chopBlock).toBe(1);
    expect(timing('12:29', trend, 1).parts.chopBlock).toBe(1);
    expect(timing('12:30', trend, 1).parts.chopBlock).toBe(0);
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

  it(`timing_regret: blend = TIMING_WORST_SHARE (${TIMING_WORST_SHARE}) · worst part + the rest · mean of the parts`, () => {
    expect(TIMING_WORST_SHARE).toBe(0.5);
    // parts 1 (chop block), 0 (tape), 0.4 (mesh 0.6): 0.5 · 1 + 0.5 · 1.4 / 3
    expect(timing('11:00', trend, 0.6).score).toBe(0.73);
  });
});
