/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { journalEntrySchema } from '../domain/journal.ts';
import { dayContextSchema } from '../domain/market.ts';
import type { Bar } from '../domain/market.ts';
import { tradeRecordSchema } from '../domain/trade.ts';
import type { TradeRecordInput } from '../domain/trade.ts';
import { isRegularHours, parseTimestamp } from '../market/calendar.ts';
import { applyOverride, assessTrade } from './assessTrade.ts';
import type { MarketInputs } from './types.ts';

// Real SPY 1-minute bars (yfinance export, 2025-07-08 … 07-14), read as published: see test/fixtures/real/README.md.
// shared/ is pure (no node:fs, even in tests), so Vite loads the file as text.
const files = import.meta.glob<string>('../../test/fixtures/real/bars/spy-1min-20250708-20250714-yfinance.csv', { query: '?raw', import: 'default', eager: true });
const bars: Bar[] = (Object.values(files)[0] ?? '')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [datetime = '', open, high, low, close, volume] = line.split(',');
    const time = parseTimestamp(datetime);
    return { time, open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume), extended: !isRegularHours(time) };
  });
// The day context is hand-made for the test (levels near that day's SPY price), not real dealer data.
const context = dayContextSchema.parse({ date: '2025-07-08', max_pain: 620, gex_flip: 619, call_wall: 625, put_wall: 615, atm_iv: 0.14, regime_tags: ['gex_flip'] });
const market: MarketInputs = { bars, context };

const base: TradeRecordInput = {
  id: 'spy-0708-1',
  symbol: 'SPY',
  expiry: '2025-07-08',
  right: 'C',
  strike: 621,
  side: 'long',
  qty: 2,
  entry_time: '2025-07-08T10:12:00-04:00',
  exit_time: '2025-07-08T10:40:00-04:00',
  entry_price: 0.62,
  exit_price: 0.48,
  fees: 2.6,
  entry_score: 0.7,
  exit_score: 0.4,
  agents: [
    { name: 'vwap_reclaim', phase: 'entry', polarity: 'bullish', score: 0.6, weight: 1 },
    { name: 'gex_bot', phase: 'entry', polarity: 'bearish', score: 0.8, weight: 1.5 },
    { name: 'vwap_reclaim', phase: 'exit', polarity: 'bearish', score: 0.5, weight: 1 },
  ],
};
const trade = (overrides: Partial<TradeRecordInput> = {}) => tradeRecordSchema.parse({ ...base, ...overrides });

describe('assessTrade: the engine pipeline for one trade', () => {
  it('reads the real bar file', () => {
    expect(bars.length).toBeGreaterThan(4000);
  });

  it('returns a complete sync_log line that parses with journalEntrySchema, label_source engine, no engine_proposal', () => {
    const entry = assessTrade(trade(), market);
    expect(() => journalEntrySchema.parse(entry)).not.toThrow();
    expect(entry.label_source).toBe('engine');
    expect(entry.engine_proposal).toBeUndefined();
    expect(entry.timestamp).toBe(base.exit_time);
    expect(entry.pnl).toBe(-30.6);
    expect(entry.duration_minutes).toBe(28);
    expect(entry.time_block).toBe('early_open');
    expect(entry.direction).toBe('bullish');
    expect(entry.agents_involved).toEqual(['gex_bot', 'vwap_reclaim']);
    expect(entry.regime_tags).toEqual(['gex_flip']);
  });

  it('attribution feeds the label: a weight of 1 of 2.5 agrees → mesh conflict, and a loss under conflict is a failure', () => {
    const entry = assessTrade(trade(), market);
    expect(entry.mesh_alignment).toBeCloseTo(1 / 2.5, 9);
    expect(entry.mesh_conflict).toBe(true);
    expect(entry.flags).toContain('mesh_conflict');
    expect(['conflict_failure', 'model_failure']).toContain(entry.final_label);
    expect(entry.flags).toContain('conflict_failure');
    expect(entry.penalty_factor).toBeGreaterThanOrEqual(20);
  });

  it('same inputs → same output (no clock, no randomness)', () => {
    expect(JSON.stringify(assessTrade(trade(), market))).toBe(JSON.stringify(assessTrade(trade(), market)));
  });

  it('a dates-only trade has time_block null with no_time_of_day, null duration, and still a valid line', () => {
    const entry = assessTrade(trade({ entry_time: '2025-07-08', exit_time: '2025-07-08' }), market);
    expect(journalEntrySchema.safeParse(entry).success).toBe(true);
    expect(entry.time_block).toBeNull();
    expect(entry.duration_minutes).toBeNull();
    expect(entry.flags).toContain('no_time_of_day');
  });

  it('a position the import closed at its expiry without a removal row or bars carries the flag expiry_inferred, also after an override', () => {
    const entry = assessTrade(trade({ expiry_inferred: true, exit_price: 0, close_reason: 'expired' }), market);
    expect(entry.flags).toContain('expiry_inferred');
    expect(applyOverride(entry, { final_label: 'model_failure' }).flags).toContain('expiry_inferred');
    expect(assessTrade(trade(), market).flags).not.toContain('expiry_inferred');
  });

  it('without market data every score that needs it is null and flagged missing, never a silent 0', () => {
    const entry = assessTrade(trade({ agents: [] }), { bars: null, context: null });
    expect(journalEntrySchema.safeParse(entry).success).toBe(true);
    expect(entry.entry_regret).toBeNull();
    expect(entry.flags).toContain('missing_regret:entry_regret');
    expect(entry.flags).toContain('no_entry_agents');
    expect(entry.mesh_alignment).toBeNull();
    expect(entry.mesh_conflict).toBe(false);
  });

  it('property: any native trade record gives a valid, deterministic line', () => {
    const record = fc.record({
      right: fc.constantFrom<'C' | 'P'>('C', 'P'),
      side: fc.constantFrom<'long' | 'short'>('long', 'short'),
      qty: fc.integer({ min: 1, max: 20 }),
      entryMinute: fc.integer({ min: 9 * 60, max: 16 * 60 + 30 }),
      holdMinutes: fc.integer({ min: 0, max: 120 }),
      entry_price: fc.double({ min: 0.01, max: 5, noNaN: true }),
      exit_price: fc.double({ min: 0, max: 8, noNaN: true }),
      strike: fc.integer({ min: 610, max: 632 }),
      agents: fc.array(
        fc.record({ name: fc.constantFrom('a', 'b', 'c'), phase: fc.constantFrom<'entry' | 'exit'>('entry', 'exit'), polarity: fc.constantFrom<'bullish' | 'bearish'>('bullish', 'bearish'), score: fc.double({ min: -1, max: 1, noNaN: true }), weight: fc.double({ min: 0, max: 2, noNaN: true }) }),
        { maxLength: 4 },
      ),
      dateOnly: fc.boolean(),
    });
    const at = (minute: number) => `2025-07-08T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00-04:00`;
    fc.assert(
      fc.property(record, (spec) => {
        const exitMinute = Math.min(spec.entryMinute + spec.holdMinutes, 23 * 60);
        const generated = trade({
          right: spec.right,
          side: spec.side,
          qty: spec.qty,
          strike: spec.strike,
          entry_price: spec.entry_price,
          exit_price: spec.exit_price,
          entry_time: spec.dateOnly ? '2025-07-08' : at(spec.entryMinute),
          exit_time: spec.dateOnly ? '2025-07-08' : at(exitMinute),
          agents: spec.agents,
        });
        const entry = assessTrade(generated, market);
        expect(journalEntrySchema.safeParse(entry).success).toBe(true);
        expect(assessTrade(generated, market)).toEqual(entry);
      }),
      { numRuns: 40 },
    );
  });
});

describe('applyOverride: the trader confirms or overrides archetype and label', () => {
  const engine = assessTrade(trade(), market);
  const otherArchetype = engine.setup_archetype === 'pin_fade' ? 'fade_reversal' : 'pin_fade';

  it('an override makes the entry manual and keeps the engine’s proposal beside it', () => {
    const overridden = applyOverride(engine, { final_label: 'disciplined_loss', note: 'stop was planned' });
    expect(overridden.label_source).toBe('manual');
    expect(overridden.final_label).toBe('disciplined_loss');
    expect(overridden.engine_proposal).toEqual({ setup_archetype: engine.setup_archetype, final_label: engine.final_label });
    expect(overridden.note).toBe('stop was planned');
    expect(journalEntrySchema.safeParse(overridden).success).toBe(true);
  });

  it('re-overriding keeps the FIRST engine proposal', () => {
    const once = applyOverride(engine, { final_label: 'disciplined_loss' });
    const twice = applyOverride(once, { final_label: 'poor_execution', setup_archetype: otherArchetype });
    expect(twice.engine_proposal).toEqual({ setup_archetype: engine.setup_archetype, final_label: engine.final_label });
    expect(twice.setup_archetype).toBe(otherArchetype);
  });

  it('overriding back to exactly the engine’s values returns to label_source engine, flags and penalty restored', () => {
    const away = applyOverride(applyOverride(engine, { final_label: 'good_trade' }), { setup_archetype: otherArchetype });
    const back = applyOverride(away, { final_label: engine.final_label, setup_archetype: engine.setup_archetype });
    expect(back).toEqual(engine);
    expect(back.engine_proposal).toBeUndefined();
  });

  it('penalties and failure flags follow the final label in force; score conditions stay', () => {
    const relabelled = applyOverride(engine, { final_label: 'disciplined_loss' });
    expect(relabelled.flags).not.toContain('conflict_failure');
    expect(relabelled.flags).not.toContain('model_failure');
    expect(relabelled.flags).toContain('mesh_conflict');
    expect(relabelled.penalty_factor).toBe(engine.penalty_factor - (engine.flags.includes('penalty:conflict_failure') ? 20 : 0));
    // Changing only the archetype leaves the engine's label judgement as it was.
    const archetypeOnly = applyOverride(engine, { setup_archetype: otherArchetype });
    expect(archetypeOnly.flags).toEqual(engine.flags);
    expect(archetypeOnly.penalty_factor).toBe(engine.penalty_factor);
    expect(archetypeOnly.label_source).toBe('manual');
  });

  it('an empty note removes the note; no note leaves it', () => {
    const noted = applyOverride(engine, { note: 'x' });
    expect(noted.label_source).toBe('engine');
    expect(applyOverride(noted, {}).note).toBe('x');
    expect(applyOverride(noted, { note: '' }).note).toBeUndefined();
  });
});
