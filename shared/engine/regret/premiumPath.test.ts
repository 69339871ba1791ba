/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { assessBatch } from '../assessBatch.ts';
import { importBundle } from '../../importers/importBundle.ts';
import { scoreRegrets } from './index.ts';
import { occSymbol, premiumPathRegrets } from './premiumPath.ts';
import { etMs, flatSession, makeInput, makeTrade, pathBars } from './testkit.ts';

const files = import.meta.glob<string>(
  ['../../../test/fixtures/real/bars/spy-1min-20250424-20250425-alpaca.csv', '../../../test/fixtures/real/bars/option-SPY250507C00551000-1min-alpaca.csv'],
  { query: '?raw', import: 'default', eager: true },
);

describe('entry and exit regret on the option\'s own premium path', () => {
  it('occSymbol: root, yymmdd, C/P and the strike × 1000 in eight digits, as the real option files are named', () => {
    expect(occSymbol({ symbol: 'spy', expiry: '2025-05-06', right: 'P', strike: 551 })).toBe('SPY250506P00551000');
    expect(occSymbol({ symbol: 'SPY', expiry: '2025-07-08', right: 'C', strike: 620.5 })).toBe('SPY250708C00620500');
  });

  it('with the option\'s bars every minute of the hold, the premium judges the entry and the exit, and the explanation says so', () => {
    // The underlying is flat; the premium dips to 1.20 at 10:02 then runs to 2.00 at 10:20 and back to 1.60.
    const underlying = flatSession('2025-07-08', 620);
    const premium = pathBars('2025-07-08', '09:50', [[0, 1.4], [12, 1.2], [30, 2.0], [40, 1.6], [70, 1.6]], 0.01);
    const trade = makeTrade({ entry_time: '2025-07-08T10:02:00-04:00', exit_time: '2025-07-08T10:30:00-04:00', entry_price: 1.2, exit_price: 1.6 });
    const result = scoreRegrets({ ...makeInput(trade, underlying), market: { bars: underlying, context: null, optionBars: premium } });
    expect(result.explanations.entry_regret).toMatch(/^premium path \(the option's own 1-minute bars\): buy entry at premium 1\.20/);
    expect(result.scores.entry_regret ?? 1).toBeLessThanOrEqual(0.05);
    expect(result.explanations.exit_regret).toMatch(/^premium path .*premium per share, measured in the trade's direction: MFE 0\.81/);
    expect(result.scores.exit_regret ?? 0).toBeGreaterThan(0.4);
    // On the flat underlying path the same exit would say nothing was given back.
    const onUnderlying = scoreRegrets(makeInput(trade, underlying));
    expect(onUnderlying.explanations.exit_regret).toMatch(/^underlying points/);
  });

  it('a seller\'s best entry is the window\'s highest premium', () => {
    const premium = pathBars('2025-07-08', '09:50', [[0, 1.4], [12, 1.2], [30, 2.0], [70, 2.0]], 0.01);
    const trade = makeTrade({ side: 'short', entry_time: '2025-07-08T10:02:00-04:00', exit_time: '2025-07-08T10:30:00-04:00', entry_price: 1.2, exit_price: 2.0 });
    const result = premiumPathRegrets(trade, premium, etMs('2025-07-08', '10:02'), etMs('2025-07-08', '10:30'));
    expect('entry' in result && result.entry.explanation).toMatch(/sale entry at premium 1\.20 is .* below the .* high/);
    expect('entry' in result ? (result.entry.score ?? 0) : 0).toBeGreaterThan(0.5);
  });

  it('where the option traded in fewer than half of the minutes held, the underlying path is used and the reason given (the real alpaca option bars)', () => {
    const bundle = importBundle(Object.entries(files).map(([path, text]) => ({ name: path.split('/').pop() ?? path, text })));
    expect(bundle.bars.map((series) => series.symbol).sort()).toEqual(['SPY', 'SPY250507C00551000']);
    const [entry] = assessBatch({
      trades: [makeTrade({ id: 'real', expiry: '2025-05-07', right: 'C', strike: 551, entry_time: '2025-04-25T10:00:00-04:00', exit_time: '2025-04-25T11:00:00-04:00', entry_price: 3.5, exit_price: 3.8 })],
      bars: bundle.bars,
      contexts: [],
    });
    expect(entry?.explanations.exit_regret).toMatch(/^underlying points.*; underlying path: SPY250507C00551000 traded in \d+ of the 61 minutes held \(the premium path needs 50 % and 3 bars\)$/);
    expect(entry?.exit_regret).not.toBeNull();
  });

  it('without any bars of the option nothing changes: the underlying path, with no note', () => {
    const underlying = flatSession('2025-07-08', 620);
    const result = scoreRegrets(makeInput(makeTrade({}), underlying));
    expect(result.explanations.exit_regret).not.toMatch(/premium path|underlying path:/);
  });
});
