import { describe, expect, it } from 'vitest';
import { detectKind } from './detectKind.ts';
import { importJournalCsv } from './journalExport.ts';

describe('file kind detection', () => {
  it('JSONL with entry_time is trades, with agent and time a signal timeline', () => {
    expect(detectKind('a.jsonl', '{"id":"1","entry_time":"2025-07-08T10:00:00-04:00"}\n')).toEqual({ kind: 'trades', format: 'native-jsonl' });
    expect(detectKind('s.jsonl', '\n{"time":"2025-07-08T10:00:00-04:00","agent":"a","polarity":"bullish","score":1}\n')).toEqual({ kind: 'signals', format: 'signals-jsonl' });
    expect(detectKind('noext', '{"entry_time":"x"}\n{"entry_time":"y"}\n').kind).toBe('trades');
  });

  it('JSON with day fields is a context; a QThink JSON export is trades', () => {
    expect(detectKind('day.json', '{"date":"2025-07-08","max_pain":600}')).toEqual({ kind: 'context', format: 'context-json' });
    expect(detectKind('day.json', '[{"date":"2025-07-08","gex_flip":600}]').kind).toBe('context');
    expect(detectKind('j.json', '{"format":"qthink-journal-export","version":1,"entries":[]}')).toEqual({ kind: 'trades', format: 'qthink-json' });
  });

  it('a CSV is a chain with Strike and calls/puts or open interest, bars with OHLC, QThink export with trade.id, else a broker export', () => {
    expect(detectKind('c.csv', 'x\ny\nExpiration Date,Calls,Last Sale,Strike,Puts\n').kind).toBe('chain');
    expect(detectKind('c.csv', 'strike,right,open_interest,iv\n600,C,10,0.2\n').kind).toBe('chain');
    expect(detectKind('b.csv', 'Datetime,Open,High,Low,Close,Volume\n2025-07-08 09:30:00-04:00,1,1,1,1,1\n').kind).toBe('bars');
    expect(detectKind('e.csv', 'id,timestamp,trade.id,trade.entry_time\n')).toEqual({ kind: 'trades', format: 'qthink-csv' });
    expect(detectKind('t.csv', 'Date,Type,Action,Symbol,Strike Price,Call or Put\n')).toEqual({ kind: 'trades', format: null });
  });

  it('the QThink CSV reader counts physical lines even when a cell holds a line break', () => {
    const text = 'id,note,trade.id,trade.entry_time,trade.strike\r\nA,"two\nlines",A,2025-07-08T10:00:00-04:00,x\r\n';
    const result = importJournalCsv(text, 'j.csv');
    expect(result.errors[0]).toMatchObject({ file: 'j.csv', line: 2, field: 'trade.strike', reason: 'not a number: x' });
    const later = importJournalCsv(`${text}B,"",B,2025-07-08T10:00:00-04:00,y\r\n`, 'j.csv');
    expect(later.errors.map((error) => error.line)).toEqual([2, 4]);
  });
});

describe('detectKind recognises every chain layout the chain importer reads', () => {
  it('a bracketed OptionsDX header in a .txt file is a chain, not JSON', () => {
    const text = '[QUOTE_DATE], [EXPIRE_DATE], [STRIKE], [C_IV], [C_GAMMA], [P_IV], [P_GAMMA], [UNDERLYING_LAST]\n 2025-07-08, 2025-07-08, 620.0, 0.15, 0.05, 0.16, 0.05, 620.3\n';
    expect(detectKind('spy_eod_202507.txt', text)).toEqual({ kind: 'chain', format: 'chain-csv' });
  });
  it('a Barchart options download is a chain', () => {
    const text = 'Strike,Moneyness,Bid,Mid,Ask,Last,Change,%Change,Volume,"Open Int","OI Chg",IV,Delta,Type,Time\n620.00,+0.05%,1.10,1.12,1.14,1.12,0.1,+9%,1000,2500,100,14.5%,0.49,Call,07/08/25\n';
    expect(detectKind('spy-options.csv', text).kind).toBe('chain');
  });
});
