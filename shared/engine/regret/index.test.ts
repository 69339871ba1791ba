import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGRET_DIMENSIONS, explanationsSchema, regretScoresSchema, scoreLevelsSchema } from '../../domain/journal.ts';
import type { Bar } from '../../domain/market.ts';
import { etMinuteToMs, REGULAR_OPEN_MINUTE } from '../../market/calendar.ts';
import { NO_TIME_OF_DAY_REASON, scoreRegrets } from './index.ts';
import { SCORE_DECIMALS } from './scoreMath.ts';
import { isoEt, makeContext, makeInput, makeTrade, pathBars } from './testkit.ts';

const DAY = '2025-07-08';
const openMs = etMinuteToMs(DAY, REGULAR_OPEN_MINUTE);

/** A random 1-minute path from 09:30 with gaps, optional volume, and optional pre/post-market bad prints. */
const barsArbitrary = fc
  .record({
    start: fc.double({ min: 20, max: 700, noNaN: true }),
    steps: fc.array(fc.double({ min: -0.004, max: 0.004, noNaN: true }), { minLength: 1, maxLength: 420 }),
    wick: fc.double({ min: 0, max: 0.003, noNaN: true }),
    gapEvery: fc.integer({ min: 0, max: 9 }),
    withVolume: fc.boolean(),
    badPrints: fc.boolean(),
  })
  .map(({ start, steps, wick, gapEvery, withVolume, badPrints }) => {
    const bars: Bar[] = [];
    if (badPrints) bars.push({ time: openMs - 60 * 60_000, open: start, high: start * 3, low: start * 0.2, close: start, volume: 0, extended: false });
    let close = start;
    steps.forEach((step, minute) => {
      const open = close;
      close = Math.max(0.01, close * (1 + step));
      if (gapEvery > 0 && minute % gapEvery === gapEvery - 1) return;
      bars.push({ time: openMs + minute * 60_000, open, high: Math.max(open, close) * (1 + wick), low: Math.min(open, close) * (1 - wick), close, volume: withVolume ? 100 + minute : 0, extended: false });
    });
    if (badPrints) bars.push({ time: openMs + 420 * 60_000, open: start, high: start * 3, low: start * 0.2, close: start, volume: 0, extended: false });
    return { bars: bars.sort((a, b) => a.time - b.time), start };
  });

const scenarioArbitrary = fc.record({
  market: barsArbitrary,
  entryMinute: fc.integer({ min: -40, max: 430 }),
  entrySecond: fc.integer({ min: 0, max: 59 }),
  holdMinutes: fc.integer({ min: -5, max: 400 }),
  right: fc.constantFrom('C' as const, 'P' as const),
  side: fc.constantFrom('long' as const, 'short' as const),
  moneyness: fc.double({ min: 0.95, max: 1.05, noNaN: true }),
  entryPrice: fc.double({ min: 0, max: 40, noNaN: true }),
  exitPrice: fc.double({ min: 0, max: 40, noNaN: true }),
  expiry: fc.constantFrom('2025-07-08', '2025-07-08', '2025-07-09', '2025-07-11', '2025-08-15', '2025-07-07'),
  recordedUnderlying: fc.boolean(),
  withBars: fc.boolean(),
  dayContext: fc.option(
    fc.record({
      max_pain: fc.option(fc.double({ min: 0.9, max: 1.1, noNaN: true }), { nil: undefined }),
      atm_iv: fc.option(fc.double({ min: 0.02, max: 3, noNaN: true }), { nil: undefined }),
      gex_flip: fc.option(fc.double({ min: 0.9, max: 1.1, noNaN: true }), { nil: undefined }),
    }),
    { nil: null },
  ),
  meshAlignment: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  dateOnly: fc.constantFrom('none', 'none', 'none', 'entry', 'exit'),
});

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildInput(scenario: Scenario) {
  const { start, bars } = scenario.market;
  const entryMs = openMs + scenario.entryMinute * 60_000 + scenario.entrySecond * 1000;
  const exitMs = entryMs + scenario.holdMinutes * 60_000;
  const trade = makeTrade({
    expiry: scenario.expiry,
    right: scenario.right,
    side: scenario.side,
    strike: Math.round(start * scenario.moneyness * 100) / 100,
    entry_time: scenario.dateOnly === 'entry' ? DAY : isoEt(entryMs),
    exit_time: scenario.dateOnly === 'exit' ? DAY : isoEt(exitMs),
    entry_price: scenario.entryPrice,
    exit_price: scenario.exitPrice,
    underlying_entry: scenario.recordedUnderlying ? start : undefined,
    underlying_exit: scenario.recordedUnderlying ? start * 1.001 : undefined,
  });
  const context = scenario.dayContext === null
    ? null
    : makeContext({
        atm_iv: scenario.dayContext.atm_iv,
        max_pain: scenario.dayContext.max_pain === undefined ? undefined : start * scenario.dayContext.max_pain,
        gex_flip: scenario.dayContext.gex_flip === undefined ? undefined : start * scenario.dayContext.gex_flip,
      });
  return makeInput(trade, scenario.withBars ? bars : null, context, scenario.meshAlignment);
}

function everyNumberFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(everyNumberFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(everyNumberFinite);
  return true;
}

describe('scoreRegrets', () => {
  it('every regret score is null or in [0, 1] for arbitrary valid trades and bar paths, never NaN, always explained', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const assessment = scoreRegrets(buildInput(scenario));
        expect(regretScoresSchema.safeParse(assessment.scores).success).toBe(true);
        expect(explanationsSchema.safeParse(assessment.explanations).success).toBe(true);
        expect(scoreLevelsSchema.safeParse(assessment.levels).success).toBe(true);
        expect(everyNumberFinite(assessment)).toBe(true);
        for (const dimension of REGRET_DIMENSIONS) {
          const score = assessment.scores[dimension];
          expect(score === null || (score >= 0 && score <= 1)).toBe(true);
          if (score !== null) expect(Math.round(score * 10 ** SCORE_DECIMALS) / 10 ** SCORE_DECIMALS).toBe(score);
          expect(assessment.explanations[dimension].length).toBeGreaterThan(0);
          if (score !== null) expect(assessment.explanations[dimension]).toMatch(/\d\.\d\d$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('same inputs give the same outputs', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        expect(scoreRegrets(buildInput(scenario))).toEqual(scoreRegrets(buildInput(scenario)));
      }),
      { numRuns: 50 },
    );
  });

  it('a trade whose times are dates only gets every time-dependent score null with the reason', () => {
    const bars = pathBars(DAY, '09:30', [[0, 620], [389, 621]]);
    const trade = makeTrade({ entry_time: DAY, exit_time: DAY, underlying_entry: 620, underlying_exit: 621 });
    const assessment = scoreRegrets(makeInput(trade, bars, makeContext({ atm_iv: 0.15, max_pain: 620 }), 1));
    for (const dimension of REGRET_DIMENSIONS) {
      expect(assessment.scores[dimension], dimension).toBeNull();
      expect(assessment.explanations[dimension], dimension).toBe(`${NO_TIME_OF_DAY_REASON} (entry_time is ${DAY})`);
    }
    expect(assessment.features.minutesToCloseAtEntry).toBeNull();
  });

  it('bar-based scores are null with the reason when the bars do not cover the trade (another underlying, another day)', () => {
    const trade = makeTrade({ symbol: 'QQQ', underlying_entry: 540, underlying_exit: 541 });
    const assessment = scoreRegrets(makeInput(trade, null, null, null));
    for (const dimension of ['entry_regret', 'exit_regret', 'trap_entry_regret'] as const) {
      expect(assessment.scores[dimension]).toBeNull();
      expect(assessment.explanations[dimension]).toBe('no 1-minute bars for QQQ on 2025-07-08');
    }
    expect(assessment.scores.decay_regret).not.toBeNull(); // the premium and the recorded underlying suffice
    expect(assessment.scores.timing_regret).not.toBeNull(); // the chop block alone
  });

  it('finds the trade’s bars by binary search: scoring touches a few sessions’ bars, not the whole history', () => {
    const history: Bar[] = [];
    const days = 120;
    for (let day = 0; day < days; day += 1) {
      const date = new Date(Date.UTC(2025, 0, 2) + day * 86_400_000).toISOString().slice(0, 10);
      history.push(...pathBars(date, '09:30', [[0, 600 + (day % 7)], [389, 601 + (day % 5)]]));
    }
    history.sort((a, b) => a.time - b.time);
    let touched = 0;
    const counted = new Proxy(history, {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) touched += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    const trade = makeTrade({ entry_time: '2025-03-04T10:00:00-05:00', exit_time: '2025-03-04T10:30:00-05:00', expiry: '2025-03-04' });
    const assessment = scoreRegrets(makeInput(trade, counted, null, 0.8));
    expect(assessment.scores.entry_regret).not.toBeNull();
    expect(history.length).toBeGreaterThan(40_000);
    expect(touched).toBeLessThan(3_000);
  });
});
