import { describe, expect, it } from 'vitest';
import { realizedPnl } from '../../domain/trade.ts';
import { parseIbkr } from './ibkr.ts';
import { importBrokerFile } from './index.ts';

const FLEX_HEADER = 'ClientAccountID,AssetClass,Symbol,UnderlyingSymbol,Multiplier,Strike,Expiry,Put/Call,TradeID,IBOrderID,Date/Time,Quantity,TradePrice,IBCommission,Buy/Sell,Open/CloseIndicator,Notes/Codes,LevelOfDetail';

function flexRow(id: string, time: string, qty: number, price: string, commission: string, level = 'EXECUTION', codes = ''): string {
  const side = qty > 0 ? 'BUY' : 'SELL';
  return `U1,OPT,SPY   250310C00572000,SPY,100,572,20250310,C,${id},77,${time},${qty},${price},${commission},${side},,${codes},${level}`;
}

describe('Interactive Brokers Flex Query trades', () => {
  it('times that differ by a second or two between order and execution rows do not create duplicate fills', () => {
    const text = [
      FLEX_HEADER,
      flexRow('', '20250310;101503', 3, '1.1133', '-1.95', 'ORDER'),
      flexRow('1', '20250310;101502', 1, '1.10', '-0.65'),
      flexRow('2', '20250310;101503', 2, '1.12', '-1.30'),
      flexRow('', '20250310;103001', -3, '1.40', '-1.95', 'ORDER'),
      flexRow('3', '20250310;103000', -3, '1.40', '-1.95'),
    ].join('\n');
    const result = importBrokerFile(text, 'flex.csv');
    expect(result.fills).toHaveLength(3);
    expect(result.trades).toHaveLength(1);
    // (1.40·3 − (1.10 + 2·1.12))·100 − 3.90 = 86 − 3.90 = 82.10
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(82.1);
  });

  it('reads order rows when the query has no executions', () => {
    const parsed = parseIbkr([FLEX_HEADER, flexRow('', '20250310;101503', 3, '1.1133', '-1.95', 'ORDER')].join('\n'), 'flex.csv');
    expect(parsed.fills).toHaveLength(1);
  });

  it('reads both Date/Time forms in America/New_York by default and in the tz override', () => {
    const rows = [FLEX_HEADER, flexRow('1', '20250310;101502', 1, '1', '0'), flexRow('2', '"2025-03-10, 10:15:02"', 1, '1', '0')].join('\n');
    expect(parseIbkr(rows, 'f.csv').fills.map((fill) => fill.time)).toEqual(['2025-03-10T10:15:02-04:00', '2025-03-10T10:15:02-04:00']);
    expect(parseIbkr(rows, 'f.csv', { tz: 'UTC' }).fills[0]?.time).toBe('2025-03-10T06:15:02-04:00');
  });

  it('a 15:59 ET fill from a UTC-stamped export lands on the right ET day', () => {
    const parsed = parseIbkr([FLEX_HEADER, flexRow('1', '20250310;195900', 1, '1', '0')].join('\n'), 'f.csv', { tz: 'UTC' });
    expect(parsed.fills[0]?.time).toBe('2025-03-10T15:59:00-04:00');
  });

  it('marks Ep, A and Ex codes as expiration, assignment and exercise at 0 premium', () => {
    const text = [
      FLEX_HEADER,
      flexRow('1', '20250310;110000', -1, '0.50', '-0.65', 'EXECUTION', 'O'),
      flexRow('2', '20250310;162000', 1, '0', '0', 'EXECUTION', 'C;Ep'),
    ].join('\n');
    const result = importBrokerFile(text, 'f.csv');
    expect(result.fills.map((fill) => fill.kind)).toEqual(['trade', 'expiration']);
    expect(result.trades[0]).toMatchObject({ side: 'short', close_reason: 'expired', exit_time: '2025-03-10T16:00:00-04:00' });
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(49.35);
  });

  it('reads Flex files wrapped in HEADER/DATA records', () => {
    const text = [
      'BOF,U1,Trades,1,20250310,20250310',
      `HEADER,TRNT,${FLEX_HEADER}`,
      `DATA,TRNT,${flexRow('1', '20250310;101502', 1, '1.10', '-0.65')}`,
      'EOF,U1',
    ].join('\n');
    expect(parseIbkr(text, 'f.csv').fills).toHaveLength(1);
  });
});

describe('Interactive Brokers Activity Statement', () => {
  const statement = [
    '\uFEFFStatement,Header,Field Name,Field Value',
    'Account Information,Data,Account,U7',
    'Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,C. Price,Proceeds,Comm/Fee,Basis,Realized P/L,MTM P/L,Code',
    'Trades,Data,Order,Equity and Index Options,USD,SPY 10MAR25 572 C,"2025-03-10, 09:45:10",2,1.25,1.3,-250,-1.0412,251.0412,0,10,O',
    'Trades,Data,Order,Equity and Index Options,USD,SPY 10MAR25 572 C,"2025-03-10, 15:59:00",-2,1.05,1,210,-1.0588,-251.0412,-42.1,10,C',
    'Trades,SubTotal,,Equity and Index Options,USD,SPY 10MAR25 572 C,,0,,,-40,-2.1,0,-42.1,20,',
    'Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,,Proceeds,Comm in USD,,,,MTM in USD,Code',
    'Trades,Data,Order,Forex,USD,GBP.USD,"2025-03-10, 05:39:25",-345,1.2089,,417.0705,-1.99,,,,2.277,',
  ].join('\n');

  it('reads the Trades section with its own headers, the account, and the ×100 multiplier', () => {
    const result = importBrokerFile(statement, 'activity.csv');
    expect(result.format).toBe('ibkr');
    expect(result.fills.map((fill) => [fill.account, fill.multiplier, fill.effect, fill.source.line])).toEqual([
      ['U7', 100, 'open', 4],
      ['U7', 100, 'close', 5],
    ]);
    // (1.05 − 1.25)·2·100 − 2.10 = −42.10
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(-42.1);
    expect(result.warnings.join('\n')).toContain('not an equity option (forex)');
  });
});

describe('Interactive Brokers Flex date settings and renamed columns', () => {
  it.each([
    ['20250310;101502', '20250310'],
    ['2025-03-10, 10:15:02', '2025-03-10'],
    ['03/10/2025 10:15:02', '03/10/2025'],
    ['10-Mar-25 101502', '10-Mar-25'],
    ['20250310101502', '20250310'],
    ['2025-03-10T10:15:02', '2025-03-10'],
  ])('reads Date/Time %s and Expiry %s', (dateTime, expiry) => {
    const text = [
      'ClientAccountID,AssetClass,UnderlyingSymbol,Symbol,Strike,Expiry,Put/Call,Date/Time,Quantity,TradePrice,IBCommission,Buy/Sell',
      `U1,OPT,SPY,SPY MAR25 572 C,572,${expiry},C,"${dateTime}",1,1.10,-0.65,BUY`,
    ].join('\n');
    const parsed = parseIbkr(text, 'f.csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.fills[0]).toMatchObject({ time: '2025-03-10T10:15:02-04:00', expiry: '2025-03-10', strike: 572, right: 'C' });
  });

  it('reads TradeDate with TradeTime, and camel-case field names as Flex XML habits write them', () => {
    const text = [
      'clientAccountID,assetCategory,symbol,tradeDate,tradeTime,quantity,tradePrice,ibCommission,buySell,openCloseIndicator,ibExecID',
      'U1,OPT,SPY   250310C00572000,20250310,101502,-2,1.10,-1.30,SELL,O,0001f4e8.67cf2b1d.01.01',
    ].join('\n');
    const result = importBrokerFile(text, 'f.csv');
    expect(result.format).toBe('ibkr');
    expect(result.fills[0]).toMatchObject({ time: '2025-03-10T10:15:02-04:00', side: 'sell', effect: 'open', qty: 2, commissions: 1.3, fill_id: '0001f4e8.67cf2b1d.01.01' });
  });
});
