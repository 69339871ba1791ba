import { describe, expect, it } from 'vitest';
import { formatRowError } from '../domain/errors.ts';
import { importBars } from './bars.ts';
import { importChain } from './chain.ts';
import { importDayContexts } from './dayContext.ts';
import { importJournalCsv, importJournalJson } from './journalExport.ts';
import { importNativeTrades } from './nativeTrades.ts';
import { importSignals } from './signals.ts';

/**
 * Numbers are bounded at import (shared/domain/bounds.ts, docs/imports.md "Ranges of numbers"): NaN,
 * Infinity and absurd magnitudes are row errors with file, line, field and reason, and the other rows go on.
 */

const trade = {
  id: 'T1',
  symbol: 'SPY',
  expiry: '2025-07-08',
  right: 'C',
  strike: 620,
  side: 'long',
  qty: 1,
  entry_time: '2025-07-08T10:00:00-04:00',
  exit_time: '2025-07-08T10:20:00-04:00',
  entry_price: 1.2,
  exit_price: 1.6,
  fees: 1,
  agents: [{ name: 'flow', phase: 'entry', polarity: 'bullish', score: 0.7, weight: 1 }],
};

const lines = (...records: object[]): string => records.map((record) => JSON.stringify(record)).join('\n');
const shown = (errors: readonly Parameters<typeof formatRowError>[0][]): string[] => errors.map(formatRowError);

describe('native trades', () => {
  it('rejects a trade qty of 1e308 with file:line', () => {
    const result = importNativeTrades(lines({ ...trade, id: 'ok' }, { ...trade, qty: 1e308 }), 'trades.jsonl');
    expect(result.records.map((record) => record.id)).toEqual(['ok']);
    expect(shown(result.errors)).toEqual(['trades.jsonl:2: qty: 1e+308 is out of range: a quantity must be more than 0 and at most 1000000 (contracts or shares)']);
  });

  it('rejects each trade number outside its documented range, naming the field', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['strike', { strike: 1e6 }],
      ['entry_price', { entry_price: 1e6 }],
      ['exit_price', { exit_price: 5e300 }],
      ['fees', { fees: -2e6 }],
      ['pnl', { pnl: 1e13 }],
      ['entry_score', { entry_score: 1e4 }],
      ['exit_score', { exit_score: -1e4 }],
      ['underlying_entry', { underlying_entry: 1e7 }],
      ['underlying_exit', { underlying_exit: 1e300 }],
      ['multiplier', { multiplier: 1e5 }],
      ['agents.0.score', { agents: [{ ...trade.agents[0], score: 1e308 }] }],
      ['agents.0.weight', { agents: [{ ...trade.agents[0], weight: 1e4 }] }],
      ['expiry', { expiry: '2999-01-01' }],
      ['entry_time', { entry_time: '1989-12-31T10:00:00-05:00' }],
      ['exit_time', { exit_time: '2101-01-01T10:00:00Z' }],
    ];
    for (const [field, change] of cases) {
      const result = importNativeTrades(lines({ ...trade, ...change }), 'trades.jsonl');
      expect(result.records, field).toEqual([]);
      expect(result.errors.map((error) => [error.line, error.field]), field).toEqual([[1, field]]);
      expect(result.errors[0]?.reason, field).toMatch(/ is out of range: .+ must be /);
    }
  });

  it('accepts the edges of every range', () => {
    const edges = {
      ...trade,
      strike: 999999.99,
      qty: 1e6,
      entry_price: 0,
      exit_price: 999999.99,
      fees: -1e6,
      pnl: 1e12,
      entry_score: -1000,
      exit_score: 1000,
      multiplier: 1e4,
      expiry: '2100-12-31',
      entry_time: '1990-01-01T10:00:00Z',
      agents: [
        { ...trade.agents[0], score: -1, weight: 0 },
        { ...trade.agents[0], name: 'gamma', score: 1, weight: 1000 },
      ],
    };
    const result = importNativeTrades(lines(edges), 'trades.jsonl');
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(1);
  });

  it("rejects out-of-range numbers in QThink's CSV export with file:line and the trade.<field> column", () => {
    const header = 'trade.id,trade.symbol,trade.expiry,trade.right,trade.strike,trade.side,trade.qty,trade.entry_time,trade.exit_time,trade.entry_price,trade.exit_price,trade.fees';
    const row = (id: string, qty: string, fees: string): string => `${id},SPY,2025-07-08,C,620,long,${qty},2025-07-08T10:00:00-04:00,2025-07-08T10:20:00-04:00,1.2,1.6,${fees}`;
    const result = importJournalCsv([header, row('A', '1', '1'), row('B', '1e308', '1'), row('C', 'Infinity', '1'), row('D', '1', 'NaN'), row('E', '2', '1')].join('\n'), 'export.csv');
    expect(result.records.map((record) => record.id)).toEqual(['A', 'E']);
    expect(result.lines).toEqual([2, 6]);
    expect(shown(result.errors)).toEqual([
      'export.csv:3: trade.qty: 1e+308 is out of range: a quantity must be more than 0 and at most 1000000 (contracts or shares)',
      'export.csv:4: trade.qty: not a number: Infinity',
      'export.csv:5: trade.fees: not a number: NaN',
    ]);
  });

  it("rejects out-of-range numbers in QThink's JSON export by item", () => {
    const result = importJournalJson([{ trade }, { trade: { ...trade, id: 'T2', strike: 1e308 } }], 'export.json');
    expect(result.records.map((record) => record.id)).toEqual(['T1']);
    expect(shown(result.errors)).toEqual(['export.json:2: [1].strike: 1e+308 is out of range: a strike must be more than 0 and less than 1000000']);
  });
});

describe('signal timeline', () => {
  const signal = { time: '2025-07-08T10:00:00-04:00', agent: 'flow', polarity: 'bullish', score: 0.8, weight: 1 };

  it('rejects a signal score of 1e308 with file:line', () => {
    const result = importSignals(lines(signal, { ...signal, score: 1e308 }), 'signals.jsonl');
    expect(result.records).toHaveLength(1);
    expect(shown(result.errors)).toEqual(['signals.jsonl:2: score: 1e+308 is out of range: a signal score must be at least -1 and at most 1']);
  });

  it('rejects a score outside −1…1, a weight above 1000 and a time outside 1990–2100', () => {
    const result = importSignals(lines({ ...signal, score: -1.5 }, { ...signal, weight: 1e6 }, { ...signal, time: '2150-07-08T10:00:00-04:00' }, { ...signal, score: -1 }, { ...signal, score: 1 }), 's.jsonl');
    expect(result.records.map((record) => record.score)).toEqual([-1, 1]);
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([
      [1, 'score'],
      [2, 'weight'],
      [3, 'time'],
    ]);
  });
});

describe('day context', () => {
  it('rejects levels, IV and a day outside their ranges with the line the object starts on', () => {
    const text = ['[', '{"date":"2025-07-08","max_pain":620},', '{"date":"2025-07-09","gex_flip":1e308},', '{"date":"2025-07-10","atm_iv":60},', '{"date":"1900-07-11"}', ']'].join('\n');
    const result = importDayContexts(text, 'ctx.json');
    expect(result.records.map((context) => context.date)).toEqual(['2025-07-08']);
    expect(shown(result.errors)).toEqual([
      'ctx.json:3: gex_flip: 1e+308 is out of range: a price must be more than 0 and less than 1000000',
      'ctx.json:4: atm_iv: 60 is out of range: an implied volatility must be at least 0 and at most 50 (a decimal per year, 0.18 = 18 %)',
      'ctx.json:5: date: "1900-07-11" is out of range: the year must be at least 1990 and at most 2100',
    ]);
  });

  it('an event time with a year is bounded; an HH:MM event time is not a date', () => {
    const text = lines({ date: '2025-07-08', events: [{ time: '14:00', name: 'auction' }] }, { date: '2025-07-09', events: [{ time: '2300-07-09T14:00:00-04:00', name: 'x' }] });
    const result = importDayContexts(text, 'ctx.jsonl');
    expect(result.records).toHaveLength(1);
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([[2, 'events.0.time']]);
  });
});

describe('1-minute bars', () => {
  const header = 'timestamp,open,high,low,close,volume';
  const bar = (minute: string, price: string, volume: string): string => `2025-07-08T09:${minute}:00-04:00,${price},${price},${price},${price},${volume}`;

  it('rejects a bar price of 1e308 and a volume of 1e13 with file:line', () => {
    const text = [header, bar('30', '621.2', '1000'), bar('31', '1e308', '1000'), bar('32', '621.3', '1e13'), bar('33', '621.4', '9999999999999')].join('\n');
    const result = importBars(text, 'bars.csv');
    expect(result.series[0]?.bars).toHaveLength(2);
    expect(shown(result.errors)).toEqual([
      'bars.csv:3: open: price 1e308 is out of range: a price must be more than 0 and less than 1000000',
      'bars.csv:4: volume: volume 1e13 is out of range: a volume must be at least 0 and less than 1e13',
    ]);
  });

  it('rejects bar times outside 1990–2100, whether epoch or ISO', () => {
    const text = ['t,o,h,l,c,v', `1${'0'.repeat(300)},621,621,621,621,1`, '4133980800000,621,621,621,621,1', '1751981400000,621,621,621,621,1'].join('\n');
    const result = importBars(text, 'epoch.csv');
    expect(result.series[0]?.bars).toHaveLength(1);
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([
      [2, 't'],
      [3, 't'],
    ]);
    const iso = importBars([header, '2150-07-08T09:30:00-04:00,621,621,621,621,1'].join('\n'), 'iso.csv');
    expect(shown(iso.errors)).toEqual(['iso.csv:2: timestamp: "2150-07-08T09:30:00-04:00" is out of range: the year must be at least 1990 and at most 2100']);
  });
});

describe('option chain', () => {
  it('rejects a strike, open interest, IV and gamma outside their ranges, keeping the other contracts', () => {
    const text = [
      'Strike,Right,Open_Interest,IV,Gamma,Expiry',
      '620,C,100,0.18,0.05,2025-07-08',
      '1e308,C,100,0.18,0.05,2025-07-08',
      '621,C,1e12,0.18,0.05,2025-07-08',
      '622,C,100,0.18,1e308,2025-07-08',
      '623,C,100,60,0.05,2025-07-08',
      '624,C,100,0.18,0.05,2150-07-08',
      '625,C,100,0.17,0.05,2025-07-08',
    ].join('\n');
    const result = importChain(text, 'chain.csv', { date: '2025-07-08', spot: 621 });
    expect(result.snapshot?.rows.map((row) => row.strike)).toEqual([620, 625]);
    expect(shown(result.errors)).toEqual([
      'chain.csv:3: Strike: strike 1e+308 is out of range: a strike must be more than 0 and less than 1000000',
      'chain.csv:4: Open_Interest: open interest "1e12" is out of range: an open interest must be at least 0 and less than 1e10 (contracts)',
      'chain.csv:5: Gamma: gamma "1e308" is out of range: a gamma must be at least 0 and at most 10000',
      'chain.csv:6: IV: implied volatility "60" is out of range: an implied volatility must be at least 0 and at most 50 (a decimal per year, 0.18 = 18 %)',
      'chain.csv:7: Expiry: expiry 2150-07-08 is out of range: the year must be at least 1990 and at most 2100',
    ]);
  });

  it('reads IV of a percent file against 50 after dividing by 100', () => {
    const text = ['Strike,Right,Open_Interest,IV %,Expiry', '620,C,100,18,2025-07-08', '621,C,100,6000,2025-07-08'].join('\n');
    const result = importChain(text, 'chain.csv', { date: '2025-07-08' });
    expect(result.snapshot?.rows.map((row) => row.implied_volatility)).toEqual([0.18]);
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([[3, 'IV %']]);
  });

  it('rejects a snapshot day outside 1990–2100', () => {
    const result = importChain('Strike,Right,Open_Interest,IV\n620,C,100,0.18\n', 'chain.csv', { date: '2150-07-08' });
    expect(result.snapshot).toBeNull();
    expect(result.errors[0]?.reason).toMatch(/^the snapshot day 2150-07-08 is out of range: the year must be at least 1990 and at most 2100/);
  });

  it('a spot outside its range is reported and the chain is read without one', () => {
    const text = 'strike,right,open_interest,iv,spot,expiry\n620,C,100,0.18,1e308,2025-07-08\n';
    const result = importChain(text, 'chain.csv', { date: '2025-07-08' });
    expect(result.snapshot?.spot).toBeNull();
    expect(result.snapshot?.rows).toHaveLength(1);
    expect(shown(result.errors)).toEqual(['chain.csv:2: spot: spot 1e+308 is out of range: a price must be more than 0 and less than 1000000; the chain is read without a spot']);
  });
});
