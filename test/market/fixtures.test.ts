import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attachTimelineSignals } from '../../shared/engine/signalTimeline.ts';
import { tradeRecordSchema } from '../../shared/domain/trade.ts';
import { importBars } from '../../shared/importers/bars.ts';
import { importChain } from '../../shared/importers/chain.ts';
import { importDayContexts } from '../../shared/importers/dayContext.ts';
import { importSignals } from '../../shared/importers/signals.ts';
import { chainToDayContext } from '../../shared/market/chainContext.ts';

/** The project's own market-data fixtures (test/fixtures/market, see its README). */
const read = (name: string): string => readFileSync(new URL(`../fixtures/market/${name}`, import.meta.url), 'utf8');

describe('market fixtures written from each layout', () => {
  it('TradingView export of an early-close day: 13:00 ET and later are extended', () => {
    const result = importBars(read('bars-tradingview-20251128.csv'), 'bars-tradingview-20251128.csv');
    expect(result.errors).toEqual([]);
    expect(result.series[0]?.bars.map((bar) => bar.extended)).toEqual([false, false, false, false, false, true, true, true]);
    expect(result.sessions).toMatchObject([{ date: '2025-11-28', earlyClose: true, regularBars: 5, extendedBars: 3 }]);
  });

  it('Polygon aggregates of a whole session: the missing 09:32 and 12:00–12:02 minutes are gaps', () => {
    const result = importBars(read('bars-polygon-20250708.csv'), 'bars-polygon-20250708.csv');
    expect(result.errors).toEqual([]);
    expect(result.sessions).toMatchObject([{ date: '2025-07-08', regularBars: 386, extendedBars: 0 }]);
    expect(result.warnings.map((warning) => [warning.kind, warning.lines, warning.missingBars])).toEqual([
      ['gap', [3, 4], 1],
      ['gap', [150, 151], 3],
    ]);
  });

  it('IBKR bars: newest-first rows are sorted and the duplicate minute reported', () => {
    const result = importBars(read('bars-ibkr-20250708.csv'), 'bars-ibkr-20250708.csv');
    expect(result.errors).toEqual([]);
    const times = result.series[0]?.bars.map((bar) => bar.time) ?? [];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(4);
    expect(result.warnings.filter((warning) => warning.kind !== 'sparse').map((warning) => [warning.kind, warning.lines])).toEqual([
      ['unsorted', [3]],
      ['duplicate', [4, 5]],
    ]);
  });

  it('separate date and time columns: refused without --tz, read with it', () => {
    const text = read('bars-date-time-columns-20250708.csv');
    expect(importBars(text, 'dt.csv').errors[0]?.reason).toMatch(/--tz/);
    const withZone = importBars(text, 'dt.csv', { tz: 'America/New_York' });
    expect(withZone.errors).toEqual([]);
    expect(withZone.series[0]?.bars[0]?.time).toBe(Date.parse('2025-07-08T09:30:00-04:00'));
  });

  it('long chain layout → a 0DTE day context with Black–Scholes gamma', () => {
    const { snapshot, errors } = importChain(read('chain-long-20250708.csv'), 'chain-long-20250708.csv', { date: '2025-07-08', spot: 620.4 });
    expect(errors).toEqual([]);
    if (!snapshot) throw new Error('fixture chain did not import');
    const context = chainToDayContext(snapshot);
    // Max pain by hand at 620: calls 900·5 + 2100·2 = 8,700; puts 3100·2 + 700·5 = 9,700 → 18,400 (×100).
    // At 618: calls 900·3 = 2,700; puts 15500·2 + 3100·4 + 700·7 = 48,300 → 51,000. At 622: calls 900·7 +
    // 2100·4 + 14100·2 = 42,900; puts 700·3 = 2,100 → 45,000. 615 and 625 are further off. So 620.
    expect(context.max_pain).toBe(620);
    // Priced as of the 09:30 open, 6.5 hours before expiry, σ√T ≈ 0.14 · √(6.5 / 8760) ≈ 0.0038: gamma sits at
    // the money. The 625 calls (21,900 OI, 4.6 points out, d1 ≈ −1.9, n(d1) ≈ 0.06) carry less GEX than the
    // 620 calls (14,100 OI, n(d1) ≈ 0.39), so both walls are at 620, where the big call and put OI meet spot.
    expect(context.call_wall).toBe(620);
    expect(context.put_wall).toBe(620);
    expect(context.gex_flip).toBeGreaterThan(610);
    expect(context.gex_flip).toBeLessThan(625);
  });

  it('signal timeline: the line without an offset is reported; the others attribute by time', () => {
    const { records, errors } = importSignals(read('signals-20250708.jsonl'), 'signals-20250708.jsonl');
    expect(errors.map(({ line, field }) => [line, field])).toEqual([[5, 'time']]);
    const trade = tradeRecordSchema.parse({
      id: 'fixture',
      symbol: 'SPY',
      expiry: '2025-07-08',
      right: 'C',
      strike: 620,
      side: 'long',
      qty: 2,
      entry_time: '2025-07-08T10:02:00-04:00',
      exit_time: '2025-07-08T10:30:00-04:00',
      entry_price: 1.1,
      exit_price: 1.6,
    });
    const [attributed] = attachTimelineSignals([trade], records);
    expect(attributed?.agents.map((agent) => [agent.name, agent.phase, agent.score])).toEqual([
      ['gex_bot', 'entry', -0.35],
      ['flow_scanner', 'entry', 0.81],
      ['breadth', 'exit', -0.6],
    ]);
  });

  it('day context JSON array: both days', () => {
    const result = importDayContexts(read('day-context-20250708.json'), 'day-context-20250708.json');
    expect(result.errors).toEqual([]);
    expect(result.records.map((record) => [record.date, record.max_pain, record.events.length])).toEqual([
      ['2025-07-08', 620, 1],
      ['2025-07-09', 622, 1],
    ]);
  });
});
