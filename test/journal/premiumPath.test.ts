import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../electron/journal/index.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { exampleFiles, removeTempDirs, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

/** Alpaca-style 1-minute bars of one option, every minute from 09:30 to 09:50 ET on the example day. */
function optionBarsCsv(symbol: string, from: number, to: number): string {
  const lines = ['timestamp,symbol,open,high,low,close,volume,trade_count,vwap'];
  for (let minute = 0; minute <= 20; minute += 1) {
    const close = Math.round((from + ((to - from) * minute) / 20) * 100) / 100;
    const utc = new Date(Date.UTC(2025, 5, 11, 13, 30 + minute));
    lines.push(`${utc.toISOString().slice(0, 19).replace('T', ' ')}+00:00,${symbol},${close},${close + 0.01},${close - 0.01},${close},10,2,${close}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the premium path through the journal store', () => {
  it('an imported option bars file is saved and used when the trade is staged: its exit regret reads the premium', async () => {
    const store = await openJournal(tempDir());
    // The example day's first trade: long the 600 call 09:38 → 09:42.
    const files = [...exampleFiles(), { name: 'option-SPY250611C00600000-1min.csv', text: optionBarsCsv('SPY250611C00600000', 0.7, 1.2) }];
    const staged = await store.stage(importBundle(files));
    const first = staged.entries.find((entry) => entry.id === 'SPY-20250611-01');
    expect(first?.trade).toMatchObject({ strike: 600, right: 'C' });
    expect(first?.explanations.exit_regret).toMatch(/^premium path \(the option's own 1-minute bars\)/);
    expect(first?.explanations.entry_regret).toMatch(/^premium path .*buy entry at premium 0\.79/);
    const other = staged.entries.find((entry) => !(entry.trade.strike === 600 && entry.trade.right === 'C'));
    expect(other?.explanations.exit_regret).toMatch(/^underlying points/);
    await store.close();
  });
});
