import { describe, expect, it } from 'vitest';
import type { TimelineSignal } from '../domain/market.ts';
import { type TradeRecord, type TradeRecordInput, tradeRecordSchema } from '../domain/trade.ts';
import { SIGNAL_WINDOW_MIN, attachTimelineSignals } from './signalTimeline.ts';

function trade(overrides: Partial<TradeRecordInput> = {}): TradeRecord {
  return tradeRecordSchema.parse({
    id: 't1',
    symbol: 'SPY',
    expiry: '2025-07-08',
    right: 'C',
    strike: 620,
    side: 'long',
    qty: 1,
    entry_time: '2025-07-08T10:00:00-04:00',
    exit_time: '2025-07-08T10:30:00-04:00',
    entry_price: 1,
    exit_price: 1.5,
    ...overrides,
  });
}

const signal = (time: string, agent: string, score = 0.5, polarity: 'bullish' | 'bearish' = 'bullish', weight?: number): TimelineSignal => ({
  time,
  agent,
  polarity,
  score,
  ...(weight === undefined ? {} : { weight }),
});

describe('signal timeline attribution: a signal counts when it came within the window before the entry or exit', () => {
  it('uses a documented default window of 5 minutes', () => {
    expect(SIGNAL_WINDOW_MIN).toBe(5);
  });

  it('counts a signal exactly window minutes before the entry, and not one second earlier', () => {
    const [withEdge] = attachTimelineSignals([trade()], [signal('2025-07-08T09:55:00-04:00', 'edge')]);
    expect(withEdge?.agents).toEqual([{ name: 'edge', phase: 'entry', polarity: 'bullish', score: 0.5, weight: 1 }]);
    const [tooEarly] = attachTimelineSignals([trade()], [signal('2025-07-08T09:54:59-04:00', 'early')]);
    expect(tooEarly?.agents).toEqual([]);
  });

  it('counts a signal at the entry minute itself, and none after it', () => {
    const [attributed] = attachTimelineSignals([trade()], [signal('2025-07-08T14:00:00Z', 'same'), signal('2025-07-08T10:00:01-04:00', 'after')]);
    expect(attributed?.agents.map((agent) => `${agent.name}:${agent.phase}`)).toEqual(['same:entry']);
  });

  it('attributes both phases: signals before the exit become exit agents', () => {
    const signals = [signal('2025-07-08T09:58:00-04:00', 'flow', 0.7, 'bullish', 2), signal('2025-07-08T10:27:00-04:00', 'flow', -0.6, 'bearish')];
    const [attributed] = attachTimelineSignals([trade()], signals);
    expect(attributed?.agents).toEqual([
      { name: 'flow', phase: 'entry', polarity: 'bullish', score: 0.7, weight: 2 },
      { name: 'flow', phase: 'exit', polarity: 'bearish', score: -0.6, weight: 1 },
    ]);
  });

  it('takes the latest signal of an agent within the window, whatever the input order', () => {
    const signals = [signal('2025-07-08T09:59:00-04:00', 'flow', 0.9), signal('2025-07-08T09:56:00-04:00', 'flow', 0.1), signal('2025-07-08T09:57:00-04:00', 'gex', 0.3)];
    const [attributed] = attachTimelineSignals([trade()], signals);
    expect(attributed?.agents.map((agent) => [agent.name, agent.score])).toEqual([
      ['gex', 0.3],
      ['flow', 0.9],
    ]);
  });

  it('keeps the agents already in the record; they win over the timeline for their phase', () => {
    const own = { name: 'flow', phase: 'entry' as const, polarity: 'bearish' as const, score: -1, weight: 1 };
    const [attributed] = attachTimelineSignals([trade({ agents: [own] })], [signal('2025-07-08T09:59:00-04:00', 'flow'), signal('2025-07-08T10:29:00-04:00', 'flow')]);
    expect(attributed?.agents).toEqual([own, { name: 'flow', phase: 'exit', polarity: 'bullish', score: 0.5, weight: 1 }]);
  });

  it('honours a configured window and an underlying filter; date-only trades get nothing', () => {
    const signals = [signal('2025-07-08T09:45:00-04:00', 'slow')];
    expect(attachTimelineSignals([trade()], signals, { windowMinutes: 15 })[0]?.agents).toHaveLength(1);
    expect(attachTimelineSignals([trade()], signals, { windowMinutes: 14 })[0]?.agents).toHaveLength(0);
    const qqq = trade({ symbol: 'QQQ' });
    expect(attachTimelineSignals([qqq], signals, { windowMinutes: 15, underlying: 'SPY' })[0]?.agents).toHaveLength(0);
    const dateOnly = trade({ entry_time: '2025-07-08', exit_time: '2025-07-08' });
    expect(attachTimelineSignals([dateOnly], [signal('2025-07-07T23:58:00-00:00', 'midnight')])[0]?.agents).toEqual([]);
  });

  it('finds each window among many signals (binary search), leaving the inputs untouched', () => {
    const signals = Array.from({ length: 2000 }, (_, index) => signal(new Date(Date.UTC(2025, 6, 8, 13, 0) + index * 60_000).toISOString(), `agent${index % 7}`));
    const trades = [trade(), trade({ id: 't2', entry_time: '2025-07-08T11:00:00-04:00', exit_time: '2025-07-08T11:20:00-04:00' })];
    const result = attachTimelineSignals(trades, signals);
    // A 5-minute window holds 6 one-minute signals (both ends included), 6 distinct agents.
    expect(result.map((entry) => entry.agents.length)).toEqual([12, 12]);
    expect(trades[0]?.agents).toEqual([]);
  });
});
