import type { Fill } from './fill.ts';

/** A SPY 0DTE 572 call fill for tests; every field can be overridden. */
export function spyFill(overrides: Partial<Fill> & Pick<Fill, 'time'>): Fill {
  return {
    broker: 'tastytrade',
    account: 'T1',
    symbol: 'SPY',
    expiry: '2025-03-10',
    right: 'C',
    strike: 572,
    multiplier: 100,
    side: 'buy',
    qty: 1,
    price: 1,
    fees: 0,
    commissions: 0,
    kind: 'trade',
    source: { file: 'test.csv', line: 2 },
    ...overrides,
  };
}

/** `10:15:02` on the fixture day, as ISO with the New York offset. */
export function at(clock: string, date = '2025-03-10'): string {
  return `${date}T${clock.length === 5 ? `${clock}:00` : clock}-04:00`;
}
