import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { REAL_DATA_DIR, exampleFiles, jsonl } from './helpers.ts';

const real = (path: string) => ({ name: path, text: readFileSync(join(REAL_DATA_DIR, path), 'utf8') });

const trade = (id: string, entry: string, exit: string) => ({
  id,
  symbol: 'SPY',
  expiry: '2023-09-14',
  right: 'C',
  strike: 450,
  side: 'long',
  qty: 1,
  entry_time: entry,
  exit_time: exit,
  entry_price: 1,
  exit_price: 1.5,
});

describe('importBundle', () => {
  it('detects every kind of file without being told: native trades, bars, context, signals', () => {
    const bundle = importBundle(exampleFiles());
    expect(bundle.files.map((file) => [file.name, file.kind, file.format])).toEqual([
      ['trades.jsonl', 'trades', 'native-jsonl'],
      ['bars.csv', 'bars', 'bars-csv'],
      ['context.json', 'context', 'context-json'],
      ['signals.jsonl', 'signals', 'signals-jsonl'],
    ]);
    expect(bundle.errors).toEqual([]);
    expect(bundle.trades).toHaveLength(15);
    expect(bundle.bars[0]?.bars).toHaveLength(960);
    expect(bundle.contexts).toHaveLength(1);
  });

  it('attaches timeline signals to the trades by time', () => {
    const bundle = importBundle(exampleFiles());
    const exitSignals = bundle.trades.flatMap((record) => record.agents.filter((agent) => agent.phase === 'exit'));
    expect(bundle.signals.length).toBeGreaterThan(0);
    expect(exitSignals.length).toBeGreaterThan(0);
  });

  it('reads the real CBOE chain as a chain and real bar dumps as bars', () => {
    const bundle = importBundle([real('chains/spy-cboe-quotedata-20230914.csv'), real('bars/spy-1min-20250424-20250425-alpaca.csv'), real('bars/spy-1min-20250708-20250714-yfinance.csv')]);
    expect(bundle.files.map((file) => file.kind)).toEqual(['chain', 'bars', 'bars']);
    expect(bundle.contexts).toHaveLength(1);
    expect(bundle.contexts[0]).toMatchObject({ date: '2023-09-14', symbol: 'SPY' });
    expect(bundle.contexts[0]?.max_pain).toBeGreaterThan(0);
  });

  it('a chain gives the context of a day only when no context file covers that day', () => {
    const context = { name: 'ctx.json', text: JSON.stringify({ date: '2023-09-14', symbol: 'SPY', max_pain: 449 }) };
    const bundle = importBundle([real('chains/spy-cboe-quotedata-20230914.csv'), context]);
    expect(bundle.contexts).toHaveLength(1);
    expect(bundle.contexts[0]?.max_pain).toBe(449);
    expect(bundle.warnings.some((warning) => warning.includes('already has a context file'))).toBe(true);
  });

  it('reads broker exports (real tastytrade files) as trades through the broker importers', () => {
    const bundle = importBundle([real('brokers/tastytrade/options-mixed.csv')]);
    expect(bundle.files[0]).toMatchObject({ kind: 'trades', format: 'tastytrade' });
    expect(bundle.trades.length).toBeGreaterThan(0);
  });

  it('reports bad rows as file:line: field: reason and keeps the good rows; a trade id in two files is kept once', () => {
    const bundle = importBundle([
      { name: 'a.jsonl', text: jsonl([trade('A1', '2023-09-14T10:00:00-04:00', '2023-09-14T10:05:00-04:00')]) + '{oops\n' },
      { name: 'b.jsonl', text: jsonl([trade('A1', '2023-09-14T11:00:00-04:00', '2023-09-14T11:05:00-04:00'), { ...trade('B1', 'noon', 'later') }]) },
    ]);
    expect(bundle.trades.map((record) => record.id)).toEqual(['A1']);
    expect(bundle.trades[0]?.entry_time).toBe('2023-09-14T10:00:00-04:00');
    expect(bundle.errors.map((error) => [error.file, error.line, error.field])).toEqual([
      ['a.jsonl', 2, ''],
      ['b.jsonl', 2, 'entry_time'],
      ['b.jsonl', 2, 'exit_time'],
    ]);
    expect(bundle.files.map((file) => [file.name, file.records, file.rejected])).toEqual([
      ['a.jsonl', 1, 1],
      ['b.jsonl', 1, 1],
    ]);
    expect(bundle.warnings).toContain('b.jsonl: trade A1 is also in a.jsonl; kept the first');
  });

  it('an unknown broker format name is a row error for the file, not a crash', () => {
    const bundle = importBundle([real('brokers/tastytrade/options-mixed.csv')], { brokerFormat: 'merrill' });
    expect(bundle.trades).toEqual([]);
    expect(bundle.errors[0]).toMatchObject({ field: 'format' });
  });
});
