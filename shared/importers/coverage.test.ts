import { describe, expect, it } from 'vitest';
import { tradeRecordSchema, type TradeRecord } from '../domain/trade.ts';
import { COVERAGE_SYMBOLS_NAMED, coverageSummary, marketCoverage } from './coverage.ts';

const trade = (id: string, symbol: string, entry: string): TradeRecord =>
  tradeRecordSchema.parse({ id, symbol, expiry: entry.slice(0, 10), right: 'C', strike: 100, side: 'long', qty: 1, entry_time: entry, exit_time: entry, entry_price: 1, exit_price: 1 });

describe('market-data coverage of an import', () => {
  const trades = [
    trade('a', 'SPY', '2025-06-11T10:00:00-04:00'),
    trade('b', 'SPY', '2025-06-11T11:00:00-04:00'),
    trade('c', 'spy', '2025-06-12T10:00:00-04:00'),
    trade('d', 'QQQ', '2025-06-11T10:00:00-04:00'),
    trade('e', 'AAPL', '2025-06-12'),
  ];
  const available = {
    bars: (symbol: string, day: string) => (symbol === 'SPY' && day === '2025-06-11') || symbol === 'QQQ',
    context: (symbol: string, day: string) => symbol === 'SPY' && day === '2025-06-11',
  };

  it('counts per underlying and entry day the trades with bars and with a chain or context; bars of any symbol apply to its own trades', () => {
    expect(marketCoverage(trades, available)).toEqual([
      { symbol: 'QQQ', day: '2025-06-11', trades: 1, with_bars: 1, with_context: 0, no_time: 0 },
      { symbol: 'SPY', day: '2025-06-11', trades: 2, with_bars: 2, with_context: 2, no_time: 0 },
      { symbol: 'AAPL', day: '2025-06-12', trades: 1, with_bars: 0, with_context: 0, no_time: 1 },
      { symbol: 'SPY', day: '2025-06-12', trades: 1, with_bars: 0, with_context: 0, no_time: 0 },
    ]);
  });

  it('says what to import for the rest, per underlying, and that a dates-only trade needs no bars to be as scored as it can be', () => {
    const lines = coverageSummary(marketCoverage(trades, available));
    expect(lines[0]).toBe('Market data covers 3 of 5 trades with 1-minute bars and 2 with an option chain or day context; 1 come from a dates-only export (no time of day: time-dependent scores stay null)');
    expect(lines).toContain('SPY (1 trade): import its 1-minute bars for 2025-06-12 (entry, exit, timing, trap and decay regrets) and an option chain or day context for 2025-06-12 (max pain, pin regret)');
    expect(lines).toContain('AAPL (1 trade): import an option chain or day context for 2025-06-12 (max pain, pin regret)');
    expect(lines).toContain('QQQ (1 trade): import an option chain or day context for 2025-06-11 (max pain, pin regret)');
  });

  it(`names at most ${COVERAGE_SYMBOLS_NAMED} underlyings, most trades first, and counts the rest`, () => {
    const many = Array.from({ length: 12 }, (_, index) => trade(`t${index}`, `S${String(index).padStart(2, '0')}`, '2025-06-11T10:00:00-04:00'));
    const lines = coverageSummary(marketCoverage([...many, trade('x', 'S11', '2025-06-12T10:00:00-04:00')], { bars: () => false, context: () => false }));
    expect(lines[1]).toMatch(/^S11 \(2 trades\): import its 1-minute bars for 2 days, 2025-06-11 to 2025-06-12/);
    expect(lines).toHaveLength(1 + COVERAGE_SYMBOLS_NAMED + 1);
    expect(lines[lines.length - 1]).toBe('…and 4 more underlyings without full market data');
    expect(coverageSummary([])).toEqual([]);
  });
});
