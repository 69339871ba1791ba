import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DayContext } from '../../domain/market.ts';
import type { TradeRecordInput } from '../../domain/trade.ts';
import { blackScholes } from '../../market/blackScholes.ts';
import { parseTimestamp } from '../../market/calendar.ts';
import { minutesToYears, timeToExpiryYears } from '../../market/timeToExpiry.ts';
import { buildRegretContext } from './context.ts';
import { DECAY_BUYER_HALF_LIFE_MIN, DECAY_HALF_LIFE_TOLERANCE_MIN, DECAY_SELLER_HALF_LIFE_MIN, DECAY_TIME_VALUE_TICK, scoreDecayRegret, timeValueHalfLife } from './decay.ts';
import { makeContext, makeInput, makeTrade } from './testkit.ts';

const at = (clock: string, date = '2025-07-08') => `${date}T${clock}:00-04:00`;
const withIv = makeContext({ atm_iv: 0.15 });
/** The premium a market at the day's IV would have asked (unrounded), unless the test gives one. */
function fairPremium(trade: Partial<TradeRecordInput>, context: DayContext): number | undefined {
  const entryMs = parseTimestamp(trade.entry_time ?? '');
  if (context.atm_iv === undefined || !Number.isFinite(entryMs) || trade.underlying_entry === undefined) return undefined;
  return blackScholes({ spot: trade.underlying_entry, strike: trade.strike ?? 620, vol: context.atm_iv, right: trade.right ?? 'C', years: timeToExpiryYears(entryMs, trade.expiry ?? '2025-07-08') }).price;
}
const decay = (overrides: Partial<TradeRecordInput>, context = withIv) => {
  const trade = { strike: 620, underlying_entry: 620, ...overrides };
  const premium = 'entry_price' in overrides ? overrides.entry_price : fairPremium(trade, context);
  return scoreDecayRegret(buildRegretContext(makeInput(makeTrade({ ...trade, ...(premium === undefined ? {} : { entry_price: premium }) }), null, context)));
};
const clockOf = (minuteOfDay: number) => `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
const plus = (clock: string, minutes: number) => {
  const [hours = 0, mins = 0] = clock.split(':').map(Number);
  return clockOf(hours * 60 + mins + minutes);
};

describe('decay_regret', () => {
  it('decay_regret: the same 0DTE long scores higher entered at 15:15 ET than at 10:00 ET', () => {
    const morning = decay({ entry_time: at('10:00'), exit_time: at('10:30') });
    const late = decay({ entry_time: at('15:15'), exit_time: at('15:45') });
    expect(morning.score).not.toBeNull();
    expect(late.score ?? 0).toBeGreaterThan((morning.score ?? 1) + 0.3);
    // the same holds when the volatility is implied from the trade's own premium (no atm_iv)
    const impliedMorning = decay({ entry_time: at('10:00'), exit_time: at('10:30'), entry_price: 1.2 }, makeContext());
    const impliedLate = decay({ entry_time: at('15:15'), exit_time: at('15:45'), entry_price: 1.2 }, makeContext());
    expect(impliedLate.score ?? 0).toBeGreaterThan((impliedMorning.score ?? 1) + 0.3);
    expect(impliedLate.explanation).toContain('implied from the 1.20 premium');
  });

  it('decay_regret: for a buyer it rises as the entry nears the close, whatever the strike (two dollars either side, calls and puts), while the premium holds time value', () => {
    const entries = [575, 600, 660, 720, 780, 840, 870, 900, 915, 930, 945, 950, 955, 959].map(clockOf);
    for (const strike of [618, 619, 620, 621, 622]) {
      for (const right of ['C', 'P'] as const) {
        const results = entries.map((clock) => decay({ strike, right, entry_time: at(clock), exit_time: at(plus(clock, 1)) }));
        const priced = results.filter((result) => (result.measure?.tickWeight ?? 0) === 1).map((result) => result.score ?? -1);
        expect(priced.length, `${right} ${strike}`).toBeGreaterThanOrEqual(7); // two dollars away, a fair premium has a cent of time value until about 15:00
        for (let index = 1; index < priced.length; index += 1) expect(priced[index], `${right} ${strike} #${index}`).toBeGreaterThanOrEqual(priced[index - 1] ?? 2);
        expect(priced[priced.length - 1] ?? 0, `${right} ${strike}`).toBeGreaterThan((priced[0] ?? 1) + 0.3);
      }
    }
    const atTheMoney = entries.map((clock) => decay({ entry_time: at(clock), exit_time: at(plus(clock, 1)) }).score ?? -1);
    for (let index = 1; index < atTheMoney.length; index += 1) expect(atTheMoney[index], entries[index]).toBeGreaterThan(atTheMoney[index - 1] ?? 2);
  });

  it('decay_regret: never falls as the same position is held longer — the issue’s 15:45 call held 10 min (0.65) and held to 15:59 expiring worthless (0.59) now score the same', () => {
    const call = (exit: string, exitPrice: number) => decay({ strike: 620.5, entry_time: at('15:45'), exit_time: at(exit), entry_price: 0.05, exit_price: exitPrice }, makeContext({ atm_iv: 0.12 }));
    const tenMinutes = call('15:55', 0.02);
    const toTheBell = call('15:59', 0);
    expect(tenMinutes.score).not.toBeNull();
    expect(toTheBell.score).toBe(tenMinutes.score);
    expect(tenMinutes.score ?? 0).toBeGreaterThan(0.7);
  });

  it('decay_regret: never lower for holding the same position longer (any entry, strike, right, side, IV and two holds)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 9 * 60 + 30, max: 15 * 60 + 59 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: -4, max: 4 }),
        fc.constantFrom('C' as const, 'P' as const),
        fc.constantFrom('long' as const, 'short' as const),
        fc.double({ min: 0.08, max: 0.6, noNaN: true }),
        (entryMinute, holdA, holdB, offset, right, side, iv) => {
          const [shorter, longer] = holdA <= holdB ? [holdA, holdB] : [holdB, holdA];
          const clock = clockOf(entryMinute);
          const held = (hold: number) => decay({ strike: 620 + offset, right, side, entry_time: at(clock), exit_time: at(plus(clock, hold)) }, makeContext({ atm_iv: iv })).score;
          expect(held(longer)).toBe(held(shorter));
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`decay_regret: a buyer's score = 1 / (1 + half-life / DECAY_BUYER_HALF_LIFE_MIN), DECAY_BUYER_HALF_LIFE_MIN = ${DECAY_BUYER_HALF_LIFE_MIN} min`, () => {
    expect(DECAY_BUYER_HALF_LIFE_MIN).toBe(30);
    for (const clock of ['10:00', '14:00', '15:15', '15:50']) {
      const result = decay({ entry_time: at(clock), exit_time: at(plus(clock, 5)) });
      const halfLife = result.measure?.halfLifeMinutes ?? Number.NaN;
      expect(result.score, clock).toBeCloseTo(1 / (1 + halfLife / 30), 2);
    }
    // 0.5 where the time value halves in half an hour: an at-the-money 0DTE entered 40 minutes before the bell
    expect(decay({ entry_time: at('15:20'), exit_time: at('15:30') }).score).toBeCloseTo(0.5, 1);
  });

  it('decay_regret: an at-the-money time value halves in about three quarters of the time left (it goes as √T)', () => {
    for (const [clock, minutesLeft] of [['10:00', 360], ['14:00', 120], ['15:15', 45]] as const) {
      const halfLife = decay({ entry_time: at(clock), exit_time: at(plus(clock, 5)) }).measure?.halfLifeMinutes ?? 0;
      expect(halfLife / minutesLeft, clock).toBeCloseTo(0.75, 2);
    }
  });

  it('decay_regret: the time value is the out-of-the-money side’s premium (put–call parity), so an ITM call and the OTM put of its strike decay alike', () => {
    const option = { spot: 620, strike: 618, vol: 0.15, minutesToExpiry: 90 };
    const itmCall = timeValueHalfLife({ ...option, right: 'C' });
    const otmPut = timeValueHalfLife({ ...option, right: 'P' });
    expect(itmCall.timeValue).toBeCloseTo(blackScholes({ spot: 620, strike: 618, vol: 0.15, years: minutesToYears(90), right: 'P' }).price, 12);
    expect(itmCall.halfLifeMinutes).toBeCloseTo(otmPut.halfLifeMinutes, 6);
    const below = timeValueHalfLife({ ...option, minutesToExpiry: 90 - itmCall.halfLifeMinutes - DECAY_HALF_LIFE_TOLERANCE_MIN, right: 'C' });
    expect(below.timeValue).toBeLessThan(itmCall.timeValue / 2); // the half-life is found to DECAY_HALF_LIFE_TOLERANCE_MIN
    expect(DECAY_HALF_LIFE_TOLERANCE_MIN).toBe(0.001);
  });

  it('decay_regret: side-aware — a seller collecting theta late in the day is not in decay regret: the same short ATM trade scores lower at 15:15 than at 10:00', () => {
    for (const right of ['C', 'P'] as const) {
      const morning = decay({ right, side: 'short', entry_time: at('10:00'), exit_time: at('10:10') });
      const late = decay({ right, side: 'short', entry_time: at('15:15'), exit_time: at('15:25') });
      expect(late.score ?? 1, right).toBeLessThan((morning.score ?? 0) - 0.25);
      const buyerMorning = decay({ right, entry_time: at('10:00'), exit_time: at('10:10') });
      const buyerLate = decay({ right, entry_time: at('15:15'), exit_time: at('15:25') });
      expect(buyerLate.score ?? 0, right).toBeGreaterThan(buyerMorning.score ?? 1);
    }
    expect(decay({ side: 'short', entry_time: at('15:55'), exit_time: at('15:59') }).score ?? 1).toBeLessThan(0.05);
  });

  it(`decay_regret: a seller's score = half-life / (half-life + DECAY_SELLER_HALF_LIFE_MIN), DECAY_SELLER_HALF_LIFE_MIN = ${DECAY_SELLER_HALF_LIFE_MIN} min (a session), and the explanation names the seller's own risk and where it is scored`, () => {
    expect(DECAY_SELLER_HALF_LIFE_MIN).toBe(390);
    const short = decay({ side: 'short', entry_time: at('10:00'), exit_time: at('10:30') });
    const halfLife = short.measure?.halfLifeMinutes ?? Number.NaN;
    expect(short.score).toBeCloseTo(halfLife / (halfLife + 390), 2);
    expect(short.explanation).toMatch(/^short: sold 0\.\d+ of time value per share/);
    expect(short.explanation).toContain("halves in 4.5 h: within the session, theta working for the seller (the seller's own risk, gamma near expiry, is late_exit_regret's and pin_regret's) → 270.0 / (270.0 + 390) → 0.41");
    expect(short.explanation).toMatch(/→ 0\.41$/);
    // a 0DTE sold at the open stays below 0.5; a weekly sold for an afternoon is the seller's decay regret
    expect(decay({ side: 'short', entry_time: at('09:30'), exit_time: at('09:40') }).score ?? 1).toBeLessThan(0.5);
    const weekly = decay({ side: 'short', expiry: '2025-07-11', entry_time: at('15:00'), exit_time: at('15:30') });
    expect(weekly.score ?? 0).toBeGreaterThan(0.85);
    expect(weekly.explanation).toContain('not within a session, theta not yet working for the seller');
  });

  it('decay_regret: works for any expiry, timing to that expiry’s close', () => {
    const monthly = decay({ expiry: '2025-08-15', entry_time: at('10:00'), exit_time: at('10:30') });
    const daily = decay({ entry_time: at('10:00'), exit_time: at('10:30') });
    expect(monthly.score ?? 1).toBeLessThan(daily.score ?? 0);
    expect(monthly.score ?? 1).toBeLessThan(0.01);
    expect(monthly.explanation).toContain('918.00 h to expiry');
    expect(monthly.explanation).toMatch(/halves in \d+\.\d h/);
  });

  it('decay_regret: the explanation quotes the time value, its half-life, the formula and where the IV came from', () => {
    const result = decay({ strike: 621, entry_time: at('15:15'), exit_time: at('15:45') });
    expect(result.explanation).toMatch(
      /^bought 0\.\d+ of time value per share \(premium 0\.\d+ at S 620\.00, strike 621\.00, IV 15\.0% from the day context, 0\.75 h to expiry\); at a standing price it halves in \d+\.\d min: theta dominant → 1 \/ \(1 \+ \d+\.\d \/ 30\) → 0\.\d\d$/,
    );
    const morning = decay({ entry_time: at('10:00'), exit_time: at('10:30') });
    expect(morning.explanation).toContain('halves in 4.5 h: theta not yet dominant');
  });

  it('decay_regret: a cheap option’s figures are shown to two significant digits, never as 0.00', () => {
    const cheap = decay({ strike: 640, entry_price: 0.01, entry_time: at('10:00'), exit_time: at('10:30') }, makeContext());
    expect(cheap.score).not.toBeNull();
    expect(cheap.explanation).toMatch(/^bought 0\.0\d{2,} of time value per share \(premium 0\.0\d{2,}/);
    expect(cheap.explanation).not.toContain('NaN');
  });

  it('decay_regret: entries at or after the bell are priced with one minute left, stay finite and score near 1 for a buyer', () => {
    const scores = ['15:00', '15:30', '15:50', '15:58', '15:59', '16:00', '16:05'].map((clock) => decay({ entry_time: at(clock), exit_time: at('16:10') }).score ?? -1);
    for (let index = 1; index < scores.length; index += 1) expect(scores[index], `entry #${index}`).toBeGreaterThanOrEqual(scores[index - 1] ?? 2);
    for (const value of scores) expect(value).toSatisfy((v: number) => v >= 0 && v < 1);
    const bell = decay({ entry_time: at('16:00'), exit_time: at('16:00') });
    expect(bell.explanation).toContain('entry less than 1 min before the expiry close or after it, priced with 1 min left');
    expect(bell.score ?? 0).toBeGreaterThan(0.95);
    expect(decay({ entry_time: at('15:59'), exit_time: at('16:00') }).explanation).toContain('0.02 h to expiry');
  });

  it('decay_regret: an early-close day runs time to expiry to 13:00, not 16:00', () => {
    const early = (clock: string) => decay({ expiry: '2025-11-28', entry_time: at(clock, '2025-11-28').replace('-04:00', '-05:00'), exit_time: at('13:00', '2025-11-28').replace('-04:00', '-05:00') }, makeContext({ date: '2025-11-28', atm_iv: 0.15 }));
    expect(early('12:30').explanation).toContain('0.50 h to expiry');
    const normal = decay({ entry_time: at('12:30'), exit_time: at('13:00') });
    expect(early('12:30').score ?? 0).toBeCloseTo(decay({ entry_time: at('15:30'), exit_time: at('16:00') }).score ?? 1, 2);
    expect(normal.score ?? 1).toBeLessThan(0.2);
  });

  it(`decay_regret: theta can only take the time value in the premium — below DECAY_TIME_VALUE_TICK = ${DECAY_TIME_VALUE_TICK} per share the score is scaled down, and an all-intrinsic premium scores 0 for either side`, () => {
    expect(DECAY_TIME_VALUE_TICK).toBe(0.01);
    for (const side of ['long', 'short'] as const) {
      const deep = decay({ side, strike: 600, entry_price: 20, entry_time: at('15:59'), exit_time: at('16:00') });
      expect(deep.score, side).toBe(0);
      expect(deep.explanation).toBe('no time value at entry (premium 20.00 at S 620.00, strike 600.00, IV 15.0% from the day context, 0.02 h to expiry): theta has nothing to take → 0.00');
    }
    const halfCent = decay({ strike: 619, entry_price: 1.005, entry_time: at('15:55'), exit_time: at('15:58') });
    const fullCent = decay({ strike: 619, entry_price: 1.01, entry_time: at('15:55'), exit_time: at('15:58') });
    expect(Math.abs((halfCent.score ?? 0) - (fullCent.score ?? 0) / 2)).toBeLessThanOrEqual(0.01);
    expect(halfCent.explanation).toContain('→ 0.50 (below the 0.01 tick) × 1 / (1 + ');
    // the model gives the deep strike no time value at all, yet the trade paid 0.05 over parity: it is gone by the bell
    expect(decay({ strike: 600, entry_price: 20.05, entry_time: at('15:59'), exit_time: at('16:00') }).score).toBe(1);
  });

  it('decay_regret: judged at entry — needs the entry time, an underlying price, an IV and time to expiry, not the exit', () => {
    expect(decay({ entry_time: at('10:00'), exit_time: at('10:30'), underlying_entry: 630, entry_price: 2 }, makeContext()).explanation).toBe(
      'no IV: the day context has no atm_iv, and the 2.00 premium cannot be inverted (at S 630.00, strike 620.00 it is below its intrinsic value 10.00)',
    );
    // deep in the money with some time value inverts; at parity (no time value) it cannot, and says so
    expect(decay({ entry_time: at('10:00'), exit_time: at('10:30'), underlying_entry: 640, entry_price: 20.4 }, makeContext()).score).not.toBeNull();
    expect(decay({ entry_time: at('10:00'), exit_time: at('10:30'), underlying_entry: 640, entry_price: 20 }, makeContext()).explanation).toContain('it has no time value over its intrinsic value 20.00');
    expect(decay({ strike: 650, entry_time: at('10:00'), exit_time: at('10:30'), entry_price: 0 }, makeContext()).explanation).toContain('the 0.00 premium cannot be inverted');
    expect(decay({ entry_time: at('10:00'), exit_time: at('10:30'), underlying_entry: undefined }).explanation).toBe('no underlying price at entry (no underlying_entry and no 1-minute bars for SPY on 2025-07-08)');
    const dateOnly = decay({ entry_time: '2025-07-08', exit_time: '2025-07-08' });
    expect(dateOnly.score).toBeNull();
    expect(dateOnly.explanation).toBe('the export gives no time of day (entry_time is 2025-07-08)');
    const expired = decay({ entry_time: at('10:00', '2025-07-09'), exit_time: at('10:30', '2025-07-09') });
    expect(expired.score).toBeNull();
    expect(expired.explanation).toBe('no time to expiry: the entry on 2025-07-09 is after the 2025-07-08 expiry');
    // the exit does not enter the score: an exit with no time of day leaves it as it is
    expect(decay({ entry_time: at('15:15'), exit_time: '2025-07-08' }).score).toBe(decay({ entry_time: at('15:15'), exit_time: at('15:45') }).score);
  });
});
