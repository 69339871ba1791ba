/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { REGRET_DIMENSIONS } from '../../domain/journal.ts';
import { isRegularHours } from '../../market/calendar.ts';
import { regularSessionBars, sessionLevels } from '../../market/sessionLevels.ts';
import { scoreRegrets } from './index.ts';
import { makeContext, makeInput, makeTrade, parseYahooBars } from './testkit.ts';

// Real SPY 1-minute bars (yfinance, 2025-07-08 … 07-14, 04:00–19:59 ET, bad prints in pre/post rows), read as published.
const files = import.meta.glob<string>('../../../test/fixtures/real/bars/spy-1min-20250708-20250714-yfinance.csv', { query: '?raw', import: 'default', eager: true });
const allBars = parseYahooBars(Object.values(files)[0] ?? '');
const regularOnly = allBars.filter((bar) => isRegularHours(bar.time));

// A hand-written SPY 0DTE trade: long the 621 put at 10:00, out at 10:30 (SPY fell from 620.82 to 620.29).
const putTrade = makeTrade({
  id: 'spy-0dte-put',
  symbol: 'SPY',
  expiry: '2025-07-08',
  right: 'P',
  strike: 621,
  side: 'long',
  qty: 2,
  entry_time: '2025-07-08T10:00:00-04:00',
  exit_time: '2025-07-08T10:30:00-04:00',
  entry_price: 0.8,
  exit_price: 1.05,
});
const dayContext = makeContext({ max_pain: 620 });

describe('regret scores on real SPY bars', () => {
  it('scores a hand-written SPY 0DTE trade on 2025-07-08 on every dimension, from the real bars', () => {
    const assessment = scoreRegrets(makeInput(putTrade, allBars, dayContext, 0.75));
    for (const dimension of REGRET_DIMENSIONS) {
      const score = assessment.scores[dimension];
      expect(score, `${dimension}: ${assessment.explanations[dimension]}`).not.toBeNull();
      expect(score ?? -1).toBeGreaterThanOrEqual(0);
      expect(score ?? 2).toBeLessThanOrEqual(1);
    }
    expect(assessment.features.underlyingAtEntry ?? 0).toBeCloseTo(620.82, 2); // the 10:00 bar's close
    expect(assessment.features.underlyingAtExit ?? 0).toBeCloseTo(620.29, 2);
    expect(assessment.levels.implied_vol_source).toBe('premium');
    expect(assessment.explanations.decay_regret).toContain('implied from the 0.80 premium');
    expect(assessment.explanations.entry_regret).toBe('bearish entry at underlying 620.82 is 0.59 below the 09:55–10:05 ET (±5 min) window high 621.41, of a 1.35 range (low 620.06): 0.59 / 1.35 → 0.44');
    // the worked example of docs/engine.md, score by score
    expect(assessment.scores).toEqual({ entry_regret: 0.44, exit_regret: 0.44, timing_regret: 0.25, decay_regret: 0.11, pin_regret: 0.25, trap_entry_regret: 0, late_exit_regret: 0.36 });
    expect(assessment.explanations.exit_regret).toContain('MFE 1.18, MAE 0.11, captured 0.53 (efficiency 0.45 = 0.53 / 1.18)');
    expect(assessment.explanations.decay_regret).toContain('bought 0.62 of time value per share');
    expect(assessment.explanations.decay_regret).toContain('it halves in 4.1 h');
    expect(assessment.levels.implied_vol ?? 0).toBeCloseTo(0.109, 3);
  });

  it('pre- and post-market rows do not change the session high/low, nor any score', () => {
    const full = sessionLevels(regularSessionBars(allBars, '2025-07-08'));
    expect(full?.high).toBeCloseTo(622.11, 2);
    expect(full?.low).toBeCloseTo(619.52, 2);
    expect(Math.min(...allBars.map((bar) => bar.low))).toBeLessThan(530); // the 08:33 bad print is in the file
    const trades = [
      putTrade,
      // near the open (the ±5 min window reaches into pre-market minutes) and into the close (the lookahead reaches post-market)
      makeTrade({ id: 'open', right: 'C', strike: 621, entry_time: '2025-07-08T09:31:00-04:00', exit_time: '2025-07-08T09:40:00-04:00', entry_price: 1.1, exit_price: 1.3 }),
      makeTrade({ id: 'close', right: 'C', strike: 620, entry_time: '2025-07-08T15:40:00-04:00', exit_time: '2025-07-08T15:58:00-04:00', entry_price: 0.6, exit_price: 0.2 }),
      // the next morning: the prior session's low must be 619.52, not the 579.85 post-market print
      makeTrade({ id: 'next', right: 'P', strike: 621, expiry: '2025-07-09', entry_time: '2025-07-09T09:35:00-04:00', exit_time: '2025-07-09T10:05:00-04:00', entry_price: 1.2, exit_price: 0.9 }),
    ];
    for (const trade of trades) {
      const withExtended = scoreRegrets(makeInput(trade, allBars, makeContext({ date: trade.entry_time.slice(0, 10), max_pain: 620 }), 0.5));
      const regular = scoreRegrets(makeInput(trade, regularOnly, makeContext({ date: trade.entry_time.slice(0, 10), max_pain: 620 }), 0.5));
      expect(withExtended, trade.id).toEqual(regular);
    }
  });
});
