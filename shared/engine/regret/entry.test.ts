import { describe, expect, it } from 'vitest';
import { buildRegretContext } from './context.ts';
import { ENTRY_WINDOW_MIN, scoreEntryRegret } from './entry.ts';
import { makeInput, makeTrade, pathBars } from './testkit.ts';

// Minutes after 09:30 on 2025-07-08: a V with its low at 10:05 (minute 35), flat elsewhere.
const vBars = pathBars('2025-07-08', '09:30', [[0, 621], [30, 621], [35, 620], [40, 621], [389, 621]], 0);
const at = (clock: string) => `2025-07-08T${clock}:00-04:00`;
const entryRegret = (overrides: Parameters<typeof makeTrade>[0], bars = vBars) =>
  scoreEntryRegret(buildRegretContext(makeInput(makeTrade(overrides), bars)));

describe('entry_regret', () => {
  it('entry_regret: entering at the best price in the window scores near 0 and at the worst near 1', () => {
    expect(entryRegret({ right: 'C', entry_time: at('10:05') }).score).toBe(0);
    expect(entryRegret({ right: 'C', entry_time: at('10:00') }).score).toBe(1);
    expect(entryRegret({ right: 'P', entry_time: at('10:05') }).score).toBe(1);
    expect(entryRegret({ right: 'P', entry_time: at('10:00') }).score).toBe(0);
    // short put is bullish: oriented like a long call
    expect(entryRegret({ right: 'P', side: 'short', entry_time: at('10:05') }).score).toBe(0);
  });

  it('entry_regret: the explanation quotes the entry, the window extreme and the range', () => {
    const result = entryRegret({ right: 'C', entry_time: at('10:02'), underlying_entry: 620.6 });
    expect(result.score).toBe(0.6);
    expect(result.explanation).toBe('bullish entry at underlying 620.60 is 0.60 above the 09:57–10:07 ET (±5 min) window low 620.00, of a 1.00 range (high 621.00): 0.60 / 1.00 → 0.60');
  });

  it(`entry_regret: the window is ENTRY_WINDOW_MIN = ${ENTRY_WINDOW_MIN} minutes either side of the entry`, () => {
    expect(ENTRY_WINDOW_MIN).toBe(5);
    // a one-minute dip: the 10:06 bar opens at the 620 low; it is 5 minutes before 10:11 and 6 before 10:12
    const dip = pathBars('2025-07-08', '09:30', [[0, 621], [34, 621], [35, 620], [36, 621], [389, 621]], 0);
    expect(entryRegret({ right: 'C', entry_time: at('10:11') }, dip).score).toBe(1);
    expect(entryRegret({ right: 'C', entry_time: at('10:12') }, dip).explanation).toContain('flat');
    expect(entryRegret({ right: 'C', entry_time: at('10:00') }, dip).score).toBe(1);
    expect(entryRegret({ right: 'C', entry_time: at('09:59') }, dip).explanation).toContain('flat');
  });

  it('entry_regret: a flat window scores 0 and says so', () => {
    const result = entryRegret({ entry_time: at('13:00') });
    expect(result.score).toBe(0);
    expect(result.explanation).toContain('flat');
  });

  it('entry_regret: null with the reason when bars, the time of day or the price are missing', () => {
    expect(entryRegret({}, []).explanation).toBe('no 1-minute bars for SPY on 2025-07-08');
    expect(entryRegret({ entry_time: '2025-07-08' })).toEqual({ score: null, explanation: 'the export gives no time of day (entry_time is 2025-07-08)' });
    const gappy = vBars.filter((bar, index) => index < 20 || index > 50);
    expect(entryRegret({ entry_time: at('10:05'), underlying_entry: 620 }, gappy)).toEqual({ score: null, explanation: 'no regular-hours bars within 5 min of the entry' });
    expect(entryRegret({ entry_time: at('10:05') }, gappy).explanation).toMatch(/^no underlying price at entry/);
  });
});
