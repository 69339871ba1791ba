import { describe, expect, it } from 'vitest';
import { tradeRecordSchema } from '../domain/trade.ts';
import type { TradeRecordInput } from '../domain/trade.ts';
import { dayContextSchema } from '../domain/market.ts';
import { assessOutcome, sortInstantOf } from './outcome.ts';

const base: TradeRecordInput = {
  id: 't1',
  symbol: 'SPY',
  expiry: '2025-07-08',
  right: 'C',
  strike: 621,
  side: 'long',
  qty: 2,
  entry_time: '2025-07-08T10:00:00-04:00',
  exit_time: '2025-07-08T10:42:30-04:00',
  entry_price: 1.25,
  exit_price: 1.75,
  fees: 2.6,
  entry_score: 0.8,
  regime_tags: ['low_iv'],
};
const trade = (overrides: Partial<TradeRecordInput> = {}) => tradeRecordSchema.parse({ ...base, ...overrides });

describe('outcome assessment (seed step 1)', () => {
  it('pnl is realizedPnl: (exit − entry) · qty · 100 · side − fees unless the record states its own', () => {
    expect(assessOutcome(trade()).pnl).toBe(97.4); // 0.50 · 2 · 100 − 2.60
    expect(assessOutcome(trade({ side: 'short' })).pnl).toBe(-102.6);
    expect(assessOutcome(trade({ pnl: 55 })).pnl).toBe(55);
  });

  it('duration is exit − entry in minutes', () => {
    expect(assessOutcome(trade()).durationMinutes).toBe(42.5);
  });

  it('duration is null when a time is date-only, with the reason', () => {
    const outcome = assessOutcome(trade({ entry_time: '2025-07-08', exit_time: '2025-07-08' }));
    expect(outcome.durationMinutes).toBeNull();
    expect(outcome.durationReason).toMatch(/no time of day/);
    expect(outcome.entryMs).toBeNull();
  });

  it('duration is null, never negative, when the exit is stamped before the entry', () => {
    const outcome = assessOutcome(trade({ exit_time: '2025-07-08T09:59:00-04:00' }));
    expect(outcome.durationMinutes).toBeNull();
    expect(outcome.durationReason).toMatch(/before entry/);
  });

  it('timestamp is the exit time; entry and exit scores, direction and agents are carried', () => {
    const outcome = assessOutcome(trade({ agents: [{ name: 'a', phase: 'entry', polarity: 'bullish', score: 1, weight: 1 }] }));
    expect(outcome.timestamp).toBe(base.exit_time);
    expect(outcome.entryScore).toBe(0.8);
    expect(outcome.exitScore).toBeNull();
    expect(outcome.direction).toBe('bullish');
    expect(outcome.agents).toHaveLength(1);
  });

  it('regime tags are the trade’s, then the day context’s it lacks', () => {
    const context = dayContextSchema.parse({ date: '2025-07-08', regime_tags: ['gex_flip', 'low_iv'] });
    expect(assessOutcome(trade(), context).regimeTags).toEqual(['low_iv', 'gex_flip']);
    // A context for another day or symbol does not apply to this trade.
    expect(assessOutcome(trade(), { ...context, date: '2025-07-09' }).regimeTags).toEqual(['low_iv']);
    expect(assessOutcome(trade(), { ...context, symbol: 'QQQ' }).regimeTags).toEqual(['low_iv']);
  });

  it('a date-only time sorts at that New York day’s 16:00 close, after every timed exit of the day', () => {
    expect(sortInstantOf('2025-07-08')).toBe(Date.parse('2025-07-08T20:00:00Z'));
    expect(sortInstantOf('2025-07-08T15:59:00-04:00')).toBeLessThan(sortInstantOf('2025-07-08'));
  });
});
