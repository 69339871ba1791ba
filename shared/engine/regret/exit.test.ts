import { describe, expect, it } from 'vitest';
import { buildRegretContext } from './context.ts';
import { EXIT_CONTINUATION_MULTIPLE, EXIT_LOOKAHEAD_MIN, EXIT_NOISE_RANGES, scoreExitRegret } from './exit.ts';
import { makeInput, makeTrade, pathBars } from './testkit.ts';

const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;
// minute offsets from 09:30; the trade runs 10:00 (minute 30) → exit
const exitRegret = (waypoints: (readonly [number, number])[], overrides: Parameters<typeof makeTrade>[0]) =>
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
    expect(result.explanation).toContain('within 30 min after the exit the underlying went 2.00 further the trade\'s way: missed 2.00 / (3 × 0.50) = 1.00');
  });

  it('exit_regret: exiting after giving back the whole favourable excursion scores high', () => {
    const result = exitRegret([[0, 620], [30, 620], [40, 621.5], [50, 620], [389, 620]], { exit_time: at('10:20') });
    expect(result.score).toBe(1);
    expect(result.explanation).toMatch(/^underlying points, measured in the trade's direction: MFE 1\.50, MAE 0\.00, captured 0\.00 \(efficiency 0\.00 = 0\.00 \/ 1\.50\); giveback \(1\.50 − 0\.00\) \/ the 1\.50 MFE = 1\.00;/);
    expect(result.explanation).toMatch(/; the larger → 1\.00$/);
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

  it(`exit_regret: a continuation of EXIT_CONTINUATION_MULTIPLE = ${EXIT_CONTINUATION_MULTIPLE}× the trade's best move scores 1, half of it 0.5`, () => {
    expect(EXIT_CONTINUATION_MULTIPLE).toBe(3);
    const full = exitRegret([[0, 620], [30, 620], [40, 621], [50, 624], [389, 624]], { exit_time: at('10:10') });
    expect(full.score).toBe(1);
    const half = exitRegret([[0, 620], [30, 620], [40, 621], [50, 622.5], [389, 622.5]], { exit_time: at('10:10') });
    expect(half.score).toBe(0.5);
  });

  it(`exit_regret: the reference move is at least EXIT_NOISE_RANGES = ${EXIT_NOISE_RANGES} typical minute range`, () => {
    expect(EXIT_NOISE_RANGES).toBe(1);
    // noisy bars (wick 0.5 → typical range ≥ 1) and a trade whose best excursion is a wick: giveback is measured against the noise
    const bars = pathBars('2025-07-08', '09:30', [[0, 620], [389, 620]], 0.5);
    const result = scoreExitRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:00'), exit_time: at('10:05') }), bars)));
    expect(result.excursions?.mfe).toBeCloseTo(0.5, 9);
    expect(result.score).toBeCloseTo(0.5, 2);
    expect(result.excursions?.efficiency).toBeNull();
    expect(result.explanation).toContain('efficiency n/a: MFE within the noise');
    expect(result.explanation).toContain('/ the 1.00 noise floor (1 typical minute range, above the MFE) = 0.50');
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
