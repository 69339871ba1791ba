import { describe, expect, it } from 'vitest';
import { realizedPnl } from '../../domain/trade.ts';
import { importBrokerFile } from './index.ts';

describe('Webull orders', () => {
  it('reads filled orders newest first, with the EDT/EST suffix as the offset', () => {
    const text = [
      'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time',
      'SPY250310P00570000,SPY250310P00570000,Sell,Filled,1,1,@1.20,1.20,DAY,03/10/2025 13:30:04 EDT,03/10/2025 13:30:05 EDT',
      'SPY250310P00570000,SPY250310P00570000,Sell,Cancelled,0,1,@1.50,,DAY,03/10/2025 13:10:00 EDT,',
      'SPY250310P00570000,SPY250310P00570000,Buy,Filled,1,1,@0.80,0.80,DAY,03/10/2025 13:00:00 EDT,03/10/2025 13:00:00 EDT',
    ].join('\n');
    const result = importBrokerFile(text, 'w.csv');
    expect(result.format).toBe('webull');
    expect(result.trades[0]).toMatchObject({ side: 'long', right: 'P', entry_time: '2025-03-10T13:00:00-04:00' });
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(40);
  });

  it("reads Webull's option names before late 2022: `SPY 09/23/2022 00:00:00 EDT Call $371.00`, in Symbol or in Name", () => {
    const text = [
      'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time',
      'SPY 09/23/2022 00:00:00 EDT Call $371.00,SPY,Sell,Filled,2,2,@1.35,1.35,DAY,09/23/2022 11:02:10 EDT,09/23/2022 11:02:11 EDT',
      'SPY,SPY 09/23/2022 00:00:00 EDT Call $371.00,Buy,Filled,2,2,@0.95,0.95,DAY,09/23/2022 10:40:00 EDT,09/23/2022 10:40:01 EDT',
    ].join('\n');
    const result = importBrokerFile(text, 'old.csv');
    expect(result.errors).toEqual([]);
    expect(result.trades).toHaveLength(1);
    // (1.35 − 0.95) · 2 · 100 = 80, no fees in an orders export.
    expect(result.trades[0]).toMatchObject({ symbol: 'SPY', expiry: '2022-09-23', right: 'C', strike: 371, qty: 2 });
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(80);
  });
});
