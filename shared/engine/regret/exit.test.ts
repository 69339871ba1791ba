import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRegretContext } from './context.ts';
import { EXIT_ADVERSE_WEIGHT, EXIT_CONTINUATION_MULTIPLE, EXIT_LOOKAHEAD_MIN, EXIT_NOISE_RANGES, scoreExitRegret } from './exit.ts';
import { makeInput, makeTrade, pathBars } from './testkit.ts';

const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;
type Waypoints = (readonly [number, number])[];
// minute offsets from 09:30; the trade runs 10:00 (minute 30) → exit
// The bars below have no wicks, so the typical minute range (the noise slack in the trade's range) is the one-cent floor.
const TICK = 0.01;
/** overstay for a path's MFE, MAE and captured move, with the one-cent slack: the formula of exit.ts, by hand. */
const overstay = (mfe: number, mae: number, captured: number) => {
  const range = mfe + mae + TICK;
  const position = (mfe - captured) / range;
  return position + (1 - position) * EXIT_ADVERSE_WEIGHT * (mae / range);
};
const exitRegret = (waypoints: Waypoints, overrides: Parameters<typeof makeTrade>[0]) =>
  scoreExitRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:00'), ...overrides }), pathBars('2025-07-08', '09:30', waypoints, 0))));

describe('exit_regret', () => {
  it('exit_regret: exiting at the best price of the trade and what followed scores near 0', () => {
    const result = exitRegret([[0, 620], [30, 620], [50, 622], [80, 620], [389, 620]], { exit_time: at('10:20') });
    expect(result.score).toBe(0);
    expect(result.excursions?.mfe).toBeCloseTo(2, 9);
    expect(result.excursions?.efficiency).toBeCloseTo(1, 9);
    expect(result.explanation).toContain('efficiency 1.00 = 2.00 / 2.00');
  });

  it('exit_regret: exiting just before a continuation several times the captured move scores high', () => {
    const result = exitRegret([[0, 620], [30, 620], [40, 620.5], [60, 622.5], [389, 622.5]], { exit_time: at('10:10') });
    expect(result.excursions?.captured).toBeCloseTo(0.5, 9);
    expect(result.excursions?.continuation).toBeCloseTo(2, 9);
    expect(result.score).toBe(1);
    expect(result.explanation).toContain("within 30 min after the exit the underlying went 2.00 further the trade's way: missed 2.00 / (3 × 0.51) = 1.00");
  });

  it('exit_regret: exiting after giving back the whole favourable excursion scores high', () => {
    const result = exitRegret([[0, 620], [30, 620], [40, 621.5], [50, 620], [389, 620]], { exit_time: at('10:20') });
    expect(result.score).toBe(0.99);
    expect(result.explanation).toBe(
      "underlying points, measured in the trade's direction: MFE 1.50, MAE 0.00, captured 0.00 (efficiency 0.00 = 0.00 / 1.50); range 1.51 = MFE + MAE + 0.01 noise (1 typical minute range); overstay: giveback (1.50 − 0.00) / 1.51 = 0.99 of the range, adverse 0.00 / 1.51 = 0.00: 0.99 + (1 − 0.99) × 0.5 × 0.00 = 0.99; within 30 min after the exit the underlying went 0.00 further the trade's way: missed 0.00 / (3 × 1.51) = 0.00; the larger → 0.99",
    );
  });

  it('exit_regret: grows with how much was given back — a 0.01 loss after a favourable run is high but not a flat 1, a deeper loss scores more', () => {
    // up 0.30 by 10:05, then down to the exit at 10:20
    const givenBack = (exit: number) => exitRegret([[0, 620], [30, 620], [35, 620.3], [50, exit], [80, exit], [389, exit]], { exit_time: at('10:20') }).score ?? -1;
    const oneCent = givenBack(619.99);
    expect(oneCent).toBeCloseTo(overstay(0.3, 0.01, -0.01), 2);
    expect(oneCent).toBeGreaterThan(0.9);
    expect(oneCent).toBeLessThan(1);
    expect(givenBack(617.16)).toBeGreaterThan(oneCent); // 2.84 lost instead of 0.01
    expect(givenBack(620.15)).toBeCloseTo(overstay(0.3, 0, 0.15), 2); // half given back: about 0.5
    fc.assert(
      fc.property(fc.integer({ min: -300, max: 30 }), fc.integer({ min: -300, max: 30 }), (a, b) => {
        const [lower, higher] = a <= b ? [a, b] : [b, a];
        expect(givenBack(620 + lower / 100)).toBeGreaterThanOrEqual(givenBack(620 + higher / 100));
      }),
      { numRuns: 40 },
    );
  });

  it('exit_regret: a straight adverse run never scores near 0 — out at its bottom scores near 1, out after a partial recovery still ≥ 0.5', () => {
    // straight down 2.00 from the 10:00 entry, no favourable minute
    const bottom = exitRegret([[0, 620], [30, 620], [50, 618], [80, 618], [389, 618]], { exit_time: at('10:20') });
    expect(bottom.excursions?.mfe).toBe(0);
    expect(bottom.excursions?.mae).toBeCloseTo(2, 9);
    expect(bottom.score).toBeGreaterThanOrEqual(0.99);
    const recovered = exitRegret([[0, 620], [30, 620], [50, 618], [60, 619.8], [65, 619.8], [389, 619.8]], { exit_time: at('10:30') });
    expect(recovered.excursions?.captured).toBeCloseTo(-0.2, 9);
    expect(recovered.score).toBeCloseTo(overstay(0, 2, -0.2), 2);
    expect(recovered.score).toBeGreaterThanOrEqual(0.5);
    const backToEntry = exitRegret([[0, 620], [30, 620], [50, 618], [70, 620], [100, 620], [389, 620]], { exit_time: at('10:40') });
    expect(backToEntry.score).toBeCloseTo(EXIT_ADVERSE_WEIGHT, 2);
  });

  it(`exit_regret: grows with the adverse run held through (MAE): EXIT_ADVERSE_WEIGHT = ${EXIT_ADVERSE_WEIGHT} of what the exit's position leaves`, () => {
    expect(EXIT_ADVERSE_WEIGHT).toBe(0.5);
    // the same +1.00 exit at 10:40 after a drawdown of 0, 0.5 and 1.5 first
    const afterDip = (dip: number) => exitRegret([[0, 620], [30, 620], [40, 620 - dip], [70, 621], [100, 621], [389, 621]], { exit_time: at('10:40') }).score ?? -1;
    expect(afterDip(0)).toBe(0);
    expect(afterDip(0.5)).toBeCloseTo(overstay(1, 0.5, 1), 2);
    expect(afterDip(1.5)).toBeCloseTo(overstay(1, 1.5, 1), 2);
    expect(afterDip(1.5)).toBeGreaterThan(afterDip(0.5));
  });

  it('exit_regret: a bearish trade reads the path downwards', () => {
    const result = exitRegret([[0, 620], [30, 620], [50, 618], [80, 620], [389, 620]], { right: 'P', exit_time: at('10:20') });
    expect(result.score).toBe(0);
    expect(result.excursions?.captured).toBeCloseTo(2, 9);
  });

  it(`exit_regret: the lookahead is EXIT_LOOKAHEAD_MIN = ${EXIT_LOOKAHEAD_MIN} minutes after the exit`, () => {
    expect(EXIT_LOOKAHEAD_MIN).toBe(30);
    // exit at 10:10 on the top; price sits flat for 31 minutes, then runs
    const late = exitRegret([[0, 620], [30, 620], [40, 621], [71, 621], [90, 625], [389, 625]], { exit_time: at('10:10') });
    expect(late.score).toBe(0);
    const inside = exitRegret([[0, 620], [30, 620], [40, 621], [69, 621], [90, 625], [389, 625]], { exit_time: at('10:10') });
    expect(inside.score).toBeGreaterThan(0);
  });

  it(`exit_regret: a continuation of EXIT_CONTINUATION_MULTIPLE = ${EXIT_CONTINUATION_MULTIPLE}× the trade's range scores 1, half of it 0.5`, () => {
    expect(EXIT_CONTINUATION_MULTIPLE).toBe(3);
    // range 1.00 + the one-cent slack: 3 × 1.01 after the exit scores 1
    const full = exitRegret([[0, 620], [30, 620], [40, 621], [50, 624.03], [389, 624.03]], { exit_time: at('10:10') });
    expect(full.score).toBe(1);
    const half = exitRegret([[0, 620], [30, 620], [40, 621], [50, 622.5], [389, 622.5]], { exit_time: at('10:10') });
    expect(half.score).toBe(0.5);
  });

  it(`exit_regret: the trade's range is at least EXIT_NOISE_RANGES = ${EXIT_NOISE_RANGES} typical minute range, so a trade that went nowhere in a noisy tape scores low`, () => {
    expect(EXIT_NOISE_RANGES).toBe(1);
    // noisy bars before the entry (wick 0.5: typical range 1.00), then a quiet 5-minute hold (wick 0.05) at the entry price
    const bars = [...pathBars('2025-07-08', '09:30', [[0, 620], [29, 620]], 0.5), ...pathBars('2025-07-08', '10:00', [[0, 620], [359, 620]], 0.05)];
    const result = scoreExitRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:00'), exit_time: at('10:05') }), bars)));
    expect(result.excursions?.mfe).toBeCloseTo(0.05, 9);
    expect(result.excursions?.mae).toBeCloseTo(0.05, 9);
    expect(result.excursions?.efficiency).toBeNull();
    expect(result.explanation).toContain('efficiency n/a: MFE within the noise');
    // typical range (30 bars of 1.00 and the 10:00 bar of 0.10) 0.97: range 0.05 + 0.05 + 0.97
    expect(result.explanation).toContain('range 1.07 = MFE + MAE + 0.97 noise (1 typical minute range)');
    const range = 0.1 + (30 + 0.1) / 31;
    const position = 0.05 / range;
    expect(result.score).toBeCloseTo(position + (1 - position) * 0.5 * position, 2);
    expect(result.score).toBeLessThan(0.1);
  });

  it('exit_regret: null with the reason when the hold or the prices are unknown', () => {
    const bars = pathBars('2025-07-08', '09:30', [[0, 620], [389, 620]], 0);
    const score = (overrides: Parameters<typeof makeTrade>[0], series = bars) => scoreExitRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:00'), ...overrides }), series)));
    expect(score({ exit_time: '2025-07-08' }).explanation).toBe('the export gives no time of day (exit_time is 2025-07-08)');
    expect(score({ exit_time: at('09:50') }).explanation).toMatch(/^exit_time .* is before entry_time/);
    expect(score({ exit_time: at('10:30') }, []).explanation).toBe('no 1-minute bars for SPY on 2025-07-08');
    expect(score({ exit_time: at('10:30') }, bars.slice(0, 40)).explanation).toMatch(/^no underlying price at exit/);
  });
});
