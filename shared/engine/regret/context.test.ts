import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../market/blackScholes.ts';
import { timeToExpiryYears } from '../../market/timeToExpiry.ts';
import { PRICE_TICK } from './scoreMath.ts';
import { NO_TIME_OF_DAY_REASON, TYPICAL_RANGE_MIN_BARS, TYPICAL_RANGE_WINDOW_MIN, buildRegretContext } from './context.ts';
import { etMs, makeContext, makeInput, makeTrade, pathBars } from './testkit.ts';

const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;
const bars = pathBars('2025-07-08', '09:30', [[0, 620], [389, 626.49]], 0.05);

describe('regret context', () => {
  it('takes the IV from the day context’s atm_iv first and says so', () => {
    const context = buildRegretContext(makeInput(makeTrade({ underlying_entry: 620 }), null, makeContext({ atm_iv: 0.18 })));
    expect(context.volatility).toEqual({ value: 0.18, source: 'context', note: 'IV 18.0% from the day context' });
  });

  it('implies the IV from the trade’s own premium, strike, underlying and time left when there is no atm_iv', () => {
    const entryMs = etMs('2025-07-08', '10:00');
    const premium = blackScholes({ spot: 620, strike: 620, years: timeToExpiryYears(entryMs, '2025-07-08'), vol: 0.13, right: 'C' }).price;
    const context = buildRegretContext(makeInput(makeTrade({ underlying_entry: 620, entry_price: premium }), null, null));
    expect(context.volatility.source).toBe('premium');
    expect(context.volatility.value).toBeCloseTo(0.13, 5);
    expect(context.volatility.note).toBe(`IV 13.0% implied from the ${premium.toFixed(2)} premium (no day context for SPY on 2025-07-08)`);
  });

  it('has no IV, with the reason, when the premium cannot be inverted', () => {
    const context = buildRegretContext(makeInput(makeTrade({ underlying_entry: 625, entry_price: 1 }), null, makeContext()));
    expect(context.volatility.source).toBe('none');
    expect(context.volatility.value).toBeNull();
  });

  it('prefers the record’s underlying price and falls back to the bar of the minute', () => {
    expect(buildRegretContext(makeInput(makeTrade({ underlying_entry: 621.5 }), bars)).underlyingEntry).toEqual({ value: 621.5, source: 'record' });
    const fromBars = buildRegretContext(makeInput(makeTrade({ entry_time: '2025-07-08T10:00:40-04:00' }), bars)).underlyingEntry;
    expect(fromBars?.source).toBe('bars');
    expect(fromBars?.value).toBeCloseTo(620.5, 2); // the 10:00 bar's close
  });

  it('finds only the entry session’s regular-hours bars and names the missing day', () => {
    const context = buildRegretContext(makeInput(makeTrade({ entry_time: '2025-07-09T10:00:00-04:00', exit_time: '2025-07-09T10:30:00-04:00' }), bars));
    expect(context.sessionBars).toBeNull();
    expect(context.barsReason).toBe('no 1-minute bars for SPY on 2025-07-09');
  });

  it('ignores a day context for another day or another symbol, with the reason', () => {
    expect(buildRegretContext(makeInput(makeTrade(), null, makeContext({ date: '2025-07-09' }))).contextReason).toBe('the day context is for 2025-07-09, the trade entered on 2025-07-08');
    expect(buildRegretContext(makeInput(makeTrade({ symbol: 'QQQ' }), null, makeContext())).contextReason).toBe('the day context is for SPY, the trade is on QQQ');
  });

  it(`measures the typical minute range over TYPICAL_RANGE_WINDOW_MIN = ${TYPICAL_RANGE_WINDOW_MIN} minutes before entry (at least TYPICAL_RANGE_MIN_BARS = ${TYPICAL_RANGE_MIN_BARS} bars)`, () => {
    expect(TYPICAL_RANGE_WINDOW_MIN).toBe(30);
    expect(TYPICAL_RANGE_MIN_BARS).toBe(3);
    // each bar moves 0.0167 and has 0.05 wicks: range ≈ 0.1167
    expect(buildRegretContext(makeInput(makeTrade({ entry_time: at('11:00') }), bars)).typicalMinuteRange).toBeCloseTo(0.1167, 3);
    // a dead-flat tape is floored at one cent (PRICE_TICK), so nothing divides by zero
    const flat = pathBars('2025-07-08', '09:30', [[0, 620], [389, 620]], 0);
    expect(buildRegretContext(makeInput(makeTrade({ entry_time: at('11:00') }), flat)).typicalMinuteRange).toBe(PRICE_TICK);
  });

  it('marks a date-only export with the reason, and the hold as unknown', () => {
    const context = buildRegretContext(makeInput(makeTrade({ entry_time: '2025-07-08', exit_time: '2025-07-08' }), bars));
    expect(context.entryMs).toBeNull();
    expect(context.entryTimeReason).toBe(`${NO_TIME_OF_DAY_REASON} (entry_time is 2025-07-08)`);
    expect(context.holdReason).toBe(context.entryTimeReason);
    expect(context.minutesToCloseAtEntry).toBeNull();
  });
});
