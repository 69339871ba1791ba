import { describe, expect, it } from 'vitest';
import type { Bar, BarSeries, DayContext } from '../domain/market.ts';
import { tradeRecordSchema, type TradeRecordInput } from '../domain/trade.ts';
import { etMinuteToMs } from '../market/calendar.ts';
import { assessBatch, compareEntries, sortTradesByExit } from './assessBatch.ts';
import { buildMarketIndex, mergeBarSeries, tradeDay } from './marketIndex.ts';

function bars(date: string, from: number, count: number, price: number): Bar[] {
  return Array.from({ length: count }, (_, index) => {
    const p = price + index * 0.01;
    return { time: etMinuteToMs(date, from + index), open: p, high: p + 0.05, low: p - 0.05, close: p, volume: 1000, extended: false };
  });
}

const trade = (input: Partial<TradeRecordInput> & Pick<TradeRecordInput, 'id'>) =>
  tradeRecordSchema.parse({
    symbol: 'SPY',
    expiry: '2025-07-08',
    right: 'C',
    strike: 600,
    side: 'long',
    qty: 1,
    entry_time: '2025-07-08T10:00:00-04:00',
    exit_time: '2025-07-08T10:10:00-04:00',
    entry_price: 1,
    exit_price: 1.2,
    ...input,
  });

describe('assessBatch', () => {
  const spy: BarSeries = { symbol: 'SPY', bars: [...bars('2025-07-08', 9 * 60 + 30, 390, 600), ...bars('2025-07-09', 9 * 60 + 30, 390, 610)] };
  const qqq: BarSeries = { symbol: 'qqq', bars: bars('2025-07-08', 9 * 60 + 30, 390, 500) };
  const contexts: DayContext[] = [
    { date: '2025-07-08', symbol: 'SPY', max_pain: 600, events: [], regime_tags: [] },
    { date: '2025-07-09', symbol: 'QQQ', max_pain: 505, events: [], regime_tags: [] },
  ];

  it('gives each trade the bars of its own underlying and the context of its underlying and New York day', () => {
    const entries = assessBatch({
      trades: [trade({ id: 'spy' }), trade({ id: 'qqq', symbol: 'QQQ', strike: 500 }), trade({ id: 'iwm', symbol: 'IWM', strike: 200 })],
      bars: [spy, qqq],
      contexts,
    });
    const byId = Object.fromEntries(entries.map((entry) => [entry.id, entry]));
    expect(byId['spy']?.levels.max_pain).toBe(600);
    expect(byId['spy']?.entry_regret).not.toBeNull();
    expect(byId['qqq']?.entry_regret).not.toBeNull();
    expect(byId['qqq']?.levels.max_pain).toBeNull();
    expect(byId['iwm']?.entry_regret).toBeNull();
    expect(byId['iwm']?.explanations.entry_regret).toMatch(/no 1-minute bars/);
  });

  it('passes no bars when the underlying has none on the trade day (a day gap is not a price)', () => {
    const [entry] = assessBatch({ trades: [trade({ id: 'x', entry_time: '2025-07-10T10:00:00-04:00', exit_time: '2025-07-10T10:05:00-04:00' })], bars: [spy], contexts });
    expect(entry?.entry_regret).toBeNull();
  });

  it('returns entries in exit order, then id, whatever the input order', () => {
    const trades = [
      trade({ id: 'b', exit_time: '2025-07-08T10:10:00-04:00' }),
      trade({ id: 'c', exit_time: '2025-07-08T10:05:00-04:00' }),
      trade({ id: 'a', exit_time: '2025-07-08T10:10:00-04:00' }),
      trade({ id: 'd', exit_time: '2025-07-08' }),
    ];
    expect(assessBatch({ trades, bars: [], contexts: [] }).map((entry) => entry.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(sortTradesByExit([...trades].reverse()).map((record) => record.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(compareEntries({ exit_time: '2025-07-08T10:00:00Z', id: 'z' }, { exit_time: '2025-07-08T10:00:00Z', id: 'y' })).toBeGreaterThan(0);
  });

  it('merges several series of one symbol into one sorted series, the later bar winning its minute', () => {
    const first = bars('2025-07-08', 600, 3, 600);
    const second = bars('2025-07-08', 601, 3, 700);
    const merged = mergeBarSeries([{ symbol: 'spy', bars: second }, { symbol: 'SPY', bars: first }]).get('SPY') ?? [];
    expect(merged.map((bar) => bar.time)).toEqual([...first.map((bar) => bar.time), second[2]?.time]);
    expect(merged[1]?.close).toBe(first[1]?.close);
    const index = buildMarketIndex({ bars: [spy], contexts });
    expect(index.barsFor('spy', '2025-07-09')).toBe(index.barsFor('SPY', '2025-07-08'));
    expect(index.barsFor('SPY', '2025-07-07')).toBeNull();
    expect(index.contextFor('qqq', '2025-07-09')?.max_pain).toBe(505);
  });

  it('reads the trade day in New York time from the timestamp offset', () => {
    expect(tradeDay('2025-07-09T02:30:00Z')).toBe('2025-07-08');
    expect(tradeDay('2025-07-08')).toBe('2025-07-08');
    expect(tradeDay('not a time')).toBeNull();
  });
});
