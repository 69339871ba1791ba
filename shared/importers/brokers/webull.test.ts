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
});
