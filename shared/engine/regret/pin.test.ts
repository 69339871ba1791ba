import { describe, expect, it } from 'vitest';
import { etMs, makeContext, makeInput, makeTrade } from './testkit.ts';
import { buildRegretContext } from './context.ts';
import { PIN_FAR_EM, PIN_WEIGHT_AT_CLOSE, PIN_WEIGHT_AT_OPEN, pinTimeWeight, scorePinRegret } from './pin.ts';

const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;
const pinned = makeContext({ atm_iv: 0.15, max_pain: 620 });
const pin = (clock: string, underlying: number, context = pinned) =>
  scorePinRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at(clock), exit_time: at('16:00'), underlying_entry: underlying }), null, context)));

describe('pin_regret', () => {
  it('pin_regret: near max pain late in the day scores high; about one expected move or more away scores near 0', () => {
    // expected move 15:30 → 16:00 at 15 % IV: 620 · 0.15 · √(30 min / 1 year) ≈ 0.70
    const near = pin('15:30', 620.07);
    expect(near.distanceEm).toBeCloseTo(0.1, 2);
    expect(near.score).toBe(0.86);
    expect(pin('15:30', 620.71).score).toBe(0);
    expect(pin('15:30', 621.5).score).toBe(0);
    expect(pin('10:00', 617.5).score).toBe(0); // ≈ 1.03 expected moves to the close
  });

  it('pin_regret: the same closeness to max pain counts more late in the day', () => {
    expect(pin('10:00', 620).score).toBe(0.45);
    expect(pin('13:00', 620).score).toBe(0.72);
    expect(pin('15:30', 620).score).toBe(0.95);
  });

  it('pin_regret: the explanation quotes the distance, the expected move, the IV source and the weight', () => {
    expect(pin('15:30', 620.07).explanation).toBe(
      'underlying 620.07 is 0.07 from max pain 620.00 = 0.10 expected moves (EM to the close 0.70 = S · σ · √time left, IV 15.0% from the day context); proximity 1 − 0.10 / 1 = 0.90, time weight 0.4 + 0.60 × 0.92 of the session elapsed = 0.95; 0.90 × 0.95 → 0.86',
    );
  });

  it(`pin_regret: proximity reaches 0 at PIN_FAR_EM = ${PIN_FAR_EM} expected move; the weight runs from ${PIN_WEIGHT_AT_OPEN} at the open to ${PIN_WEIGHT_AT_CLOSE} at the close`, () => {
    expect(PIN_FAR_EM).toBe(1);
    expect(PIN_WEIGHT_AT_OPEN).toBe(0.4);
    expect(PIN_WEIGHT_AT_CLOSE).toBe(1);
    expect(pinTimeWeight(etMs('2025-07-08', '09:30'))).toBe(0.4);
    expect(pinTimeWeight(etMs('2025-07-08', '12:45'))).toBeCloseTo(0.7, 9);
    expect(pinTimeWeight(etMs('2025-07-08', '16:00'))).toBe(1);
    expect(pinTimeWeight(etMs('2025-07-03', '13:00'))).toBe(1); // early close
    const halfway = pin('15:30', 620.351);
    expect(halfway.distanceEm).toBeCloseTo(0.5, 2);
  });

  it('pin_regret: null with the reason without max pain, context or time of day', () => {
    expect(pin('15:30', 620, makeContext({ atm_iv: 0.15 })).explanation).toBe('no max pain: the day context for 2025-07-08 has no max_pain');
    expect(scorePinRegret(buildRegretContext(makeInput(makeTrade({ underlying_entry: 620 }), null, null)))).toMatchObject({ score: null, explanation: 'no max pain: no day context for SPY on 2025-07-08' });
    expect(pin('15:30', 620, makeContext({ date: '2025-07-09', max_pain: 620 })).explanation).toBe('no max pain: the day context is for 2025-07-09, the trade entered on 2025-07-08');
    expect(scorePinRegret(buildRegretContext(makeInput(makeTrade({ entry_time: '2025-07-08', underlying_entry: 620 }), null, pinned))).score).toBeNull();
  });
});
