import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../domain/journal.ts';
import { riskOf } from '../domain/trade.ts';
import { sampleEntry } from '../ipc/samples.ts';
import { equityCurve, performanceBy, performanceFigures, performanceOf } from './performance.ts';

const at = (id: string, pnl: number, day: string, clock = '10:15', extra: Partial<JournalEntry> = {}): JournalEntry => {
  const base = sampleEntry({ id, pnl });
  const time = `${day}T${clock}:00-04:00`;
  return { ...base, ...extra, entry_time: time, exit_time: time, trade: { ...base.trade, id, entry_time: time, exit_time: time, ...(extra.trade ?? {}) } };
};

describe('performance figures of a set of trades', () => {
  const trades = [at('a', 300, '2025-03-10'), at('b', -100, '2025-03-10'), at('c', 0, '2025-03-11'), at('d', -200, '2025-03-11'), at('e', 150, '2025-03-12')];

  it('win rate counts decided trades only: a scratch is in the count, in neither wins nor losses', () => {
    const figures = performanceFigures(trades);
    expect(figures).toMatchObject({ trades: 5, wins: 2, losses: 2, scratches: 1, win_rate: 0.5 });
  });

  it('expectancy is the net over all trades; profit factor gross wins over gross losses; averages and extremes per side', () => {
    expect(performanceFigures(trades)).toMatchObject({
      net_pnl: 150,
      expectancy: 30,
      gross_win: 450,
      gross_loss: -300,
      profit_factor: 1.5,
      avg_win: 225,
      avg_loss: -150,
      largest_win: 300,
      largest_loss: -200,
    });
  });

  it('no losses gives profit factor null (shown as ∞ with wins); no trades gives no rates at all', () => {
    expect(performanceFigures([at('a', 10, '2025-03-10')]).profit_factor).toBeNull();
    expect(performanceFigures([])).toMatchObject({ trades: 0, win_rate: null, expectancy: null, avg_r: null, max_drawdown: 0 });
  });

  it('the max drawdown is the deepest fall of the equity from its running high', () => {
    // Equity 300, 200, 200, 0, 150: the high 300, the low after it 0 → −300.
    expect(performanceFigures(trades).max_drawdown).toBe(-300);
  });

  it('R-multiples only where the trade records its risk, or a stop on the premium', () => {
    const risked = [
      at('r1', 200, '2025-03-10', '10:00', { trade: { ...sampleEntry().trade, risk: 100 } }),
      at('r2', -50, '2025-03-10', '10:30', { trade: { ...sampleEntry().trade, side: 'long', entry_price: 1.5, stop: 1, qty: 1, multiplier: 100 } }),
      at('r3', 80, '2025-03-10', '11:00'),
    ];
    expect(riskOf({ side: 'short', entry_price: 1, stop: 1.5, qty: 2, multiplier: 100 })).toBe(100);
    expect(riskOf({ side: 'long', entry_price: 1, stop: 1.5, qty: 2, multiplier: 100 })).toBeNull();
    // r1: 200/100 = 2R; r2: −50/50 = −1R; mean 0.5R over 2 trades.
    expect(performanceFigures(risked)).toMatchObject({ avg_r: 0.5, r_trades: 2 });
  });

  it('the equity curve is one point per trading day (New York exit day) with its drawdown', () => {
    expect(equityCurve(trades)).toEqual([
      { day: '2025-03-10', pnl: 200, equity: 200, drawdown: 0 },
      { day: '2025-03-11', pnl: -200, equity: 0, drawdown: -200 },
      { day: '2025-03-12', pnl: 150, equity: 150, drawdown: -50 },
    ]);
  });

  it('per weekday and hour of entry, in calendar order; a trade without a time of day has neither', () => {
    const withDateOnly = [...trades, { ...at('f', 5, '2025-03-13'), entry_time: '2025-03-13', exit_time: '2025-03-13' }];
    expect(performanceBy(withDateOnly, 'weekday').map((group) => [group.key, group.trades])).toEqual([
      ['Mon', 2],
      ['Tue', 2],
      ['Wed', 1],
    ]);
    expect(performanceBy([at('x', 1, '2025-03-10', '15:59'), at('y', 1, '2025-03-10', '09:31')], 'hour').map((group) => group.key)).toEqual(['09:00', '15:00']);
  });

  it('per setup and agent, most trades first; a trade counts once for each agent involved', () => {
    const agents = performanceOf([at('a', 10, '2025-03-10', '10:00', { agents_involved: ['flow', 'gamma'] }), at('b', -5, '2025-03-10', '11:00', { agents_involved: ['flow'] })]).by.agent;
    expect(agents.map((group) => [group.key, group.trades, group.net_pnl])).toEqual([
      ['flow', 2, 5],
      ['gamma', 1, 10],
    ]);
  });
});
