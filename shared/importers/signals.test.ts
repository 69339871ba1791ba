import { describe, expect, it } from 'vitest';
import { importSignals } from './signals.ts';

describe('signal timeline JSONL', () => {
  it('reads time, agent, polarity, score and optional weight, one object a line', () => {
    const text = [
      '{"time":"2025-07-08T10:00:00-04:00","agent":"flow","polarity":"bullish","score":0.8,"weight":1.2}',
      '',
      '{"time":"2025-07-08 14:01:00Z","agent":"breadth","polarity":"bearish","score":-0.4}',
    ].join('\r\n');
    const result = importSignals(text, 'signals.jsonl');
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      { time: '2025-07-08T10:00:00-04:00', agent: 'flow', polarity: 'bullish', score: 0.8, weight: 1.2 },
      { time: '2025-07-08 14:01:00Z', agent: 'breadth', polarity: 'bearish', score: -0.4 },
    ]);
  });

  it('reports invalid lines with their line numbers and keeps the good ones', () => {
    const text = [
      '{"time":"2025-07-08T10:00:00-04:00","agent":"flow","polarity":"bullish","score":0.8}',
      '{"time":"2025-07-08T10:00:00","agent":"flow","polarity":"bullish","score":0.8}',
      'not json',
      '',
      '{"time":"2025-07-08T10:05:00-04:00","agent":"flow","polarity":"sideways","score":0.8}',
      '{"time":"2025-07-08T10:06:00-04:00","agent":"","polarity":"bullish","score":"high"}',
      '{"time":"2025-07-08T10:07:00-04:00","agent":"gamma","polarity":"bearish","score":0.1}',
    ].join('\n');
    const result = importSignals(text, 'signals.jsonl');
    expect(result.records.map((record) => record.agent)).toEqual(['flow', 'gamma']);
    expect(result.errors.map(({ line, field }) => [line, field])).toEqual([
      [2, 'time'],
      [3, ''],
      [5, 'polarity'],
      [6, 'agent'],
      [6, 'score'],
    ]);
    expect(result.errors.every((error) => error.file === 'signals.jsonl')).toBe(true);
    expect(result.errors[1]?.reason).toMatch(/not valid JSON/);
  });
});
