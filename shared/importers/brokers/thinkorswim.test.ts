import { describe, expect, it } from 'vitest';
import { realizedPnl } from '../../domain/trade.ts';
import { importBrokerFile } from './index.ts';
import { parseThinkorswim } from './thinkorswim.ts';

const CASH_HEADER = 'DATE,TIME,TYPE,REF #,DESCRIPTION,Misc Fees,Commissions & Fees,AMOUNT,BALANCE';
const HISTORY_HEADER = ',Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type';

function statement(cash: string[], history: string[]): string {
  return [
    'Account Statement for 999 (t) since 3/10/25 through 3/10/25,,,,,,,,',
    ',,,,,,,,',
    'Cash Balance,,,,,,,,',
    CASH_HEADER,
    ...cash,
    ',,,,,,,,',
    'Account Trade History,,,,,,,,,,,,',
    HISTORY_HEADER,
    ...history,
    ',,,,,,,,,,,,',
  ].join('\r\n');
}

describe('thinkorswim Account Statement', () => {
  it('times that differ by a second or two between two sections of one statement make one fill, with the Cash Balance fees', () => {
    const text = statement(
      [
        '3/10/25,10:15:03,TRD,1,BOT +1 SPY 100 (Weeklys) 10 MAR 25 572 CALL @1.20,-0.02,-0.65,-120.67,"1,000.00"',
        '3/10/25,10:29:58,TRD,2,SOLD -1 SPY 100 (Weeklys) 10 MAR 25 572 CALL @1.60,-0.03,-0.65,159.32,"1,159.32"',
      ],
      [
        ',3/10/25 10:30:00,SINGLE,SELL,-1,TO CLOSE,SPY,10 MAR 25,572,CALL,1.60,1.60,LMT',
        ',3/10/25 10:15:02,SINGLE,BUY,+1,TO OPEN,SPY,10 MAR 25,572,CALL,1.20,1.20,LMT',
      ],
    );
    const result = importBrokerFile(text, 'tos.csv');
    expect(result.fills).toHaveLength(2);
    expect(result.fills.map((fill) => fill.fees + fill.commissions)).toEqual([0.67, 0.68]);
    expect(result.trades).toHaveLength(1);
    // (1.60 − 1.20)·100 − 1.35 = 38.65
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(38.65);
    expect(result.warnings).toEqual([]);
  });

  it('joins a minute-precision trade history to its Cash Balance row within the minute', () => {
    const parsed = parseThinkorswim(
      statement(
        ['3/10/25,10:15:41,TRD,1,BOT +2 SPY 100 (Weeklys) 10 MAR 25 572 CALL @1.20,-0.04,-1.30,-241.34,"1,000.00"'],
        [',3/10/2025 10:15,SINGLE,BUY,+2,TO OPEN,SPY,10 MAR 25,572,CALL,1.20,1.20,LMT'],
      ),
      'tos.csv',
    );
    expect(parsed.fills[0]).toMatchObject({ time: '2025-03-10T10:15:00-04:00', fees: 0.04, commissions: 1.3, order_id: '1' });
  });

  it('reads the other legs of a spread, whose Exec Time is blank, at the first leg\'s time', () => {
    const parsed = parseThinkorswim(
      statement([], [
        ',3/10/25 11:00:00,VERTICAL,BUY,+1,TO OPEN,SPY,10 MAR 25,572,CALL,1.20,.45,LMT',
        ',,,SELL,-1,TO OPEN,SPY,10 MAR 25,575,CALL,.75,CREDIT,',
      ]),
      'tos.csv',
    );
    expect(parsed.fills.map((fill) => [fill.strike, fill.side, fill.time]).sort()).toEqual([
      [572, 'buy', '2025-03-10T11:00:00-04:00'],
      [575, 'sell', '2025-03-10T11:00:00-04:00'],
    ]);
  });

  it('closes a position on a REMOVAL OF OPTION DUE TO EXPIRATION row', () => {
    const result = importBrokerFile(
      statement(
        [
          '3/10/25,12:00:06,TRD,5,SOLD -1 SPY 100 (Weeklys) 10 MAR 25 570 PUT @.90,-0.02,-0.65,89.33,"1,089.33"',
          '3/10/25,16:00:00,RAD,,REMOVAL OF OPTION DUE TO EXPIRATION +1 SPY 100 (Weeklys) 10 MAR 25 570 PUT,,,,"1,089.33"',
        ],
        [',3/10/25 12:00:05,SINGLE,SELL,-1,TO OPEN,SPY,10 MAR 25,570,PUT,.90,.90,LMT'],
      ),
      'tos.csv',
    );
    expect(result.trades[0]).toMatchObject({ side: 'short', close_reason: 'expired', exit_time: '2025-03-10T16:00:00-04:00' });
    expect(result.trades[0] && realizedPnl(result.trades[0])).toBe(89.33);
  });

  it('reads times in America/New_York unless tz overrides, and skips stock rows with a reason', () => {
    const text = statement([], [
      ',3/10/25 10:15:02,SINGLE,BUY,+1,TO OPEN,SPY,10 MAR 25,572,CALL,1.20,1.20,LMT',
      ',3/10/25 10:00:00,STOCK,BUY,+10,TO OPEN,SPY,,,ETF,571.00,571.00,LMT',
    ]);
    expect(parseThinkorswim(text, 'tos.csv').fills[0]?.time).toBe('2025-03-10T10:15:02-04:00');
    expect(parseThinkorswim(text, 'tos.csv', { tz: 'America/Chicago' }).fills[0]?.time).toBe('2025-03-10T11:15:02-04:00');
    expect(parseThinkorswim(text, 'tos.csv').warnings.join('\n')).toContain('1 row skipped: not an option (ETF)');
  });

  it('reports a bad row with file, line and column and goes on', () => {
    const parsed = parseThinkorswim(
      statement([], [
        ',3/10/25 10:15:02,SINGLE,BUY,+1,TO OPEN,SPY,10 MAR 25,572,CALL,abc,abc,LMT',
        ',3/10/25 10:16:02,SINGLE,BUY,+1,TO OPEN,SPY,10 MAR 25,572,CALL,1.10,1.10,LMT',
      ]),
      'tos.csv',
    );
    expect(parsed.errors).toEqual([{ file: 'tos.csv', line: 8, field: 'Price', reason: "unreadable price 'abc'" }]);
    expect(parsed.fills).toHaveLength(1);
  });

  it("an iron condor's one Cash Balance row per order pays its four legs, joined within the minute", () => {
    const result = importBrokerFile(
      statement(
        [
          '6/12/2025,10:00:41,TRD,="1",SOLD -1 IRON CONDOR SPY 100 (Weeklys) 12 JUN 25 605/610/590/585 CALL/PUT @1.10,-0.08,-2.60,110.00,"1,000.00"',
          '6/12/2025,15:30:02,TRD,="2",BOT +1 IRON CONDOR SPY 100 (Weeklys) 12 JUN 25 605/610/590/585 CALL/PUT @.20,-0.04,-2.60,-20.00,"1,000.00"',
        ],
        [
          ',6/12/2025 15:30,IRON CONDOR,BUY,+1,TO CLOSE,SPY,12 JUN 25,605,CALL,.10,.20,LMT',
          ',,,SELL,-1,TO CLOSE,SPY,12 JUN 25,610,CALL,.02,DEBIT,',
          ',,,BUY,+1,TO CLOSE,SPY,12 JUN 25,590,PUT,.14,DEBIT,',
          ',,,SELL,-1,TO CLOSE,SPY,12 JUN 25,585,PUT,.02,DEBIT,',
          ',6/12/2025 10:00,IRON CONDOR,SELL,-1,TO OPEN,SPY,12 JUN 25,605,CALL,1.00,1.10,LMT',
          ',,,BUY,+1,TO OPEN,SPY,12 JUN 25,610,CALL,.40,CREDIT,',
          ',,,SELL,-1,TO OPEN,SPY,12 JUN 25,590,PUT,.80,CREDIT,',
          ',,,BUY,+1,TO OPEN,SPY,12 JUN 25,585,PUT,.30,CREDIT,',
        ],
      ),
      'ic.csv',
    );
    expect(result.warnings).toEqual([]);
    // Each leg: 0.02 + 0.65 opening, 0.01 + 0.65 closing = 1.33; four legs 5.32 = 2.68 + 2.64.
    // Net: (1.10 − 0.20)·100 − 5.32 = 84.68.
    // The spread's four legs are one trade (one order ref #): a credit of 1.10 closed for 0.20.
    expect(result.trades).toHaveLength(1);
    const [condor] = result.trades;
    expect(condor).toMatchObject({ strategy: 'iron_condor', side: 'short', qty: 1, entry_price: 1.1, exit_price: 0.2, fees: 5.32 });
    expect(condor?.legs?.map((leg) => leg.fees)).toEqual([1.33, 1.33, 1.33, 1.33]);
    expect(Math.round(result.trades.reduce((sum, trade) => sum + realizedPnl(trade), 0) * 100) / 100).toBe(84.68);
  });
});
