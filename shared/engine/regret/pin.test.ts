import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { etMs, makeContext, makeInput, makeTrade } from './testkit.ts';
import { buildRegretContext } from './context.ts';
import { PIN_HALF_EM, PIN_STEEPNESS, PIN_WEIGHT_AT_CLOSE, PIN_WEIGHT_AT_OPEN, pinProximity, pinTimeWeight, scorePinRegret } from './pin.ts';

const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;
const pinned = makeContext({ atm_iv: 0.15, max_pain: 620 });
const pin = (clock: string, underlying: number, context = pinned) =>
  scorePinRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at(clock), exit_time: at('16:00'), underlying_entry: underlying }), null, context)));

describe('pin_regret', () => {
  it('pin_regret: near max pain late in the day scores high; about one expected move or more away scores near 0', () => {
    // expected move 15:30 → 16:00 at 15 % IV: 620 · 0.15 · √(30 min / 1 year) ≈ 0.70
    const near = pin('15:30', 620.07);
    expect(near.distanceEm).toBeCloseTo(0.1, 2);
    expect(near.score).toBe(0.95);
    expect(pin('15:30', 620.71).score).toBeLessThanOrEqual(0.1); // ≈ 1.01 expected moves
    expect(pin('15:30', 621.5).score).toBeLessThanOrEqual(0.02); // ≈ 2.1
    expect(pin('10:00', 617.5).score).toBeLessThanOrEqual(0.05); // ≈ 1.03 expected moves to the close, early
  });

  it('pin_regret: the same closeness to max pain counts more late in the day', () => {
    expect(pin('10:00', 620).score).toBe(0.45);
    expect(pin('13:00', 620).score).toBe(0.72);
    expect(pin('15:30', 620).score).toBe(0.95);
  });

  it('pin_regret: the explanation quotes the distance, the expected move, the IV source and the weight', () => {
    expect(pin('15:30', 620.07).explanation).toBe(
      'underlying 620.07 is 0.07 from max pain 620.00 = 0.10 expected moves (EM to the close 0.70 = S · σ · √time left, IV 15.0% from the day context); proximity 1 / (1 + (0.10 / 0.5)^3) = 0.99, time weight 0.4 + 0.60 × 0.92 of the session elapsed = 0.95; 0.99 × 0.95 → 0.95',
    );
  });

  it(`pin_regret: proximity = 1 / (1 + (D / PIN_HALF_EM)^PIN_STEEPNESS), half at PIN_HALF_EM = ${PIN_HALF_EM} expected move; the weight runs from ${PIN_WEIGHT_AT_OPEN} at the open to ${PIN_WEIGHT_AT_CLOSE} at the close`, () => {
    expect(PIN_HALF_EM).toBe(0.5);
    expect(PIN_STEEPNESS).toBe(3);
    expect(pinProximity(0)).toBe(1);
    expect(pinProximity(0.5)).toBe(0.5);
    expect(pinProximity(1)).toBeCloseTo(1 / 9, 12); // SPEC's "about one expected move → near 0"
    expect(pinProximity(2)).toBeCloseTo(1 / 65, 12);
    expect(PIN_WEIGHT_AT_OPEN).toBe(0.4);
    expect(PIN_WEIGHT_AT_CLOSE).toBe(1);
    expect(pinTimeWeight(etMs('2025-07-08', '09:30'))).toBe(0.4);
    expect(pinTimeWeight(etMs('2025-07-08', '12:45'))).toBeCloseTo(0.7, 9);
    expect(pinTimeWeight(etMs('2025-07-08', '16:00'))).toBe(1);
    expect(pinTimeWeight(etMs('2025-07-03', '13:00'))).toBe(1); // early close
    const halfway = pin('15:30', 620.351);
    expect(halfway.distanceEm).toBeCloseTo(0.5, 2);
    expect(halfway.score).toBeCloseTo(0.5 * pinTimeWeight(etMs('2025-07-08', '15:30')), 2);
  });

  it('pin_regret: a near miss is graded, not floored — the score falls smoothly with the distance and never rises as the entry gets farther', () => {
    // between one and two expected moves the old linear rule gave a flat 0; now the score still tells them apart
    const scores = [620.71, 620.9, 621.1, 621.4].map((underlying) => pin('15:30', underlying).score ?? -1);
    expect(scores[0]).toBeGreaterThan(scores[1] ?? 1);
    expect(scores[1]).toBeGreaterThan(scores[3] ?? 1);
    expect(scores[3]).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (a, b) => {
        const [near, far] = a <= b ? [a, b] : [b, a];
        expect(pinProximity(near)).toBeGreaterThanOrEqual(pinProximity(far));
      }),
      { numRuns: 200 },
    );
  });

  it('pin_regret: 0 means measurably nothing to regret: about three expected moves or more from max pain, where the pull of the pin rounds away', () => {
    // 15:30, EM to the close ≈ 0.70: three EMs is about 2.10 points away
    expect(pin('15:30', 622.15).score).toBe(0);
    expect(pin('15:30', 617.85).score).toBe(0);
    expect(pin('15:30', 622.15).explanation).toMatch(/= 3\.0\d expected moves/);
  });

  it('pin_regret: null with the reason without max pain, context or time of day', () => {
    expect(pin('15:30', 620, makeContext({ atm_iv: 0.15 })).explanation).toBe('no max pain: the day context for 2025-07-08 has no max_pain');
    expect(scorePinRegret(buildRegretContext(makeInput(makeTrade({ underlying_entry: 620 }), null, null)))).toMatchObject({ score: null, explanation: 'no max pain: no day context for SPY on 2025-07-08' });
    expect(pin('15:30', 620, makeContext({ date: '2025-07-09', max_pain: 620 })).explanation).toBe('no max pain: the day context is for 2025-07-09, the trade entered on 2025-07-08');
    expect(scorePinRegret(buildRegretContext(makeInput(makeTrade({ entry_time: '2025-07-08', underlying_entry: 620 }), null, pinned))).score).toBeNull();
  });
});
