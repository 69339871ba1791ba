import { describe, expect, it } from 'vitest';
import { tradeRecordSchema } from '../../../shared/domain/trade.ts';
import { emptyManualForm, etTimestamp, todayInNewYork, validateManualTrade, type ManualTradeForm } from './manualTrade.ts';

const filled: ManualTradeForm = {
  ...emptyManualForm('2025-07-08'),
  strike: '620',
  entry_time: '10:15',
  exit_time: '10:42',
  entry_price: '1.25',
  exit_price: '1.85',
  fees: '1.30',
};

describe('manual trade form', () => {
  it('times typed as New York HH:MM get the offset of that day (daylight saving from the date, not this machine)', () => {
    expect(etTimestamp('2025-07-08', '10:15')).toBe('2025-07-08T10:15:00-04:00');
    expect(etTimestamp('2025-01-08', '10:15')).toBe('2025-01-08T10:15:00-05:00');
    expect(etTimestamp('2025-01-08', '25:00')).toBeNull();
    expect(todayInNewYork(Date.parse('2025-07-09T02:00:00Z'))).toBe('2025-07-08');
  });

  it('a valid form gives a native trade record the contract accepts', () => {
    const result = validateManualTrade(filled);
    expect(result.errors).toBeNull();
    expect(tradeRecordSchema.safeParse(result.trade).success).toBe(true);
    expect(result.trade).toMatchObject({ id: 'manual-2025-07-08-1015-SPY-620C', strike: 620, qty: 1, fees: 1.3 });
  });

  it('every wrong field gets its own message', () => {
    const result = validateManualTrade({ ...filled, strike: 'abc', qty: '0', exit_time: '10:00', entry_price: '', underlying_entry: '-3', expiry: '2025-07-07' });
    expect(result.trade).toBeNull();
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(['entry_price', 'exit_time', 'expiry', 'qty', 'strike', 'underlying_entry']);
    expect(result.errors?.exit_time).toBe('The exit is before the entry.');
  });
});
