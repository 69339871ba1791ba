import { describe, expect, it } from 'vitest';
import { importNativeTrades } from './nativeTrades.ts';

const good = {
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
};

describe('native trade JSONL', () => {
  it('reads one trade a line, ignores blank lines, and keeps unknown fields', () => {
    const text = `${JSON.stringify({ ...good, my_setup: 'opening drive' })}\n\n   \n${JSON.stringify({ ...good, id: 'T2' })}\n`;
    const result = importNativeTrades(text, 'trades.jsonl');
    expect(result.errors).toEqual([]);
    expect(result.records.map((trade) => trade.id)).toEqual(['T1', 'T2']);
    expect(result.records[0]?.['my_setup']).toBe('opening drive');
    expect(result.records[1]?.close_reason).toBe('closed');
  });

  it('reports bad JSON as file:line with the whole row at fault, and the good rows go on', () => {
    const text = `{not json\n${JSON.stringify(good)}\n`;
    const result = importNativeTrades(text, 'day.jsonl');
    expect(result.records).toHaveLength(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'day.jsonl', line: 1, field: '' });
    expect(result.errors[0]?.reason).toMatch(/not valid JSON/);
  });

  it('reports each schema problem with the path of its field', () => {
    const bad = { ...good, strike: -5, agents: [{ name: 'a', phase: 'middle', polarity: 'bullish', score: 1 }] };
    const result = importNativeTrades(`${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`, 'f.jsonl');
    expect(result.records).toHaveLength(1);
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([
      [2, 'strike'],
      [2, 'agents.0.phase'],
    ]);
  });

  it('reports a duplicate id within one file and keeps the first', () => {
    const result = importNativeTrades(`${JSON.stringify(good)}\n${JSON.stringify({ ...good, qty: 2 })}\n`, 'f.jsonl');
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.qty).toBe(1);
    expect(result.errors).toEqual([{ file: 'f.jsonl', line: 2, field: 'id', reason: 'duplicate id T1 (first on line 1)' }]);
  });

  it('counts lines the same way with CRLF endings and a byte-order mark', () => {
    const text = `\ufeff${JSON.stringify(good)}\r\n{bad\r\n`;
    const result = importNativeTrades(text, 'f.jsonl');
    expect(result.records).toHaveLength(1);
    expect(result.errors[0]?.line).toBe(2);
  });

  it('rejects a line that is JSON but not an object', () => {
    expect(importNativeTrades('[1,2]\n', 'f.jsonl').errors[0]).toMatchObject({ line: 1, reason: 'expected a JSON object with one trade' });
  });
});
