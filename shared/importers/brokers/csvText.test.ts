import { describe, expect, it } from 'vitest';
import { findHeaderIndex, parseAmount, readCsvRows, tableRows } from './csvText.ts';

describe('broker CSV text as brokers hand it out', () => {
  it('strips the BOM, reads CRLF and keeps physical line numbers past preamble and multi-line cells', () => {
    const text = '\uFEFFReport for account 1\r\n\r\n"Date","Note"\r\n"03/10/2025","two\r\nlines"\r\n"03/11/2025","x"\r\n\r\n\r\n';
    const rows = readCsvRows(text);
    expect(rows[0]).toEqual({ line: 1, cells: ['Report for account 1'] });
    const header = findHeaderIndex(rows, ['date', ' NOTE ']);
    expect(rows[header]?.line).toBe(3);
    const data = tableRows(rows, header);
    expect(data.map((row) => [row.line, row.get('Date'), row.get('note')])).toEqual([
      [4, '03/10/2025', 'two\r\nlines'],
      [6, '03/11/2025', 'x'],
    ]);
  });

  it('ends a section at its blank line so several sections in one file stay apart', () => {
    const rows = readCsvRows('First\nA,B\n1,2\n,,\nSecond\nC,D\n3,4\n');
    expect(tableRows(rows, findHeaderIndex(rows, ['A', 'B'])).map((row) => row.get('B'))).toEqual(['2']);
    expect(tableRows(rows, findHeaderIndex(rows, ['C', 'D'])).map((row) => row.get('C'))).toEqual(['3']);
  });

  it('reads quoted money with $, thousands separators, (1.23) negatives and -- for zero', () => {
    expect(parseAmount('"$1,234.50"'.replace(/"/g, ''))).toBe(1234.5);
    expect(parseAmount('-$5,711.00')).toBe(-5711);
    expect(parseAmount('$-1.23')).toBe(-1.23);
    expect(parseAmount('($201.32)')).toBe(-201.32);
    expect(parseAmount('(1.23)')).toBe(-1.23);
    expect(parseAmount('--')).toBe(0);
    expect(parseAmount('+2')).toBe(2);
    expect(parseAmount('.90')).toBe(0.9);
    expect(parseAmount('$0.51 ')).toBe(0.51);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount(undefined)).toBeNull();
    expect(parseAmount('12abc')).toBeNaN();
    expect(parseAmount('1,23')).toBeNaN();
  });
});
