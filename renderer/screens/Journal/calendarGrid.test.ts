import { describe, expect, it } from 'vitest';
import { latestMonth, monthGrid, shiftMonth } from './calendarGrid.ts';

const day = (date: string, pnl: number, trades = 1) => ({ date, trades, wins: pnl > 0 ? 1 : 0, losses: pnl < 0 ? 1 : 0, pnl, mean_regret: 0.3 });

describe('journal calendar grid', () => {
  it('weeks run Monday to Sunday and cover the whole month', () => {
    const grid = monthGrid('2025-03', []);
    // 1 March 2025 is a Saturday: the first row starts on Monday 24 February.
    expect(grid.weeks[0]?.cells[0]?.date).toBe('2025-02-24');
    expect(grid.weeks[0]?.cells[5]).toMatchObject({ date: '2025-03-01', inMonth: true, weekend: true });
    expect(grid.weeks.at(-1)?.cells.at(-1)?.date).toBe('2025-04-06');
    expect(grid.title).toBe('March 2025');
  });

  it('month totals count only the month’s days while a week total counts its whole row', () => {
    const grid = monthGrid('2025-03', [day('2025-02-28', 50), day('2025-03-03', 100, 2), day('2025-03-04', -30)]);
    expect(grid).toMatchObject({ trades: 3, pnl: 70, tradingDays: 2, greenDays: 1, redDays: 1 });
    expect(grid.weeks[0]).toMatchObject({ trades: 1, pnl: 50 });
    expect(grid.weeks[1]).toMatchObject({ trades: 3, pnl: 70 });
  });

  it('months step across year ends', () => {
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2024-12', 1)).toBe('2025-01');
    expect(latestMonth([day('2025-03-10', 1), day('2025-04-01', 1)])).toBe('2025-04');
    expect(latestMonth([])).toBeNull();
  });
});
