import { describe, expect, it } from 'vitest';
import { importDayContexts } from './dayContext.ts';

describe('day context JSON', () => {
  it('reads one object', () => {
    const text = '{"date":"2025-07-08","max_pain":620,"gex_flip":618.5,"call_wall":625,"put_wall":615,"atm_iv":0.14,"events":[{"time":"14:00","name":"FOMC minutes"}],"regime_tags":["trend"]}';
    const result = importDayContexts(text, 'ctx.json');
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      {
        date: '2025-07-08',
        symbol: 'SPY',
        max_pain: 620,
        gex_flip: 618.5,
        call_wall: 625,
        put_wall: 615,
        atm_iv: 0.14,
        events: [{ time: '14:00', name: 'FOMC minutes' }],
        regime_tags: ['trend'],
        source: 'context file ctx.json',
      },
    ]);
  });

  it('reads an array, reporting a bad element on the line it starts', () => {
    const text = ['[', '  {"date": "2025-07-08", "max_pain": 620},', '  {', '    "date": "07/09/2025",', '    "max_pain": -1', '  },', '  {"date": "2025-07-10", "source": "desk notes"}', ']'].join('\n');
    const result = importDayContexts(text, 'ctx.json');
    expect(result.records.map((record) => [record.date, record.source])).toEqual([
      ['2025-07-08', 'context file ctx.json'],
      ['2025-07-10', 'desk notes'],
    ]);
    expect(result.errors.map(({ line, field }) => [line, field])).toEqual([
      [3, 'date'],
      [3, 'max_pain'],
    ]);
  });

  it('reads JSONL, reports unreadable lines and a second context for the same day', () => {
    const text = '{"date":"2025-07-08","max_pain":620}\n{oops\n{"date":"2025-07-08","max_pain":621}\n{"date":"2025-07-08","symbol":"QQQ","max_pain":550}\n';
    const result = importDayContexts(text, 'ctx.jsonl');
    expect(result.records.map((record) => [record.symbol, record.max_pain])).toEqual([
      ['SPY', 620],
      ['QQQ', 550],
    ]);
    expect(result.errors.map(({ line, field }) => [line, field])).toEqual([
      [2, ''],
      [3, 'date'],
    ]);
    expect(result.errors[1]?.reason).toMatch(/already given at line 1/);
  });

  it('keeps unknown fields of a context', () => {
    const result = importDayContexts('{"date":"2025-07-08","desk":"notes"}', 'ctx.json');
    expect(result.records[0]?.desk).toBe('notes');
  });

  it('reports a broken element of an array on its line and keeps the others', () => {
    const result = importDayContexts('[\n {"date": "2025-07-08"},\n {"date": }\n]', 'ctx.json');
    expect(result.records.map((record) => record.date)).toEqual(['2025-07-08']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'ctx.json', line: 3, field: '' });
    expect(result.errors[0]?.reason).toMatch(/not valid JSON/);
  });
});
