import { describe, expect, it } from 'vitest';
import { occSymbol, parseOptionSymbol, readOptionSymbol } from './optionSymbol.ts';

const SPY_572_CALL = { symbol: 'SPY', expiry: '2025-03-10', right: 'C', strike: 572, multiplier: 100 };

describe('option symbols: the x100 multiplier is never lost for any symbol form', () => {
  it.each([
    ['OCC padded', 'SPY   250310C00572000'],
    ['OCC unpadded', 'SPY250310C00572000'],
    ['Schwab', 'SPY 03/10/2025 572.00 C'],
    ['thinkorswim statement', 'SPY 100 (Weeklys) 10 MAR 25 572 CALL'],
    ['thinkorswim without series', 'SPY 100 10 MAR 25 572 CALL'],
    ['thinkorswim dot symbol', '.SPY250310C572'],
    ['IBKR', 'SPY 10MAR25 572 C'],
    ['tastytrade description', 'SPY 03/10/25 Call 572.00'],
  ])('reads the %s form', (_form, text) => {
    expect(readOptionSymbol(text)).toEqual(SPY_572_CALL);
  });

  it('reads decimal strikes, puts, digit roots and the thinkorswim mini multiplier', () => {
    expect(readOptionSymbol('SPY   241122P00595500')).toMatchObject({ right: 'P', strike: 595.5, expiry: '2024-11-22' });
    expect(readOptionSymbol('.SPY241122P595.5')).toMatchObject({ strike: 595.5 });
    expect(readOptionSymbol('GREE1 210917P00022000')).toMatchObject({ symbol: 'GREE1', strike: 22 });
    expect(readOptionSymbol('SPY 10 (Mini) 10 MAR 25 572 CALL')).toMatchObject({ multiplier: 10 });
    expect(readOptionSymbol('QQQ 100 (WEEKLY) 9 Mar 2023 305.0 CALL')).toMatchObject({ symbol: 'QQQ', expiry: '2023-03-09', strike: 305 });
  });

  it('turns an unknown symbol into a RowError naming the forms we read', () => {
    const parsed = parseOptionSymbol('SPY MARCH 572', { file: 'a.csv', line: 7, field: 'Symbol' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatchObject({ file: 'a.csv', line: 7, field: 'Symbol' });
      expect(parsed.error.reason).toContain('OCC');
      expect(parsed.error.reason).toContain('Schwab');
    }
    const futures = parseOptionSymbol('./MESZ5EXV5  251031P5400', { file: 'a.csv', line: 2, field: 'Symbol' });
    expect(!futures.ok && futures.error.reason).toContain('futures option');
    expect(readOptionSymbol('SPY   251332C00572000')).toBeNull();
    expect(readOptionSymbol('PYPL')).toBeNull();
  });

  it('prints the canonical OCC form', () => {
    expect(occSymbol({ symbol: 'SPY', expiry: '2025-03-10', right: 'C', strike: 572.5 })).toBe('SPY   250310C00572500');
  });
});
