import { describe, expect, it } from 'vitest';
import type { Bar, DayContext } from '../../domain/market.ts';
import { buildRegretContext } from './context.ts';
import { GEX_FLIP_LOOKBACK_MIN, REJECTION_LOOKBACK_MIN, REJECTION_MAX_DISTANCE_RANGES, REJECTION_TOUCH_RANGES, computeTradeFeatures, crossedLevelBeforeEntry, findRejection } from './features.ts';
import { scoreRegrets } from './index.ts';
import { makeContext, makeInput, makeTrade, pathBars } from './testkit.ts';

const at = (clock: string, date = '2025-07-08') => `${date}T${clock}:00-04:00`;
// A light-volume climb from 619 to 620 by 09:50, heavy volume at 620 until 10:10 (VWAP ≈ 620), a rally to 621 by
// 10:30, a dip back to 620.05 at 10:40 and a bounce to 620.30 at 10:45.
const retest: Bar[] = pathBars('2025-07-08', '09:30', [[0, 619], [20, 620], [40, 620], [60, 621], [70, 620.05], [75, 620.3], [389, 620.3]], 0.02).map((bar, index) => ({ ...bar, volume: index >= 20 && index <= 40 ? 100_000 : 100 }));
const features = (overrides: Parameters<typeof makeTrade>[0], bars: readonly Bar[] | null = retest, context: DayContext | null = makeContext({ atm_iv: 0.15, max_pain: 620, gex_flip: 620.5 })) =>
  computeTradeFeatures(makeInput(makeTrade({ entry_time: at('10:45'), exit_time: at('11:15'), ...overrides }), bars, context, 1));

describe('trade features', () => {
  it('finds the level a fade entry leaned on: a bullish entry after VWAP was tested and held', () => {
    const result = features({}, retest, makeContext({ atm_iv: 0.15 }));
    expect(result.rejection?.name).toBe('VWAP');
    expect(result.rejection?.level ?? 0).toBeCloseTo(620, 1);
    // a bearish entry there has no resistance just above that was tested
    expect(features({ right: 'P' }, retest, makeContext({ atm_iv: 0.15 })).rejection).toBeNull();
    // max pain right on the tested level is the nearer one
    expect(features({}).rejection?.name).toBe('max pain');
  });

  it(`rejection: tested within REJECTION_TOUCH_RANGES = ${REJECTION_TOUCH_RANGES} typical range over REJECTION_LOOKBACK_MIN = ${REJECTION_LOOKBACK_MIN} min, entry at most REJECTION_MAX_DISTANCE_RANGES = ${REJECTION_MAX_DISTANCE_RANGES} ranges away`, () => {
    expect(REJECTION_LOOKBACK_MIN).toBe(10);
    expect(REJECTION_TOUCH_RANGES).toBe(1);
    expect(REJECTION_MAX_DISTANCE_RANGES).toBe(5);
    // by 10:55 the test of 10:40–10:41 has left the 10-minute lookback
    expect(findRejection(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:50') }), retest)))?.name).toBe('VWAP');
    expect(findRejection(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:55') }), retest)))).toBeNull();
    // entry far above the level (the 10:30 top) is not leaning on it
    expect(findRejection(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:45'), underlying_entry: 621 }), retest)))).toBeNull();
  });

  it(`crossedGexFlip: the closes of the ${GEX_FLIP_LOOKBACK_MIN} minutes up to entry lie on both sides of the gamma flip`, () => {
    expect(GEX_FLIP_LOOKBACK_MIN).toBe(15);
    expect(features({ entry_time: at('10:45') }).crossedGexFlip).toBe(true); // 620.5 crossed on the way down at ~10:35
    expect(features({ entry_time: at('10:20') }, retest, makeContext({ atm_iv: 0.15, gex_flip: 625 })).crossedGexFlip).toBe(false);
    expect(crossedLevelBeforeEntry(buildRegretContext(makeInput(makeTrade(), retest)), undefined)).toBe(false);
  });

  it('gives distances in expected moves, the efficiency ratio and the minutes to the real close', () => {
    const result = features({ entry_time: at('15:15'), exit_time: at('15:30'), underlying_entry: 620.3 });
    // expected move 15:15 → 16:00 at 15 %: 620.3 · 0.15 · √(45 / 525600) ≈ 0.861
    expect(result.maxPainDistanceEm ?? 0).toBeCloseTo(0.3 / 0.861, 2);
    expect(result.gexFlipDistanceEm ?? 0).toBeCloseTo(0.2 / 0.861, 2);
    expect(result.minutesToCloseAtEntry).toBe(45);
    expect(result.efficiencyRatio).toBe(0);
    expect(result.underlyingAtEntry).toBe(620.3);
    const earlyClose = features({ entry_time: at('12:00', '2025-07-03'), exit_time: at('12:10', '2025-07-03') }, null, null);
    expect(earlyClose.minutesToCloseAtEntry).toBe(60);
    expect(earlyClose.maxPainDistanceEm).toBeNull();
    expect(earlyClose.efficiencyRatio).toBeNull();
  });

  it('are the same whether computed alone or with the scores', () => {
    const input = makeInput(makeTrade({ entry_time: at('10:45'), exit_time: at('11:15') }), retest, makeContext({ max_pain: 620 }), 0.5);
    expect(computeTradeFeatures(input)).toEqual(scoreRegrets(input).features);
  });
});
