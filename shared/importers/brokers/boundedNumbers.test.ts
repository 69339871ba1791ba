import { describe, expect, it } from 'vitest';
import { importBrokerFile } from './index.ts';

/**
 * Every broker reader bounds the numbers it reads (shared/domain/bounds.ts): a quantity, price, fee or
 * multiplier outside its documented range, or one too long to be a finite number, is a row error naming
 * file, line and the column as the file names it; the other rows go on.
 */
function errorsOf(text: string, file: string): string[] {
  return importBrokerFile(text, file).errors.map((error) => `${error.file}:${error.line}: ${error.field}: ${error.reason}`);
}

/** 1 followed by 400 zeros: brokers' number format has no exponent, but this overflows to Infinity. */
const OVERFLOW = `1${'0'.repeat(400)}`;
const QTY_RANGE = 'a quantity must be more than 0 and at most 1000000 (contracts or shares)';
const PRICE_RANGE = 'an option price must be at least 0 and less than 1000000 (per share)';
const FEE_RANGE = 'a fee or commission must be at least -1000000 and at most 1000000 (dollars)';

describe('broker readers reject numbers outside their documented ranges', () => {
  it('Schwab: quantity, price and fees, with file:line and column', () => {
    const text = [
      '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"',
      '"06/13/2025","Buy to Open","SPY 06/13/2025 600.00 C","CALL","5000000","$1.05","$0.66","-$105.66"',
      `"06/13/2025","Buy to Open","SPY 06/13/2025 600.00 C","CALL","1","${OVERFLOW}","$0.66","-$105.66"`,
      '"06/13/2025","Buy to Open","SPY 06/13/2025 600.00 C","CALL","1","$1.05","$2,000,000.00","-$105.66"',
      '"06/13/2025","Buy to Open","SPY 06/13/2025 600.00 C","CALL","1","$1.05","$0.66","-$105.66"',
    ].join('\n');
    const result = importBrokerFile(text, 's.csv');
    expect(result.errors.map((error) => `${error.file}:${error.line}: ${error.field}: ${error.reason}`)).toEqual([
      `s.csv:2: Quantity: '5000000' is out of range: ${QTY_RANGE}`,
      `s.csv:3: Price: '${OVERFLOW}' is not a finite number`,
      `s.csv:4: Fees & Comm: '$2,000,000.00' is out of range: ${FEE_RANGE}`,
    ]);
    expect(result.fills).toHaveLength(1);
  });

  it('tastytrade: quantity, Average Price per share, multiplier and fees', () => {
    const header =
      'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency';
    const row = (quantity: string, average: string, multiplier: string, fees: string): string =>
      `2025-06-13T10:00:00-0400,Trade,Buy to Open,BUY_TO_OPEN,SPY   250613C00600000,Equity Option,x,-100.00,${quantity},${average},-1.00,${fees},${multiplier},SPY,SPY,6/13/25,600,CALL,1,USD`;
    const text = [header, row('2000000', '-100.00', '100', '-0.14'), row('1', '-200000000.00', '100', '-0.14'), row('1', '-100.00', '100000', '-0.14'), row('1', '-100.00', '100', `-${OVERFLOW}`)].join('\n');
    expect(errorsOf(text, 't.csv')).toEqual([
      `t.csv:2: Quantity: '2000000' is out of range: ${QTY_RANGE}`,
      `t.csv:3: Average Price: '-200000000.00' is out of range: ${PRICE_RANGE}`,
      "t.csv:4: Multiplier: '100000' is out of range: a multiplier must be more than 0 and at most 10000 (shares per contract)",
      `t.csv:5: Fees: '-${OVERFLOW}' is not a finite number`,
    ]);
  });

  it('older tastyworks: quantity, price and fees', () => {
    const text = [
      'Date/Time,Transaction Code,Transaction Subcode,Symbol,Buy/Sell,Open/Close,Quantity,Expiration Date,Strike,Call/Put,Price,Fees,Amount,Description,Account Reference',
      '06/17/2021 10:05 AM,Trade,Sell to Open,SPY,Sell,Open,1000001,06/18/2021,415,P,1.25,1.14,125.00,x,A',
      '06/17/2021 10:05 AM,Trade,Sell to Open,SPY,Sell,Open,1,06/18/2021,415,P,1000000,1.14,125.00,x,A',
      '06/17/2021 10:05 AM,Trade,Sell to Open,SPY,Sell,Open,1,06/18/2021,415,P,1.25,1000000.01,125.00,x,A',
    ].join('\n');
    expect(errorsOf(text, 'tw.csv')).toEqual([
      `tw.csv:2: Quantity: '1000001' is out of range: ${QTY_RANGE}`,
      `tw.csv:3: Price: '1000000' is out of range: ${PRICE_RANGE}`,
      `tw.csv:4: Fees: '1000000.01' is out of range: ${FEE_RANGE}`,
    ]);
  });

  it('Interactive Brokers: quantity, price, commission and multiplier, named as the file names them', () => {
    const text = [
      'ClientAccountID,AssetClass,Symbol,Multiplier,DateTime,Quantity,TradePrice,IBCommission,Buy/Sell,TradeID',
      'U1,OPT,SPY   250613C00600000,100,20250613;100000,-3000000,1.00,-0.65,SELL,1',
      `U1,OPT,SPY   250613C00600000,100,20250613;100000,1,${OVERFLOW},-0.65,BUY,2`,
      'U1,OPT,SPY   250613C00600000,100,20250613;100000,1,1.00,-65000000,BUY,3',
      'U1,OPT,SPY   250613C00600000,1000000,20250613;100000,1,1.00,-0.65,BUY,4',
    ].join('\n');
    expect(errorsOf(text, 'flex.csv')).toEqual([
      `flex.csv:2: Quantity: '-3000000' is out of range: ${QTY_RANGE}`,
      `flex.csv:3: TradePrice: '${OVERFLOW}' is not a finite number`,
      `flex.csv:4: IBCommission: '-65000000' is out of range: ${FEE_RANGE}`,
      "flex.csv:5: Multiplier: '1000000' is out of range: a multiplier must be more than 0 and at most 10000 (shares per contract)",
    ]);
  });

  it('thinkorswim: trade history quantity and price, Cash Balance fees', () => {
    const text = [
      'Account Statement for 1 (x) since 6/12/25 through 6/12/25',
      '',
      'Cash Balance',
      'DATE,TIME,TYPE,REF #,DESCRIPTION,Misc Fees,Commissions & Fees,AMOUNT,BALANCE',
      '6/12/25,10:00:01,TRD,1,BOT +1 SPY 100 (Weeklys) 12 JUN 25 600 CALL @1.00 CBOE,-0.02,-9999999,-100.67,"1,000.00"',
      '',
      'Account Trade History',
      ',Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type',
      ',6/12/25 10:00:00,SINGLE,BUY,+5000000,TO OPEN,SPY,12 JUN 25,600,CALL,1.00,1.00,LMT',
      `,6/12/25 10:01:00,SINGLE,BUY,+1,TO OPEN,SPY,12 JUN 25,600,CALL,${OVERFLOW},1.00,LMT`,
      '',
    ].join('\n');
    expect(errorsOf(text, 'tos.csv')).toEqual([
      `tos.csv:5: Commissions & Fees: '-9999999' is out of range: ${FEE_RANGE}`,
      `tos.csv:9: Qty: '+5000000' is out of range: ${QTY_RANGE}`,
      `tos.csv:10: Price: '${OVERFLOW}' is not a finite number`,
    ]);
  });

  it('Webull: filled quantity and average price', () => {
    const text = [
      'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time',
      'SPY251128P00675000,SPY251128P00675000,Buy,Filled,1500000,1500000,@0.40,0.40,DAY,11/28/2025 10:00:04 EST,11/28/2025 10:00:05 EST',
      'SPY251128P00675000,SPY251128P00675000,Buy,Filled,1,1,@0.40,2000000,DAY,11/28/2025 10:00:04 EST,11/28/2025 10:00:05 EST',
    ].join('\n');
    expect(errorsOf(text, 'w.csv')).toEqual([
      `w.csv:2: Filled: '1500000' is out of range: ${QTY_RANGE}`,
      `w.csv:3: Avg Price: '2000000' is out of range: ${PRICE_RANGE}`,
    ]);
  });

  it('a strike or expiry year that an option symbol gives is bounded too (every fill is checked)', () => {
    const text = [
      '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"',
      '"06/13/2025","Buy to Open","SPY 06/13/2025 2000000.00 C","CALL","1","$1.05","$0.66","-$105.66"',
      '"06/13/2025","Buy to Open","SPY 06/13/2150 600.00 C","CALL","1","$1.05","$0.66","-$105.66"',
      '"06/13/2025","Buy to Open","SPY 06/13/2025 600.00 C","CALL","1","$1.05","$0.66","-$105.66"',
    ].join('\n');
    expect(errorsOf(text, 's.csv')).toEqual([
      's.csv:2: strike: 2000000 is out of range: a strike must be more than 0 and less than 1000000',
      's.csv:3: expiry: "2150-06-13" is out of range: the year must be at least 1990 and at most 2100',
    ]);
  });

  it('the largest values of each range are still read', () => {
    const text = [
      '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"',
      '"06/13/2025","Buy to Open","SPY 06/13/2025 999999.00 C","CALL","1000000","$999,999.99","$1,000,000.00",""',
    ].join('\n');
    const result = importBrokerFile(text, 's.csv');
    expect(result.errors).toEqual([]);
    expect(result.fills.map((fill) => [fill.qty, fill.price, fill.commissions, fill.strike])).toEqual([[1e6, 999999.99, 1e6, 999999]]);
  });
});
