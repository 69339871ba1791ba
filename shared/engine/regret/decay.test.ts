import { describe, expect, it } from 'vitest';
import { buildRegretContext } from './context.ts';
import { DECAY_MIN_HOLD_MIN, DECAY_MIN_PAYOFF, DECAY_RATIO_AT_HALF, DECAY_STEEPNESS, scoreDecayRegret } from './decay.ts';
import { makeContext, makeInput, makeTrade } from './testkit.ts';

const at = (clock: string, date = '2025-07-08') => `${date}T${clock}:00-04:00`;
const withIv = makeContext({ atm_iv: 0.15 });
const decay = (overrides: Parameters<typeof makeTrade>[0], context = withIv) =>
  scoreDecayRegret(buildRegretContext(makeInput(makeTrade({ strike: 620, underlying_entry: 620, ...overrides }), null, context)));

describe('decay_regret', () => {
  it('decay_regret: the same 0DTE trade scores higher entered at 15:15 ET than at 10:00 ET', () => {
    const morning = decay({ entry_time: at('10:00'), exit_time: at('10:30') });
    const late = decay({ entry_time: at('15:15'), exit_time: at('15:45') });
    expect(morning.score).not.toBeNull();
    expect(late.score ?? 0).toBeGreaterThan((morning.score ?? 1) + 0.15);
    // the same holds when the volatility is implied from the trade's own premium (no atm_iv)
    const impliedMorning = decay({ entry_time: at('10:00'), exit_time: at('10:30'), entry_price: 1.2 }, makeContext());
    const impliedLate = decay({ entry_time: at('15:15'), exit_time: at('15:45'), entry_price: 1.2 }, makeContext());
    expect(impliedLate.score ?? 0).toBeGreaterThan(impliedMorning.score ?? 1);
    expect(impliedLate.explanation).toContain('implied from the 1.20 premium');
  });

  it('decay_regret: rises with theta dominance — the same 30-minute hold scores higher the nearer it runs to the bell', () => {
    const ratios = ['10:00', '12:00', '14:00', '15:00', '15:30'].map((clock) => {
      const [hours = 0, mins = 0] = clock.split(':').map(Number);
      const exit = `${String(hours + (mins + 30 >= 60 ? 1 : 0)).padStart(2, '0')}:${String((mins + 30) % 60).padStart(2, '0')}`;
      return decay({ entry_time: at(clock), exit_time: at(exit) }).measure?.ratio ?? 0;
    });
    for (let index = 1; index < ratios.length; index += 1) expect(ratios[index]).toBeGreaterThan(ratios[index - 1] ?? 0);
    expect(decay({ entry_time: at('15:30'), exit_time: at('16:00') }).score ?? 0).toBeGreaterThan(0.55);
  });

  it('decay_regret: works for any expiry, timing to that expiry’s close', () => {
    const monthly = decay({ expiry: '2025-08-15', entry_time: at('10:00'), exit_time: at('10:30') });
    const daily = decay({ entry_time: at('10:00'), exit_time: at('10:30') });
    expect(monthly.score ?? 1).toBeLessThan(daily.score ?? 0);
    expect(monthly.score ?? 1).toBeLessThan(0.1);
    expect(monthly.explanation).toContain('918.00 h to expiry');
  });

  it('decay_regret: the explanation quotes theta cost, the one-σ payoff and where the IV came from', () => {
    const result = decay({ entry_time: at('15:15'), exit_time: at('15:45') });
    expect(result.explanation).toMatch(/^theta cost \d+\.\d{2} vs one-σ payoff \d+\.\d{2} per share over the 30 min hold \(\|Δ\| 0\.5\d, S 620\.00, IV 15\.0% from the day context, 0\.75 h to expiry\) → ratio \d\.\d{2} → \d\.\d{2}$/);
    const { thetaCost, oneSigmaPayoff, ratio } = result.measure ?? { thetaCost: 0, oneSigmaPayoff: 1, ratio: 0 };
    expect(ratio).toBeCloseTo(thetaCost / oneSigmaPayoff, 12);
  });

  it('decay_regret: a cheap option’s figures are shown to two significant digits, never as 0.00 vs 0.00', () => {
    const cheap = decay({ strike: 640, entry_price: 0.01, entry_time: at('10:00'), exit_time: at('10:30') }, makeContext());
    expect(cheap.score).not.toBeNull();
    expect(cheap.explanation).toMatch(/^theta cost 0\.0\d{2,} vs one-σ payoff 0\.0\d{2,} per share/);
    expect(cheap.explanation).not.toContain('NaN');
  });

  it(`decay_regret: score = ratio^k / (ratio^k + DECAY_RATIO_AT_HALF^k), k = DECAY_STEEPNESS, for buyers and sellers alike (DECAY_RATIO_AT_HALF = ${DECAY_RATIO_AT_HALF}, k = ${DECAY_STEEPNESS})`, () => {
    expect(DECAY_RATIO_AT_HALF).toBe(0.4);
    expect(DECAY_STEEPNESS).toBe(2);
    const long = decay({ entry_time: at('14:00'), exit_time: at('15:00') });
    const ratio = long.measure?.ratio ?? 0;
    expect(long.score).toBeCloseTo(ratio ** 2 / (ratio ** 2 + 0.16), 2);
    const short = decay({ side: 'short', entry_time: at('14:00'), exit_time: at('15:00') });
    expect(short.score).toBe(long.score);
    expect(short.explanation).toMatch(/^short: theta 0\.\d+ \(the seller's income\) vs one-σ move 0\.\d+ \(the seller's risk\)/);
  });

  it('decay_regret: rises with theta dominance for every kind of trade — long call, long put, short call, short put — 15:15 above 10:00', () => {
    for (const [right, side] of [['C', 'long'], ['P', 'long'], ['C', 'short'], ['P', 'short']] as const) {
      const morning = decay({ right, side, entry_time: at('10:00'), exit_time: at('10:30') });
      const late = decay({ right, side, entry_time: at('15:15'), exit_time: at('15:45') });
      expect(late.score ?? 0, `${side} ${right}`).toBeGreaterThan((morning.score ?? 1) + 0.15);
    }
  });

  it('decay_regret: holds that run to or past the bell keep their whole theta cost (T at exit runs to 0, not to the 1-minute floor)', () => {
    // Before the fix the exit side was floored at one minute too, so a hold ending at the close lost the last
    // minute's time value and an entry in the last minute or after the close scored 0.
    const scores = ['15:00', '15:30', '15:50', '15:58', '15:59', '16:00', '16:05'].map((clock) => decay({ entry_time: at(clock), exit_time: at('16:10') }).score ?? -1);
    for (let index = 1; index < scores.length; index += 1) expect(scores[index], `entry #${index}`).toBeGreaterThanOrEqual((scores[index - 1] ?? 0) - 0.01);
    // ATM held to expiry: theta cost = all the time value ≈ 0.4·S·σ·√T, payoff 0.5·S·σ·√T → ratio ≈ 0.8 → ≈ 0.8
    const held = (value: number | undefined) => expect(value ?? 0).toSatisfy((v: number) => v > 0.75 && v < 0.83);
    held(scores[scores.length - 1]);
    const bell = decay({ entry_time: at('16:00'), exit_time: at('16:00') });
    expect(bell.explanation).toContain('entry less than 1 min before the expiry close or after it, priced with 1 min left');
    expect(decay({ entry_time: at('15:59'), exit_time: at('16:00') }).explanation).toContain('0.02 h to expiry');
    held(bell.score ?? 0);
  });

  it('decay_regret: an early-close day runs time to expiry to 13:00, not 16:00', () => {
    const early = (clock: string) => decay({ expiry: '2025-11-28', entry_time: at(clock, '2025-11-28').replace('-04:00', '-05:00'), exit_time: at('13:00', '2025-11-28').replace('-04:00', '-05:00') }, makeContext({ date: '2025-11-28', atm_iv: 0.15 }));
    expect(early('12:30').explanation).toContain('0.50 h to expiry');
    expect(early('12:30').score ?? 0).toSatisfy((v: number) => v > 0.75 && v < 0.83); // held to the 13:00 expiry
    const normal = decay({ entry_time: at('12:30'), exit_time: at('13:00') });
    expect(normal.score ?? 1).toBeLessThan(0.2);
  });

  it(`decay_regret: the hold counts as at least DECAY_MIN_HOLD_MIN = ${DECAY_MIN_HOLD_MIN} minute and stays finite as time runs to zero`, () => {
    expect(DECAY_MIN_HOLD_MIN).toBe(1);
    expect(DECAY_MIN_PAYOFF).toBe(1e-6);
    const instant = decay({ entry_time: at('12:00'), exit_time: at('12:00') });
    expect(instant.explanation).toContain('over the 1 min hold');
    for (const clock of ['15:58', '15:59', '16:00', '16:05']) {
      const result = decay({ entry_time: at(clock), exit_time: at('16:10') });
      expect(Number.isFinite(result.score ?? Number.NaN), clock).toBe(true);
      expect(result.score ?? -1).toBeGreaterThanOrEqual(0);
      expect(result.score ?? 2).toBeLessThanOrEqual(1);
    }
  });

  it('decay_regret: null with the reason without an IV or an underlying price', () => {
    expect(decay({ entry_time: at('10:00'), exit_time: at('10:30'), underlying_entry: 630, entry_price: 2 }, makeContext()).explanation).toBe(
      'no IV: the day context has no atm_iv, and the 2.00 premium cannot be inverted (at S 630.00, strike 620.00 it is below its intrinsic value 10.00)',
    );
    // deep in the money with some time value inverts; at parity (no time value) it cannot, and says so
    expect(decay({ entry_time: at('10:00'), exit_time: at('10:30'), underlying_entry: 640, entry_price: 20.4 }, makeContext()).score).not.toBeNull();
    expect(decay({ entry_time: at('10:00'), exit_time: at('10:30'), underlying_entry: 640, entry_price: 20 }, makeContext()).explanation).toContain('it has no time value over its intrinsic value 20.00');
    expect(decay({ strike: 650, entry_time: at('10:00'), exit_time: at('10:30'), entry_price: 0 }, makeContext()).explanation).toContain('the 0.00 premium cannot be inverted');
    expect(decay({ entry_time: at('10:00'), exit_time: at('10:30'), underlying_entry: undefined }).explanation).toBe('no underlying price at entry (no underlying_entry and no 1-minute bars for SPY on 2025-07-08)');
    expect(decay({ entry_time: '2025-07-08', exit_time: '2025-07-08' }).score).toBeNull();
  });
});
