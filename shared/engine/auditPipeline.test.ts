import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REGRET_DIMENSIONS } from '../domain/journal.ts';
import type { Bar } from '../domain/market.ts';
import { dayContextSchema } from '../domain/market.ts';
import { tradeRecordSchema, type TradeRecordInput } from '../domain/trade.ts';
import { assessBatch } from './assessBatch.ts';
import { assessTrade } from './assessTrade.ts';
import { regretSum } from './penalties.ts';
import { etMs, pathBars } from './regret/testkit.ts';
import { timeBlockOf } from './timeBlock.ts';
import { ENDED_IN_REGRET_MEAN } from './finalLabel.ts';

/** A skeptical review of the pipeline around the regrets: agents, symbols, time blocks, labels and penalties. */
const date = '2025-07-08';
const bars: Bar[] = pathBars(date, '09:30', [[0, 620], [60, 621], [120, 620.5], [389, 621]], 0.05);
const context = dayContextSchema.parse({ date, max_pain: 620.5, atm_iv: 0.15 });
const base: TradeRecordInput = {
  id: 'audit-1',
  symbol: 'SPY',
  expiry: date,
  right: 'C',
  strike: 620,
  side: 'long',
  qty: 2,
  entry_time: '2025-07-08T10:00:00-04:00',
  exit_time: '2025-07-08T10:30:00-04:00',
  entry_price: 1.5,
  exit_price: 1.2,
  fees: 1.3,
};
const assess = (overrides: Partial<TradeRecordInput> = {}) => assessTrade(tradeRecordSchema.parse({ ...base, ...overrides }), { bars, context });

describe('agents: none, only at exit, weight 0, unknown names', () => {
  it('no agents: no mesh alignment, no conflict, the flag no_entry_agents, and timing drops the mesh part with the reason', () => {
    const entry = assess({ agents: [] });
    expect(entry.mesh_alignment).toBeNull();
    expect(entry.mesh_conflict).toBe(false);
    expect(entry.flags).toContain('no_entry_agents');
    expect(entry.explanations.timing_regret).toContain('dropped: mesh (no entry agent with a weight)');
    expect(entry.agents_involved).toEqual([]);
  });

  it('agents only at exit: they are attributed and logged, but they are not the mesh at entry', () => {
    const entry = assess({ agents: [{ name: 'late_bot', phase: 'exit', polarity: 'bearish', score: 0.9, weight: 2 }] });
    expect(entry.mesh_alignment).toBeNull();
    expect(entry.mesh_conflict).toBe(false);
    expect(entry.flags).toContain('no_entry_agents');
    expect(entry.agents_involved).toEqual(['late_bot']);
    expect(entry.agents[0]).toMatchObject({ conflicted: true, aligned_with_outcome: true }); // bearish against a losing long call
  });

  it('entry agents with weight 0 carry no vote: alignment null, no conflict, and not flagged as "no entry agents"', () => {
    const entry = assess({ agents: [{ name: 'muted', phase: 'entry', polarity: 'bearish', score: 1, weight: 0 }] });
    expect(entry.mesh_alignment).toBeNull();
    expect(entry.mesh_conflict).toBe(false);
    expect(entry.flags).not.toContain('no_entry_agents');
    const mixed = assess({ agents: [{ name: 'muted', phase: 'entry', polarity: 'bearish', score: 1, weight: 0 }, { name: 'voice', phase: 'entry', polarity: 'bullish', score: 0.2, weight: 1 }] });
    expect(mixed.mesh_alignment).toBe(1);
  });

  it('unknown agent names are just names: attributed, weighted, and never dropped', () => {
    const entry = assess({ agents: [{ name: 'zz-never-seen 🤖', phase: 'entry', polarity: 'bullish', score: 0.5, weight: 1 }, { name: 'another', phase: 'entry', polarity: 'bearish', score: 0.5, weight: 1 }] });
    expect(entry.agents_involved).toEqual(['another', 'zz-never-seen 🤖']);
    expect(entry.mesh_alignment).toBe(0.5);
    expect(entry.mesh_conflict).toBe(true);
  });

  it('mesh_alignment is the weight share agreeing with the direction, for a put and a short call too (bearish trades)', () => {
    const agents = [
      { name: 'a', phase: 'entry' as const, polarity: 'bearish' as const, score: 0.1, weight: 3 },
      { name: 'b', phase: 'entry' as const, polarity: 'bullish' as const, score: 0.9, weight: 1 },
    ];
    expect(assess({ right: 'P', agents }).mesh_alignment).toBe(0.75);
    expect(assess({ right: 'C', side: 'short', agents }).mesh_alignment).toBe(0.75);
    expect(assess({ right: 'C', side: 'long', agents }).mesh_alignment).toBe(0.25);
  });
});

describe('trades the market data does not cover', () => {
  it('a trade on another symbol than the bars gets its bar-based scores null with the reason (assessBatch)', () => {
    const trades = [tradeRecordSchema.parse({ ...base, id: 'qqq', symbol: 'QQQ', strike: 550 }), tradeRecordSchema.parse({ ...base, id: 'spy' })];
    const [qqq, spy] = assessBatch({ trades, bars: [{ symbol: 'SPY', bars }], contexts: [context] });
    expect(qqq?.id).toBe('qqq');
    for (const dimension of ['entry_regret', 'exit_regret', 'trap_entry_regret'] as const) {
      expect(qqq?.[dimension], dimension).toBeNull();
      expect(qqq?.explanations[dimension]).toBe('no 1-minute bars for QQQ on 2025-07-08');
    }
    expect(qqq?.explanations.pin_regret).toBe('no max pain: no day context for QQQ on 2025-07-08');
    expect(qqq?.flags).toContain('missing_regret:entry_regret');
    expect(spy?.entry_regret).not.toBeNull();
  });

  it('a trade on a day the bars do not cover gets the same treatment, naming the day', () => {
    const entry = assessTrade(tradeRecordSchema.parse({ ...base, expiry: '2025-07-09', entry_time: '2025-07-09T10:00:00-04:00', exit_time: '2025-07-09T10:30:00-04:00' }), { bars, context });
    expect(entry.entry_regret).toBeNull();
    expect(entry.explanations.entry_regret).toBe('no 1-minute bars for SPY on 2025-07-09');
    expect(entry.explanations.pin_regret).toBe('no max pain: the day context is for 2025-07-08, the trade entered on 2025-07-09');
  });

  it('date-only times: every time-dependent score null with the reason, the block not guessed, the line still valid', () => {
    const entry = assess({ entry_time: date, exit_time: date });
    for (const dimension of REGRET_DIMENSIONS) {
      expect(entry[dimension], dimension).toBeNull();
      expect(entry.explanations[dimension]).toBe('the export gives no time of day (entry_time is 2025-07-08)');
    }
    expect(entry.time_block).toBeNull();
    expect(entry.flags).toContain('no_time_of_day');
    expect(entry.duration_minutes).toBeNull();
  });

  it('qty > 1 scales the pnl, not the regrets', () => {
    const one = assess({ qty: 1, fees: 0 });
    const five = assess({ qty: 5, fees: 0 });
    expect(five.pnl).toBeCloseTo(one.pnl * 5, 9);
    for (const dimension of REGRET_DIMENSIONS) expect(five[dimension], dimension).toBe(one[dimension]);
  });
});

describe('time block boundaries, from UTC timestamps across the DST switches', () => {
  const cases: [string, string][] = [];
  for (const day of ['2025-03-07', '2025-03-10', '2025-10-31', '2025-11-03', '2025-01-15', '2025-07-08']) {
    cases.push([`${day} 09:30:00`, 'early_open'], [`${day} 10:29:59`, 'early_open'], [`${day} 10:30:00`, 'chop_mid'], [`${day} 12:29:59`, 'chop_mid'], [`${day} 14:30:00`, 'decay_close'], [`${day} 15:59:59`, 'decay_close'], [`${day} 16:00:00`, 'outside_session'], [`${day} 09:29:59`, 'outside_session']);
  }

  it('09:30:00 early_open, 10:29:59 early_open, 10:30 chop_mid, 16:00 outside_session — written in UTC Z on both sides of each switch', () => {
    for (const [wall, expected] of cases) {
      const [day = '', clock = ''] = wall.split(' ');
      const utc = new Date(etMs(day, clock)).toISOString().replace('.000Z', 'Z');
      expect(timeBlockOf(utc).time_block, `${wall} ET = ${utc}`).toBe(expected);
      expect(assess({ entry_time: utc, exit_time: utc }).time_block, `${wall} via assessTrade`).toBe(expected);
    }
  });
});

describe('labels and penalties exactly as the seed, through the whole pipeline', () => {
  const specs = fc.record({
    clock: fc.integer({ min: 9 * 60 + 30, max: 15 * 60 + 59 }),
    hold: fc.integer({ min: 0, max: 120 }),
    right: fc.constantFrom<'C' | 'P'>('C', 'P'),
    side: fc.constantFrom<'long' | 'short'>('long', 'short'),
    entry: fc.double({ min: 0.05, max: 5, noNaN: true }),
    exit: fc.double({ min: 0, max: 5, noNaN: true }),
    agents: fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c'), phase: fc.constantFrom<'entry' | 'exit'>('entry', 'exit'), polarity: fc.constantFrom<'bullish' | 'bearish'>('bullish', 'bearish'), score: fc.double({ min: 0, max: 1, noNaN: true }), weight: fc.double({ min: 0, max: 2, noNaN: true }) }), { maxLength: 4 }),
  });

  it('model_failure iff entry + exit + decay > 2.0; penalties +10 / +15 / +20 add up; mesh_conflict iff alignment < 0.6', () => {
    fc.assert(
      fc.property(specs, (spec) => {
        const entryMs = etMs(date, `${Math.floor(spec.clock / 60)}:${spec.clock % 60}`);
        const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
        const entry = assess({ right: spec.right, side: spec.side, entry_time: iso(entryMs), exit_time: iso(entryMs + spec.hold * 60_000), entry_price: spec.entry, exit_price: spec.exit, agents: spec.agents });
        const failureSum = Math.round(((entry.entry_regret ?? 0) + (entry.exit_regret ?? 0) + (entry.decay_regret ?? 0)) * 1e9) / 1e9;
        expect(entry.final_label === 'model_failure').toBe(failureSum > 2.0);
        expect(entry.mesh_conflict).toBe(entry.mesh_alignment !== null && entry.mesh_alignment < 0.6);
        const sum = regretSum(entry);
        const exitLate = Math.round(((entry.exit_regret ?? 0) + (entry.late_exit_regret ?? 0)) * 1e9) / 1e9;
        const scored = REGRET_DIMENSIONS.map((dimension) => entry[dimension]).filter((value): value is number => value !== null);
        const judged = entry.entry_regret !== null && entry.exit_regret !== null;
        const mean = scored.length === 0 ? 0 : Math.round((scored.reduce((total, value) => total + value, 0) / scored.length) * 1e6) / 1e6;
        const conflictFailure = entry.mesh_conflict && (entry.pnl < 0 || (judged && mean >= ENDED_IN_REGRET_MEAN));
        expect(entry.flags.includes('conflict_failure')).toBe(conflictFailure);
        expect(entry.penalty_factor).toBe((sum > 2.5 ? 10 : 0) + (exitLate > 1.5 ? 15 : 0) + (conflictFailure ? 20 : 0));
        if (entry.final_label !== 'model_failure' && conflictFailure) expect(entry.final_label).toBe('conflict_failure');
      }),
      { numRuns: 150 },
    );
  });
});
