import { describe, expect, it } from 'vitest';
import { importBrokerFile } from './index.ts';

/**
 * A row we recognise (it is in a trades table, it names an option) but cannot read is an error with the
 * file, the physical line, the column as the file names it and the reason, never a silent drop; a file in
 * a layout we cannot read at all says which layouts we read and what header it saw.
 */
function errorsOf(text: string, file = 'x.csv'): string[] {
  return importBrokerFile(text, file).errors.map((error) => `${error.file}:${error.line}: ${error.field}: ${error.reason}`);
}

describe('a file in a layout we do not read', () => {
  it('names the formats we read and the header it saw', () => {
    const result = importBrokerFile('\uFEFF\r\nRun Date,Account,Action,Symbol,Quantity,Price ($)\r\n01/02/2025,X,BOUGHT,SPY,1,1\r\n', 'fidelity.csv');
    expect(result.format).toBeNull();
    const reason = result.errors[0]?.reason ?? '';
    expect(reason).toContain("line 2: 'Run Date,Account,Action,Symbol,Quantity,Price ($)'");
    for (const name of ['thinkorswim', 'ibkr', 'tastytrade', 'schwab', 'webull', 'Filled Orders', 'Date/Time,Transaction Code']) expect(reason).toContain(name);
  });

  it('a forced --format whose header is missing says what it looked for and what it saw', () => {
    const result = importBrokerFile('Date,Amount\n1,2\n', 'odd.csv', { format: 'webull' });
    expect(result.errors[0]?.reason).toMatch(/no Webull orders header .*header seen at line 1: 'Date,Amount'/);
  });
});

describe('recognisable rows with an odd value are errors naming file, line and column', () => {
  it('thinkorswim', () => {
    const text = [
      'Account Statement for 1 (x) since 6/12/25 through 6/12/25',
      '',
      'Account Trade History',
      ',Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type',
      ',,,SELL,-1,TO OPEN,SPY,12 JUN 25,598,PUT,.70,DEBIT,',
      ',6/12/25 10:00:00,SINGLE,BUY,+x,TO OPEN,SPY,12 JUN 25,600,CALL,1.00,1.00,LMT',
      ',6/12/25 10:01:00,SINGLE,HOLD,+1,TO OPEN,SPY,12 JUN 25,600,CALL,1.00,1.00,LMT',
      ',6/12/25 10:02:00,SINGLE,BUY,+1,TO OPEN,SPY,32 JUN 25,600,CALL,1.00,1.00,LMT',
      ',6/31/25 10:03:00,SINGLE,BUY,+1,TO OPEN,SPY,12 JUN 25,600,CALL,1.00,1.00,LMT',
      '',
    ].join('\n');
    expect(errorsOf(text, 'tos.csv')).toEqual([
      'tos.csv:5: Exec Time: a leg row with no Exec Time and no order above it to take the time from',
      "tos.csv:6: Qty: unreadable quantity '+x'",
      "tos.csv:7: Side: unknown side 'HOLD'",
      "tos.csv:8: Exp: unrecognised option 'SPY 32 JUN 25 600 CALL'",
      "tos.csv:9: Exec Time: unreadable time '6/31/25 10:03:00'",
    ]);
  });

  it('Interactive Brokers Flex, with the column named as the file names it', () => {
    const text = [
      'ClientAccountID,AssetClass,Symbol,DateTime,Quantity,TradePrice,IBCommission,Buy/Sell,TradeID',
      'U1,OPT,SPY   250613C00600000,yesterday,1,1.00,-0.65,BUY,1',
      'U1,OPT,SPY   250613C00600000,20250613;100000,0,1.00,-0.65,BUY,2',
      'U1,OPT,SPY   250613C00600000,20250613;100000,1,n/a,-0.65,BUY,3',
      'U1,OPT,SPY   250613C00600000,20250613;100000,-1,1.00,0.65,SELL (Ca.),4',
      'U1,OPT,SPY JUN 600,20250613;100000,1,1.00,-0.65,BUY,5',
    ].join('\n');
    expect(errorsOf(text, 'flex.csv')).toEqual([
      "flex.csv:2: DateTime: unreadable date/time 'yesterday'",
      "flex.csv:3: Quantity: unreadable quantity '0'",
      "flex.csv:4: TradePrice: unreadable price 'n/a'",
      'flex.csv:5: Buy/Sell: cancels a trade that is not in this file (1 SPY 2025-06-13 600C @ 1); nothing imported for it',
      "flex.csv:6: Symbol: unrecognised option symbol 'SPY JUN 600' (and no UnderlyingSymbol, Expiry, Strike, Put/Call to build it from)",
    ]);
  });

  it('tastytrade, current and older layouts', () => {
    const current = [
      'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency',
      '2025-06-13T10:00:00-0400,Trade,Buy to Open,BUY_TO_HOLD,SPY   250613C00600000,Equity Option,x,-100.00,1,-100.00,-1.00,-0.14,100,SPY,SPY,6/13/25,600,CALL,1,USD',
    ].join('\n');
    expect(errorsOf(current, 't.csv')).toEqual(["t.csv:2: Action: unknown action 'BUY_TO_HOLD' for Trade Buy to Open"]);
    const legacy = [
      'Date/Time,Transaction Code,Transaction Subcode,Symbol,Buy/Sell,Open/Close,Quantity,Expiration Date,Strike,Call/Put,Price,Fees,Amount,Description,Account Reference',
      '06/17/2021 10:05 AM,Trade,Sell to Hold,SPY,,,1,06/18/2021,415,P,1.25,1.14,125.00,x,A',
      '06/17/2021 25:05 AM,Trade,Sell to Open,SPY,Sell,Open,1,06/18/2021,415,P,1.25,1.14,125.00,x,A',
      '06/17/2021 10:05 AM,Trade,Sell to Open,SPY,Sell,Open,1,06/18/2021,415,P,abc,1.14,125.00,x,A',
    ].join('\n');
    expect(errorsOf(legacy, 'tw.csv')).toEqual([
      "tw.csv:2: Transaction Subcode: unknown action 'Sell to Hold' (Buy/Sell '') for Trade",
      "tw.csv:3: Date/Time: unreadable time '06/17/2021 25:05 AM'",
      "tw.csv:4: Price: unreadable price 'abc'",
    ]);
  });

  it('Schwab', () => {
    const text = [
      '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"',
      '"06/13/2025","Buy to Open","QQQ 06/13/2025 530.00 C","CALL","","$1.05","$0.66","-$105.66"',
      '"06/13/2025","Buy to Open","QQQ 06/13/2025 530.00 C","CALL","1","$1.05","1.2.3","-$105.66"',
      '"13/06/2025","Buy to Open","QQQ 06/13/2025 530.00 C","CALL","1","$1.05","$0.66","-$105.66"',
    ].join('\n');
    expect(errorsOf(text, 's.csv')).toEqual([
      "s.csv:2: Quantity: unreadable quantity ''",
      "s.csv:3: Fees & Comm: unreadable fees '1.2.3'",
      "s.csv:4: Date: unreadable date '13/06/2025'",
    ]);
  });

  it('Webull', () => {
    const text = [
      'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time',
      'SPY251128P00675000,SPY251128P00675000,Buy,Filled,0,1,@0.40,,DAY,11/28/2025 10:00:04 EST,',
      'SPY251128P00675000,SPY251128P00675000,Buy,Filled,1,1,@0.40,0.40,DAY,11/28/2025 10:00:04 EST,11/28/2025 10:00:05 XYZ',
      'SPY251128P00675000,SPY251128P00675000,Hold,Filled,1,1,@0.40,0.40,DAY,11/28/2025 10:00:04 EST,11/28/2025 10:00:05 EST',
      'SPY251128P00675000,SPY251128P00675000,Buy,Filled,1,1,@0.40,,DAY,11/28/2025 10:00:04 EST,11/28/2025 10:00:05 EST',
      'Weird Option,SPY 251128 P 675,Buy,Filled,1,1,@0.40,0.40,DAY,11/28/2025 10:00:04 EST,11/28/2025 10:00:05 EST',
    ].join('\n');
    expect(errorsOf(text, 'w.csv')).toEqual([
      "w.csv:2: Filled: status Filled but no filled quantity ('0')",
      "w.csv:3: Filled Time: unreadable time '11/28/2025 10:00:05 XYZ'",
      "w.csv:4: Side: unknown side 'Hold'",
      "w.csv:5: Avg Price: unreadable price ''",
      "w.csv:6: Symbol: unrecognised option symbol 'SPY 251128 P 675'",
    ]);
  });
});

describe('broker times written with a zone', () => {
  it('Webull times in another US zone keep their own offset; a partly filled then cancelled order is read for what filled', () => {
    const text = [
      'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time',
      'SPY250613C00600000,SPY250613C00600000,Sell,Cancelled,2,3,@1.50,1.50,DAY,06/13/2025 09:59:00 CDT,06/13/2025 10:00:00 CDT',
      'SPY250613C00600000,SPY250613C00600000,Buy,Filled,2,2,@1.00,1.00,DAY,06/13/2025 08:40:00 CDT,06/13/2025 08:40:01 CDT',
    ].join('\n');
    const result = importBrokerFile(text, 'w.csv');
    expect(result.trades.map((trade) => [trade.entry_time, trade.exit_time, trade.qty])).toEqual([['2025-06-13T09:40:01-04:00', '2025-06-13T11:00:00-04:00', 2]]);
    expect(result.warnings.join('\n')).toContain('w.csv:2: order Cancelled after 2 contracts filled');
  });
});
