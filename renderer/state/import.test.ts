import { describe, expect, it } from 'vitest';
import { sampleBatch, sampleEntry } from '../../shared/ipc/samples.ts';
import { fakeExampleEntry } from '../api/fake.ts';
import { exampleDayStatus, guessKind, isExampleEntry, mergeSummary, rejectedRowCount } from './import.ts';

describe('import slice', () => {
  it('guesses each kind of file from its name and first lines', () => {
    expect(guessKind('day.jsonl', JSON.stringify(sampleEntry().trade))).toBe('trades');
    expect(guessKind('spy_1m.csv', 'timestamp,open,high,low,close,volume\n2025-03-10T09:30:00-04:00,1,2,0.5,1.5,10')).toBe('bars');
    expect(guessKind('2025-03-10.json', '{"date":"2025-03-10","max_pain":570}')).toBe('context');
    expect(guessKind('quotedata.csv', 'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike')).toBe('chain');
    expect(guessKind('mesh.jsonl', '{"time":"2025-03-10T10:00:00-04:00","agent":"flowbot","polarity":"bullish","score":0.8}')).toBe('signals');
    expect(guessKind('tastytrade.csv', 'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity')).toBe('trades');
    expect(guessKind('notes.txt', 'hello')).toBeNull();
  });

  it('merge by trade id: new = not staged before, updated = the rest of what was proposed', () => {
    const batch = sampleBatch([sampleEntry({ id: 'A' }), sampleEntry({ id: 'B' }), sampleEntry({ id: 'C' })]);
    const outcome = { batch, report: { files: [], errors: [], warnings: [], staged: 2, already_committed: 4 } };
    expect(mergeSummary(new Set(['A', 'B']), outcome)).toEqual({ added: 1, updated: 1, alreadyCommitted: 4 });
    expect(mergeSummary(new Set(), outcome)).toEqual({ added: 3, updated: 0, alreadyCommitted: 4 });
  });
});

describe('rejected rows', () => {
  it('counts a row that failed on several fields once', () => {
    expect(
      rejectedRowCount([
        { file: 'a.csv', line: 3 },
        { file: 'a.csv', line: 3 },
        { file: 'a.csv', line: 4 },
        { file: 'b.csv', line: 3 },
      ]),
    ).toBe(3);
  });

  it('the example day is recognised by its synthetic marker on its own day, staged before committed', () => {
    const example = fakeExampleEntry({ id: 'EX1' });
    expect(isExampleEntry(example, '2025-06-11')).toBe(true);
    expect(isExampleEntry(example, null)).toBe(false);
    expect(isExampleEntry(sampleEntry(), '2025-06-11')).toBe(false);
    const otherSynthetic = sampleEntry({ id: 'bench-1' });
    expect(isExampleEntry({ ...otherSynthetic, trade: { ...otherSynthetic.trade, synthetic: true } }, '2025-06-11')).toBe(false);
    expect(exampleDayStatus([], null, '2025-06-11')).toBe('available');
    expect(exampleDayStatus([], true, '2025-06-11')).toBe('committed');
    expect(exampleDayStatus([sampleEntry(), example], true, '2025-06-11')).toBe('staged');
  });
});
