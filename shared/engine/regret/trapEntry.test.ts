import { describe, expect, it } from 'vitest';
import type { Bar } from '../../domain/market.ts';
import { buildRegretContext } from './context.ts';
import { makeInput, makeTrade, pathBars } from './testkit.ts';
import { PRIOR_SESSION_LOOKBACK_DAYS } from '../../market/sessionLevels.ts';
import { TRAP_ADVERSE_RANGES, TRAP_BREAKOUT_LOOKBACK_MIN, TRAP_FAILED_BASE, TRAP_HELD_MAX, TRAP_NO_BREAKOUT_SCORE, TRAP_WINDOW_MIN, scoreTrapEntryRegret } from './trapEntry.ts';

const at = (clock: string, date = '2025-07-08') => `${date}T${clock}:00-04:00`;
type Waypoints = (readonly [number, number])[];
// 09:30–10:00 inside 620–621 (session high 621), then a push to 621.30 at 10:05 (minute 35)
const range: Waypoints = [[0, 620.5], [10, 621], [20, 620], [30, 620.8], [34, 620.9], [35, 621.3]];
const failedPath: Waypoints = [...range, [40, 620.4], [389, 620.4]];
const heldPath: Waypoints = [...range, [45, 622], [389, 622]];
const mirror = (path: Waypoints): Waypoints => path.map(([minute, level]) => [minute, 1241 - level] as const);
const day = (path: Waypoints, date = '2025-07-08') => pathBars(date, '09:30', path, 0);
const trap = (bars: readonly Bar[], overrides: Parameters<typeof makeTrade>[0] = {}) =>
  scoreTrapEntryRegret(buildRegretContext(makeInput(makeTrade({ entry_time: at('10:05'), exit_time: at('10:30'), ...overrides }), bars)));
const severityOf = (explanation: string) => Number(/severity min\(1, [^)]*\)\) = (\d\.\d\d)/.exec(explanation)?.[1] ?? Number.NaN);

describe('trap_entry_regret', () => {
  it('trap_entry_regret: an entry on a breakout that falls back inside within minutes and goes against the trade scores high', () => {
    const result = trap(day(failedPath));
    expect(result.score).toBe(1);
    expect(result.breakout).toEqual({ level: 621, kind: 'high', failed: true });
    expect(result.explanation).toBe(
      'entry at underlying 621.30 broke the session high 621.00; within 10 min it closed back 0.60 inside and ran 0.90 against the trade: a failed breakout, 0.6 + 0.40 × severity (severity min(1, 0.90 / (3 × 0.08 typical minute range)) = 1.00) → 1.00',
    );
  });

  it('trap_entry_regret: a breakout that holds scores low', () => {
    const result = trap(day(heldPath));
    expect(result.score).toBe(0);
    expect(result.breakout?.failed).toBe(false);
    expect(result.explanation).toMatch(/^entry at underlying 621\.30 broke the session high 621\.00; it held for 10 min/);
  });

  it('trap_entry_regret: no breakout at entry scores low and says so', () => {
    const result = trap(day(failedPath), { entry_time: at('09:50') });
    expect(TRAP_NO_BREAKOUT_SCORE).toBe(0);
    expect(result.score).toBe(TRAP_NO_BREAKOUT_SCORE);
    expect(result.breakout).toBeNull();
    expect(result.explanation).toBe('no breakout at entry: 620.00 did not newly clear a session, opening-range or prior-session high in the 5 min before entry → 0.00');
  });

  it('trap_entry_regret: a bearish trade is trapped by a failed break of the low', () => {
    const result = trap(day(mirror(failedPath)), { right: 'P' });
    expect(result.score).toBe(1);
    expect(result.breakout).toEqual({ level: 620, kind: 'low', failed: true });
    // a bullish trade on the same breakdown is not breaking anything
    expect(trap(day(mirror(failedPath))).breakout).toBeNull();
  });

  it(`trap_entry_regret: a prior session's high counts (looked up to PRIOR_SESSION_LOOKBACK_DAYS = ${PRIOR_SESSION_LOOKBACK_DAYS} days back)`, () => {
    expect(PRIOR_SESSION_LOOKBACK_DAYS).toBe(7);
    const monday = day([[0, 621], [200, 621.2], [389, 621]], '2025-07-07');
    const result = trap([...monday, ...day(failedPath)]);
    expect(result.explanation).toContain('broke the prior-session high 621.20');
    expect(result.trapLevel).toBe(621.2);
  });

  it(`trap_entry_regret: the breakout must be fresh — price at or inside the level TRAP_BREAKOUT_LOOKBACK_MIN = ${TRAP_BREAKOUT_LOOKBACK_MIN} minutes before entry`, () => {
    expect(TRAP_BREAKOUT_LOOKBACK_MIN).toBe(5);
    const early: Waypoints = [[0, 620.5], [10, 621], [20, 620], [27, 620.8], [28, 621.2], [389, 621.2]];
    expect(trap(day(early), { entry_time: at('10:05') }).breakout).toBeNull();
    expect(trap(day(early), { entry_time: at('10:02') }).breakout?.level).toBe(621);
  });

  it(`trap_entry_regret: the breakout is judged over TRAP_WINDOW_MIN = ${TRAP_WINDOW_MIN} minutes after the entry minute`, () => {
    expect(TRAP_WINDOW_MIN).toBe(10);
    const inside = trap(day([...range, [44, 621.3], [45, 620.8], [389, 620.8]]));
    expect(inside.breakout?.failed).toBe(true);
    const outside = trap(day([...range, [45, 621.3], [46, 620.8], [389, 620.8]]));
    expect(outside.breakout?.failed).toBe(false);
  });

  it(`trap_entry_regret: failed = TRAP_FAILED_BASE + (1 − base) · severity, held = TRAP_HELD_MAX · severity, severity = adverse / (TRAP_ADVERSE_RANGES · typical range)`, () => {
    expect(TRAP_FAILED_BASE).toBe(0.6);
    expect(TRAP_HELD_MAX).toBe(0.2);
    expect(TRAP_ADVERSE_RANGES).toBe(3);
    // noisy bars make the typical range large, so the severity is partial
    const noisyRange: Waypoints = [...range.slice(0, -1), [35, 621.6]];
    const noisy = pathBars('2025-07-08', '09:30', [...noisyRange, [36, 620.95], [389, 620.95]], 0.3);
    const failed = trap(noisy, { underlying_entry: 621.6 });
    expect(failed.breakout).toEqual({ level: 621.3, kind: 'high', failed: true });
    const severity = severityOf(failed.explanation);
    expect(severity).toBeGreaterThan(0);
    expect(severity).toBeLessThan(1);
    expect(failed.score).toBeCloseTo(0.6 + 0.4 * severity, 2);
    const heldNoisy = pathBars('2025-07-08', '09:30', [...noisyRange, [389, 621.6]], 0.3);
    const held = trap(heldNoisy, { underlying_entry: 621.6 });
    expect(held.breakout?.failed).toBe(false);
    expect(severityOf(held.explanation)).toBeGreaterThan(0);
    expect(held.score).toBeCloseTo(0.2 * severityOf(held.explanation), 2);
  });

  it('trap_entry_regret: null with the reason when there is nothing to judge the breakout on', () => {
    const cut = day(failedPath).slice(0, 36);
    expect(trap(cut)).toMatchObject({ score: null, explanation: 'entry broke the session high 621.00 but no regular-hours bars follow within 10 min to judge it', trapLevel: 621 });
    expect(trap([]).explanation).toBe('no 1-minute bars for SPY on 2025-07-08');
    expect(trap(day(failedPath), { entry_time: '2025-07-08' }).explanation).toBe('the export gives no time of day (entry_time is 2025-07-08)');
  });
});
