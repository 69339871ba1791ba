import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bar } from '../../domain/market.ts';
import { REGRET_DIMENSIONS } from '../../domain/journal.ts';
import { scoreRegrets } from './index.ts';
import { etMs, isoEt, makeContext, makeInput, makeTrade, pathBars } from './testkit.ts';

/**
 * A skeptical review of the seven regret scores, written from SPEC.md's words: each property for every kind
 * of trade (long call, long put, short call, short put), on other days than the usual summer Tuesday.
 */
type Waypoints = (readonly [number, number])[];
const KINDS = [
  { right: 'C', side: 'long' },
  { right: 'P', side: 'long' },
  { right: 'C', side: 'short' },
  { right: 'P', side: 'short' },
] as const;
const bullish = (kind: (typeof KINDS)[number]) => (kind.right === 'C') === (kind.side === 'long');
/** Reflects a bar path through 620 so that a bullish scenario becomes the same scenario for a bearish trade. */
const mirror = (bars: readonly Bar[]): Bar[] => bars.map((bar) => ({ ...bar, open: 1240 - bar.open, close: 1240 - bar.close, high: 1240 - bar.low, low: 1240 - bar.high }));
const forKind = (kind: (typeof KINDS)[number], bars: readonly Bar[]) => (bullish(kind) ? [...bars] : mirror(bars));
const day = (path: Waypoints, date = '2025-07-08', wick = 0.02) => pathBars(date, '09:30', path, wick);
const score = (bars: readonly Bar[] | null, overrides: Parameters<typeof makeTrade>[0], mesh: number | null = 1, context = makeContext({ atm_iv: 0.15, max_pain: 600 })) =>
  scoreRegrets(makeInput(makeTrade(overrides), bars, context, mesh));
const at = (clock: string, date = '2025-07-08') => isoEt(etMs(date, clock));

describe('every regret property holds for long calls, long puts, short calls and short puts', () => {
  for (const kind of KINDS) {
    const label = `${kind.side} ${kind.right === 'C' ? 'call' : 'put'}`;
    const trade = { right: kind.right, side: kind.side, strike: 620 } as const;

    it(`entry_regret (${label}): entering at the best price of the window → near 0, at the worst → near 1`, () => {
      const dip = forKind(kind, day([[0, 622], [30, 620], [60, 622], [389, 622]]));
      const peak = forKind(kind, day([[0, 620], [30, 622], [60, 620], [389, 620]]));
      expect(score(dip, { ...trade, entry_time: at('10:00') }).scores.entry_regret ?? 1).toBeLessThanOrEqual(0.1);
      expect(score(peak, { ...trade, entry_time: at('10:00') }).scores.entry_regret ?? 0).toBeGreaterThanOrEqual(0.9);
    });

    it(`exit_regret (${label}): out at the best price → near 0; out before a 3× continuation, or after giving it all back → high`, () => {
      const best = forKind(kind, day([[0, 620], [30, 620], [60, 621], [90, 620.5], [389, 620.5]]));
      const continuation = forKind(kind, day([[0, 620], [30, 620], [60, 621], [90, 624], [389, 624]]));
      const giveBack = forKind(kind, day([[0, 620], [30, 620], [45, 621], [60, 620], [389, 620]]));
      const hold = { ...trade, entry_time: at('10:00'), exit_time: at('10:30') };
      expect(score(best, hold).scores.exit_regret ?? 1).toBeLessThanOrEqual(0.1);
      expect(score(continuation, hold).scores.exit_regret ?? 0).toBeGreaterThanOrEqual(0.9);
      expect(score(giveBack, hold).scores.exit_regret ?? 0).toBeGreaterThanOrEqual(0.9);
    });

    it(`timing_regret (${label}): mid-day chop, a choppy tape or a split mesh → high; aligned mesh in a trending tape → low`, () => {
      const trend = forKind(kind, day([[0, 615], [389, 625]], '2025-07-08', 0.01));
      const zigzag = trend.map((bar, index) => {
        const close = 620 + (index % 2 === 0 ? 0 : 0.4);
        return { ...bar, open: close, high: close + 0.02, low: close - 0.02, close };
      });
      const hold = (clock: string) => ({ ...trade, entry_time: at(clock), exit_time: at('14:00') });
      expect(score(trend, hold('10:00'), 1).scores.timing_regret).toBe(0);
      expect(score(zigzag, hold('11:15'), 1).scores.timing_regret ?? 0).toBeGreaterThanOrEqual(0.7);
      expect(score(zigzag, hold('13:15'), 1).scores.timing_regret ?? 0).toBeGreaterThanOrEqual(0.7);
      expect(score(trend, hold('10:00'), 0.2).scores.timing_regret ?? 0).toBeGreaterThanOrEqual(0.7);
    });

    it(`decay_regret (${label}): judged at entry, side-aware: a buyer's rises toward the bell, a seller's falls`, () => {
      const flat = day([[0, 620], [389, 620]], '2025-07-08', 0.05);
      const at30 = (clock: string) => score(flat, { ...trade, entry_price: 1, entry_time: at(clock), exit_time: isoEt(etMs('2025-07-08', clock) + 10 * 60_000) }).scores.decay_regret ?? Number.NaN;
      const series = ['10:00', '12:00', '14:00', '15:00', '15:15', '15:30', '15:45'].map(at30);
      if (trade.side === 'long') {
        for (let index = 1; index < series.length; index += 1) expect(series[index]).toBeGreaterThanOrEqual(series[index - 1] ?? 0);
        expect(at30('15:15')).toBeGreaterThan(at30('10:00') + 0.3);
        expect(at30('10:00')).toBeLessThanOrEqual(0.2);
        expect(at30('15:45')).toBeGreaterThanOrEqual(0.7);
      } else {
        for (let index = 1; index < series.length; index += 1) expect(series[index]).toBeLessThanOrEqual(series[index - 1] ?? 1);
        expect(at30('15:15')).toBeLessThan(at30('10:00'));
        expect(at30('10:00')).toBeLessThan(0.5);
      }
    });

    it(`pin_regret (${label}): near max pain late → high; about one expected move away or more → near 0`, () => {
      const flat = day([[0, 620], [389, 620]], '2025-07-08', 0.05);
      const context = (maxPain: number) => makeContext({ atm_iv: 0.15, max_pain: maxPain });
      const late = score(flat, { ...trade, entry_time: at('15:20'), exit_time: at('15:40') }, 1, context(620.05));
      const early = score(flat, { ...trade, entry_time: at('10:00'), exit_time: at('10:20') }, 1, context(620.05));
      const far = score(flat, { ...trade, entry_time: at('15:20'), exit_time: at('15:40') }, 1, context(622));
      expect(late.scores.pin_regret ?? 0).toBeGreaterThanOrEqual(0.8);
      expect(late.scores.pin_regret ?? 0).toBeGreaterThan((early.scores.pin_regret ?? 1) + 0.3);
      expect(far.scores.pin_regret ?? 1).toBeLessThanOrEqual(0.02);
    });

    it(`trap_entry_regret (${label}): a breakout that falls back inside within minutes against the trade → high; one that holds → low`, () => {
      const range: Waypoints = [[0, 620], [20, 620.5], [40, 619.5], [60, 620.4], [84, 620.3]];
      const failed = forKind(kind, day([...range, [90, 621], [95, 619.6], [389, 619.6]]));
      const held = forKind(kind, day([...range, [90, 621], [100, 621.8], [389, 622]]));
      const hold = { ...trade, entry_time: at('11:00'), exit_time: at('11:20') };
      expect(score(failed, hold).scores.trap_entry_regret ?? 0).toBeGreaterThanOrEqual(0.8);
      expect(score(held, hold).scores.trap_entry_regret ?? 1).toBeLessThanOrEqual(0.2);
    });

    it(`late_exit_regret (${label}): held into a VWAP magnet → high; an early exit → near 0`, () => {
      const magnet = day([[0, 620], [150, 620], [180, 621.5], [210, 620.02], [240, 620], [389, 620]], '2025-07-08', 0.03);
      const held = score(magnet, { ...trade, entry_time: at('12:30'), exit_time: at('13:30') });
      const early = score(magnet, { ...trade, entry_time: at('12:30'), exit_time: at('12:35') });
      expect(held.scores.late_exit_regret ?? 0).toBeGreaterThanOrEqual(0.7);
      expect(early.scores.late_exit_regret ?? 1).toBeLessThanOrEqual(0.1);
    });
  }

  it('late_exit_regret: held into expiry crush (a late-day 0DTE exit after the premium bled) → high for every kind; the same trade out at 10:30 → 0', () => {
    const flat = day([[0, 620], [389, 620]], '2025-07-08', 0.05);
    for (const kind of KINDS) {
      const crush = score(flat, { ...kind, entry_time: at('15:00'), exit_time: at('15:57'), entry_price: 1, exit_price: 0.08 });
      expect(crush.scores.late_exit_regret ?? 0, `${kind.side} ${kind.right}`).toBeGreaterThanOrEqual(0.8);
      const early = score(flat, { ...kind, entry_time: at('10:00'), exit_time: at('10:30'), entry_price: 1, exit_price: 0.08 });
      expect(early.scores.late_exit_regret ?? 1, `${kind.side} ${kind.right}`).toBeLessThanOrEqual(0.1);
    }
  });
});

describe('other days, other clocks', () => {
  const winter = '2025-01-15';
  const winterBars = day([[0, 590], [60, 592], [120, 591], [389, 593]], winter, 0.05);
  const winterTrade = { expiry: winter, strike: 591, entry_price: 1, exit_price: 1.4 };

  it('a winter day (-05:00) scores the same whether its times are written with -05:00 or in UTC Z', () => {
    const offset = score(winterBars, { ...winterTrade, entry_time: '2025-01-15T10:00:00-05:00', exit_time: '2025-01-15T10:30:00-05:00' }, 1, makeContext({ date: winter, max_pain: 591 }));
    const utc = score(winterBars, { ...winterTrade, entry_time: '2025-01-15T15:00:00Z', exit_time: '2025-01-15T15:30:00Z' }, 1, makeContext({ date: winter, max_pain: 591 }));
    expect(utc).toEqual(offset);
    for (const dimension of REGRET_DIMENSIONS) expect(offset.scores[dimension], dimension).not.toBeNull();
  });

  it('the DST switch days (2025-03-10, 2025-11-03): 10:00 ET from a UTC Z stamp reads the 10:00 bars, not the 09:00 or 11:00 ones', () => {
    for (const [date, utcTen] of [['2025-03-10', '14:00'], ['2025-11-03', '15:00'], ['2025-03-07', '15:00'], ['2025-10-31', '14:00']] as const) {
      const bars = day([[0, 600], [30, 610], [389, 610]], date, 0.02); // 09:30 → 10:00 climbs 10 points, then flat
      const result = score(bars, { expiry: date, strike: 610, entry_time: `${date}T${utcTen}:00Z`, exit_time: `${date}T${utcTen.replace(/^(\d\d)/, (hour) => String(Number(hour) + 1))}:00Z` }, 1, makeContext({ date, atm_iv: 0.15, max_pain: 600 }));
      expect(result.features.underlyingAtEntry, date).toBeCloseTo(610, 6);
      expect(result.explanations.entry_regret, date).toContain('09:55–10:05 ET');
    }
  });

  it('an early-close day (2025-11-28): time to expiry and the pin’s session run to 13:00, and bars after 13:00 are not the session', () => {
    const date = '2025-11-28';
    const bars = day([[0, 660], [209, 661], [300, 700]], date, 0.05); // after 13:00 the rows are junk
    const result = score(bars, { expiry: date, strike: 661, entry_time: '2025-11-28T12:30:00-05:00', exit_time: '2025-11-28T12:50:00-05:00' }, 1, makeContext({ date, atm_iv: 0.15, max_pain: 661 }));
    expect(result.explanations.decay_regret).toContain('0.50 h to expiry');
    expect(result.explanations.pin_regret).toContain('0.4 + 0.60 × 0.86 of the session elapsed'); // 180 of 210 minutes
    // the lookahead 12:51–13:20 stops at the 12:59 bar: the junk rows after 13:00 (up to 700) never count
    expect(result.explanations.exit_regret).toMatch(/the underlying went 0\.\d\d further the trade's way/);
  });

  it('a holiday (2025-07-04): no session, so every bar-based score is null with the reason', () => {
    const bars = day([[0, 620], [100, 621]], '2025-07-04');
    const result = score(bars, { expiry: '2025-07-04', entry_time: '2025-07-04T10:00:00-04:00', exit_time: '2025-07-04T10:30:00-04:00' }, 1, makeContext({ date: '2025-07-04', max_pain: 620 }));
    for (const dimension of ['entry_regret', 'exit_regret', 'trap_entry_regret', 'decay_regret', 'pin_regret'] as const) {
      expect(result.scores[dimension], dimension).toBeNull();
      expect(result.explanations[dimension], dimension).toContain('no 1-minute bars for SPY on 2025-07-04');
    }
  });

  it('an option that is not 0DTE times its decay to its own expiry, days later, and has no expiry crush today', () => {
    const flat = day([[0, 620], [389, 620]], '2025-07-08', 0.05);
    const weekly = score(flat, { expiry: '2025-07-11', entry_time: at('15:00'), exit_time: at('15:55'), entry_price: 3, exit_price: 0.5 });
    expect(weekly.explanations.decay_regret).toContain('73.00 h to expiry');
    expect(weekly.scores.decay_regret ?? 1).toBeLessThan(0.2);
    expect(weekly.explanations.late_exit_regret).toContain('expiry crush 0 (expiry 2025-07-11 is not the exit day)');
  });
});

describe('bad data is skipped, never read as a price', () => {
  const base = day([[0, 620], [60, 621], [120, 620.5], [389, 621]], '2025-07-08', 0.05);

  it('missing minutes are skipped, never zero: a 10-minute hole inside the trade changes no excursion to hundreds of points', () => {
    const holed = base.filter((bar) => bar.time < etMs('2025-07-08', '10:10') || bar.time >= etMs('2025-07-08', '10:20'));
    const result = score(holed, { entry_time: at('10:00'), exit_time: at('10:40') });
    expect(result.explanations.exit_regret).toMatch(/MFE 0\.\d\d, MAE 0\.\d\d/);
    for (const dimension of REGRET_DIMENSIONS) expect(result.scores[dimension], dimension).not.toBeNull();
    // an entry inside a hole longer than 5 minutes has no price: null with the reason, not a zero
    const inHole = score(holed, { entry_time: at('10:17'), exit_time: at('10:40') });
    expect(inHole.scores.entry_regret).toBeNull();
    expect(inHole.explanations.entry_regret).toContain('no underlying price at entry');
  });

  it('pre- and post-market prints (a 523 low at 08:33, a 700 high at 16:44) change no score', () => {
    const print = (clock: string, value: number): Bar => ({ time: etMs('2025-07-08', clock), open: value, high: value, low: value, close: value, volume: 10, extended: false });
    const dirty = [print('08:33', 523), print('09:29', 523), ...base, print('16:00', 700), print('16:44', 700)];
    for (const overrides of [{ entry_time: at('09:31'), exit_time: at('09:50') }, { entry_time: at('15:40'), exit_time: at('15:59') }]) {
      expect(score(dirty, overrides)).toEqual(score(base, overrides));
    }
  });

  it('an exit at or after 16:00 with no bar within 5 minutes has no exit price: exit_regret is null with the reason', () => {
    const result = score(base, { entry_time: at('15:50'), exit_time: at('16:10') });
    expect(result.scores.exit_regret).toBeNull();
    expect(result.explanations.exit_regret).toBe('no underlying price at exit (no underlying_exit in the record, and no regular-hours bar within 5 min of it)');
  });
});

describe('awkward trades', () => {
  const base = day([[0, 620], [60, 621], [120, 620.5], [389, 621]], '2025-07-08', 0.05);

  it('a zero-length hold (entry = exit minute) gives back nothing: the entry bar’s own range happened before the entry', () => {
    const result = score(base, { entry_time: at('10:03'), exit_time: at('10:03'), qty: 5 });
    expect(result.explanations.exit_regret).toContain('MFE 0.00, MAE 0.00, captured 0.00');
    expect(result.explanations.exit_regret).toContain('giveback (0.00 − 0.00)');
    expect(result.scores.late_exit_regret).toBe(0);
  });

  it('qty does not change a regret: one contract or ten, the same scores', () => {
    const one = score(base, { entry_time: at('10:00'), exit_time: at('10:30'), qty: 1 });
    const ten = score(base, { entry_time: at('10:00'), exit_time: at('10:30'), qty: 10 });
    expect(ten).toEqual(one);
  });

  it('entries at 16:00 and after the close stay in range and say why their prices are what they are', () => {
    for (const clock of ['15:59', '16:00', '16:03', '16:30']) {
      const result = score(base, { entry_time: at(clock), exit_time: isoEt(etMs('2025-07-08', clock) + 5 * 60_000), entry_price: 0.3 });
      for (const dimension of REGRET_DIMENSIONS) {
        const value = result.scores[dimension];
        if (value === null) expect(result.explanations[dimension].length, `${clock} ${dimension}`).toBeGreaterThan(10);
        else expect(value, `${clock} ${dimension}`).toSatisfy((v: number) => v >= 0 && v <= 1);
      }
    }
  });

  it('a 0.01 premium and a deep in-the-money premium invert or say why they cannot; nothing blows up', () => {
    const noIv = makeContext({ max_pain: 620 });
    const cheap = score(base, { strike: 640, entry_price: 0.01, exit_price: 0, entry_time: at('10:00'), exit_time: at('10:30') }, 1, noIv);
    expect(cheap.levels.implied_vol_source).toBe('premium');
    expect(cheap.scores.decay_regret).not.toBeNull();
    const deep = score(base, { strike: 600, entry_price: 21.5, exit_price: 21.6, entry_time: at('10:00'), exit_time: at('10:30') }, 1, noIv);
    expect(deep.levels.implied_vol_source).toBe('premium');
    const parity = score(base, { strike: 600, entry_price: 20.95, underlying_entry: 620.95, entry_time: at('10:00'), exit_time: at('10:30') }, 1, noIv);
    expect(parity.scores.decay_regret).toBeNull();
    expect(parity.explanations.decay_regret).toContain('has no time value over its intrinsic value 20.95');
    const zero = score(base, { strike: 640, entry_price: 0, entry_time: at('10:00'), exit_time: at('10:30') }, 1, noIv);
    expect(zero.scores.pin_regret).toBeNull();
    expect(zero.explanations.pin_regret).toContain('the 0.00 premium cannot be inverted');
  });
});

describe('properties over generated trades and bar paths', () => {
  const dates = ['2025-07-08', '2025-01-15', '2025-03-10', '2025-11-03', '2025-11-28', '2025-07-04'] as const;
  const tradeArbitrary = fc.record({
    date: fc.constantFrom(...dates),
    entryMinute: fc.integer({ min: 8 * 60, max: 17 * 60 }),
    hold: fc.integer({ min: 0, max: 240 }),
    right: fc.constantFrom<'C' | 'P'>('C', 'P'),
    side: fc.constantFrom<'long' | 'short'>('long', 'short'),
    strikeOffset: fc.integer({ min: -15, max: 15 }),
    entryPrice: fc.oneof(fc.constant(0), fc.constant(0.01), fc.double({ min: 0.01, max: 30, noNaN: true })),
    exitPrice: fc.double({ min: 0, max: 30, noNaN: true }),
    utc: fc.boolean(),
    mesh: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    maxPain: fc.option(fc.integer({ min: 590, max: 650 }), { nil: undefined }),
    atmIv: fc.option(fc.double({ min: 0.05, max: 0.8, noNaN: true }), { nil: undefined }),
    expiryDays: fc.constantFrom(0, 0, 0, 1, 3),
  });
  const pathArbitrary = fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.double({ min: -3, max: 3, noNaN: true })), { minLength: 1, maxLength: 12 });
  const gapArbitrary = fc.array(fc.integer({ min: 0, max: 389 }), { maxLength: 40 });

  type Spec = typeof tradeArbitrary extends fc.Arbitrary<infer T> ? T : never;
  const build = (spec: Spec, moves: [number, number][], gaps: number[]) => {
    const waypoints: [number, number][] = [[0, 620]];
    let minute = 0;
    let level = 620;
    for (const [step, move] of moves) {
      minute = Math.min(389, minute + step);
      level = Math.max(590, Math.min(650, level + move));
      waypoints.push([minute, level]);
    }
    if (minute < 389) waypoints.push([389, level]);
    const holes = new Set(gaps);
    const bars = pathBars(spec.date, '09:30', waypoints, 0.04).filter((_, index) => !holes.has(index));
    const entryMs = etMs(spec.date, `${Math.floor(spec.entryMinute / 60)}:${spec.entryMinute % 60}`);
    const write = (ms: number) => (spec.utc ? new Date(ms).toISOString().replace('.000Z', 'Z') : isoEt(ms));
    const expiry = new Date(Date.parse(`${spec.date}T12:00:00Z`) + spec.expiryDays * 86_400_000).toISOString().slice(0, 10);
    const trade = makeTrade({
      expiry,
      right: spec.right,
      side: spec.side,
      strike: 620 + spec.strikeOffset,
      entry_time: write(entryMs),
      exit_time: write(entryMs + spec.hold * 60_000),
      entry_price: spec.entryPrice,
      exit_price: spec.exitPrice,
    });
    const context = makeContext({ date: spec.date, ...(spec.maxPain === undefined ? {} : { max_pain: spec.maxPain }), ...(spec.atmIv === undefined ? {} : { atm_iv: spec.atmIv }) });
    return makeInput(trade, bars, context, spec.mesh);
  };

  it('every score is in [0, 1] or null, never NaN; every explanation is one non-empty line with numbers, ending in the score it gave', () => {
    fc.assert(
      fc.property(tradeArbitrary, pathArbitrary, gapArbitrary, (spec, moves, gaps) => {
        const result = scoreRegrets(build(spec, moves, gaps));
        for (const dimension of REGRET_DIMENSIONS) {
          const value = result.scores[dimension];
          const text = result.explanations[dimension];
          expect(text.length, dimension).toBeGreaterThan(10);
          expect(text, dimension).not.toMatch(/NaN|undefined|Infinity|\n/);
          if (value === null) continue;
          expect(Number.isFinite(value), dimension).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
          expect(text, dimension).toMatch(/\d/);
          expect(text.endsWith(`→ ${value.toFixed(2)}`), `${dimension}: ${text}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('same inputs give the same outputs: deep equal and byte-equal as JSON', () => {
    fc.assert(
      fc.property(tradeArbitrary, pathArbitrary, gapArbitrary, (spec, moves, gaps) => {
        const first = scoreRegrets(build(spec, moves, gaps));
        const second = scoreRegrets(build(spec, moves, gaps));
        expect(second).toEqual(first);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 60 },
    );
  });
});
