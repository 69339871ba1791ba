import { describe, expect, it } from 'vitest';
import { realizedPnl } from '../../domain/trade.ts';
import { etClock, parseTimestamp } from '../../market/calendar.ts';
import { importBrokerFile } from './index.ts';
import { parseTastytrade } from './tastytrade.ts';

const WITH_TOTAL = 'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency';
const WITHOUT_TOTAL = WITH_TOTAL.replace(',Total', '');

function row(date: string, action: string, qty: number, average: string, commissions: string, total = true): string {
  const sub = action.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
  const tail = total ? ',0.00,USD' : ',USD';
  return `${date},Trade,${sub},${action},SPY   250310C00572000,Equity Option,x,${average},${qty},${average},${commissions},-0.14,100,SPY,SPY,3/10/25,572,CALL,1${tail}`;
}

describe('tastytrade transactions', () => {
  it('newest-first files do not flip sides', () => {
    const text = [
      WITH_TOTAL,
      row('2025-03-10T10:30:00-0400', 'SELL_TO_CLOSE', 1, '150.00', '0.00'),
      row('2025-03-10T10:00:00-0400', 'BUY_TO_OPEN', 1, '-100.00', '-1.00'),
    ].join('\n');
    const result = importBrokerFile(text, 't.csv');
    expect(result.unmatched).toEqual([]);
    expect(result.trades[0]).toMatchObject({ side: 'long', entry_price: 1, exit_price: 1.5, fees: 1.28 });
    // (1.50 − 1.00)·100 − 1.28 = 48.72
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(48.72);
  });

  it('reads files with and without the Total column', () => {
    const text = [WITHOUT_TOTAL, row('2025-03-10T10:00:00-0400', 'BUY_TO_OPEN', 1, '-100.00', '--', false)].join('\n');
    expect(parseTastytrade(text, 't.csv').fills[0]).toMatchObject({ price: 1, commissions: 0, fees: 0.14, order_id: '1' });
  });

  it('a trade bucketed to the wrong day by a time zone: a 15:59 ET fill stamped in Tokyo time stays on its ET day', () => {
    const parsed = parseTastytrade([WITH_TOTAL, row('2025-03-11T04:59:00+0900', 'BUY_TO_OPEN', 1, '-100.00', '-1.00')].join('\n'), 't.csv');
    const time = parsed.fills[0]?.time ?? '';
    expect(time).toBe('2025-03-10T15:59:00-04:00');
    expect(etClock(parseTimestamp(time)).date).toBe('2025-03-10');
  });

  it('a 15:59 ET fill stamped in UTC stays on its ET day', () => {
    const parsed = parseTastytrade([WITH_TOTAL, row('2025-03-10T19:59:00+0000', 'BUY_TO_OPEN', 1, '-100.00', '-1.00')].join('\n'), 't.csv');
    expect(parsed.fills[0]?.time).toBe('2025-03-10T15:59:00-04:00');
  });

  it('Receive Deliver expiration and assignment rows close positions; stock deliveries are skipped', () => {
    const text = [
      WITH_TOTAL,
      '2025-03-10T17:00:00-0400,Receive Deliver,Buy to Open,BUY_TO_OPEN,SPY,Equity,Buy to Open 100 SPY @ 568.00,"-56,800.00",100,-568.00,--,-5.00,,,,,,,,"-56,805.00",USD',
      '2025-03-10T17:00:00-0400,Receive Deliver,Assignment,,SPY   250310P00568000,Equity Option,Removal of option due to assignment,0.00,1,0.00,--,0.00,100,SPY,SPY,3/10/25,568,PUT,,0.00,USD',
      '2025-03-10T12:00:00-0400,Trade,Sell to Open,SELL_TO_OPEN,SPY   250310P00568000,Equity Option,Sold 1 SPY 03/10/25 Put 568.00 @ 1.10,110.00,1,110.00,-1.00,-0.14,100,SPY,SPY,3/10/25,568,PUT,4,108.86,USD',
    ].join('\n');
    const result = importBrokerFile(text, 't.csv');
    expect(result.trades[0]).toMatchObject({ side: 'short', close_reason: 'assigned', exit_price: 0 });
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(108.86);
    expect(result.warnings.join('\n')).toContain('not an equity option (Equity)');
  });

  it('skips futures options with a reason instead of failing', () => {
    const text = [
      WITH_TOTAL,
      '2025-10-24T14:34:23+0100,Trade,Sell to Close,SELL_TO_CLOSE,./MESZ5EXX5  251128P6300,Future Option,x,210.00,2,105.00,-1.50,-0.92,1,"./MESZ5EXX5  ",/MESZ5,11/28/25,6300,PUT,415968443,207.58,USD',
    ].join('\n');
    const parsed = parseTastytrade(text, 't.csv');
    expect(parsed.fills).toEqual([]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings[0]).toContain('Future Option');
  });

  it('the tastyworks 2021–22 layout without Sub Type: removals known from the Description', () => {
    const text = [
      'Date,Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Underlying Symbol,Expiration Date,Strike Price,Call or Put',
      '2022-09-23T16:00:00-0400,Receive Deliver,,SPY   220923P00365000,Equity Option,Removal of 2.0 SPY 09/23/22 Put 365.00 due to expiration.,0.00,2,0.00,0.00,0.00,100,SPY,9/23/22,365,PUT',
      '2022-09-23T10:40:00-0400,Trade,BUY_TO_OPEN,SPY   220923P00365000,Equity Option,Bought 2 SPY 09/23/22 Put 365.00 @ 0.40,-80.00,2,-40.00,-2.00,-0.28,100,SPY,9/23/22,365,PUT',
    ].join('\n');
    const result = importBrokerFile(text, 'tw2021.csv');
    expect(result.format).toBe('tastytrade');
    expect(result.errors).toEqual([]);
    // In 2 at 0.40, expired: −80 − 2.28 fees = −82.28.
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({ close_reason: 'expired', exit_price: 0, qty: 2 });
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(-82.28);
  });
});
