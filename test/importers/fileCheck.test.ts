import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileProblem } from '../../shared/importers/fileCheck.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';

const REAL = readFileSync(new URL('../fixtures/real/brokers/tastytrade/options-mixed.csv', import.meta.url), 'utf8');
const PNG_AS_TEXT = new TextDecoder().decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));

/** The real export cut in the middle of its last row, as an interrupted download leaves it. */
function cutOff(text: string): { text: string; line: number } {
  const lines = text.replace(/\s+$/, '').split('\n');
  const last = lines[lines.length - 1] ?? '';
  return { text: [...lines.slice(0, -1), last.slice(0, Math.floor(last.length / 3))].join('\n'), line: lines.length };
}

describe('clear import errors for files that are not exports', () => {
  it('a file that is not text (a PNG dropped by mistake) is named as such, with what to do, and no row is read', () => {
    expect(fileProblem('shot.png', PNG_AS_TEXT)).toMatchObject({ kind: 'not_text', message: expect.stringMatching(/^shot\.png is not a text file \(it looks like a PNG image\)\. QThink reads text exports: CSV/) });
    const bundle = importBundle([{ name: 'shot.png', text: PNG_AS_TEXT }]);
    expect(bundle.errors).toEqual([]);
    expect(bundle.files).toEqual([expect.objectContaining({ name: 'shot.png', records: 0, rejected: 0, problem: expect.stringContaining('not a text file') })]);
    // The message quotes none of the file's bytes.
    expect(bundle.files[0]?.problem).not.toMatch(/[\u0000-\u0008\ufffd]/);
  });

  it('an empty file says it is empty and what to do', () => {
    for (const text of ['', '\ufeff', '\n\n  \r\n']) {
      expect(fileProblem('export.csv', text)).toEqual({ kind: 'empty', message: 'export.csv is empty: there is nothing to import. Export the file again, or pick the file the export saved' });
    }
    expect(importBundle([{ name: 'export.csv', text: '' }]).files[0]).toMatchObject({ records: 0, problem: expect.stringContaining('is empty') });
  });

  it('a real export cut off mid-row: the cut row is left out with its own message naming the line, the complete rows import', () => {
    const { text, line } = cutOff(REAL);
    const whole = importBundle([{ name: 'tasty.csv', text: REAL }]);
    const cut = importBundle([{ name: 'tasty.csv', text }]);
    const problem = fileProblem('tasty.csv', text);
    expect(problem).toMatchObject({ kind: 'cut_off', line });
    expect(problem?.message).toMatch(new RegExp(`^tasty\\.csv ends in the middle of a row: line ${line} has \\d+ of the \\d+ columns .*export the file again`));
    expect(cut.errors).toContainEqual({ file: 'tasty.csv', line, field: '', reason: problem?.message });
    expect(cut.errors.some((error) => /unreadable/.test(error.reason))).toBe(false);
    expect(cut.files[0]?.problem).toBe(problem?.message);
    // Every fill of the complete rows is still read (the cut row is the file's first, oldest fill or a later one).
    expect(cut.trades.length).toBeGreaterThan(0);
    expect(cut.trades.length).toBeLessThanOrEqual(whole.trades.length);
  });

  it('a complete last row without a final line break is not a cut-off file', () => {
    expect(fileProblem('tasty.csv', REAL.replace(/\s+$/, ''))).toBeNull();
    expect(fileProblem('trades.jsonl', '{"id":"a"}\n{"id":"b"}')).toBeNull();
  });

  it('JSON lines cut off inside the last object', () => {
    expect(fileProblem('trades.jsonl', '{"id":"a","qty":1}\n{"id":"b","qt')).toMatchObject({ kind: 'cut_off', line: 2, complete: '{"id":"a","qty":1}\n' });
  });
});
