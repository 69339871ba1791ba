import { describe, expect, it } from 'vitest';
import { contractLabel, duration, etDate, etShortDateTime, etTime, humanize, money, pct, pnlTone, regret, regretStep } from './format.ts';

describe('format', () => {
  it('money carries a sign and two decimals; a loss uses a real minus', () => {
    expect(money(118.7)).toBe('+$118.70');
    expect(money(-42)).toBe('\u2212$42.00');
    expect(money(0)).toBe('$0.00');
    expect(money(1234.5, { sign: false })).toBe('$1,234.50');
    expect(money(null)).toBe('—');
  });

  it('regret shows 2 decimals, or — when the engine could not compute it', () => {
    expect(regret(0.183)).toBe('0.18');
    expect(regret(0)).toBe('0.00');
    expect(regret(null)).toBe('—');
  });

  it('pct and pnlTone', () => {
    expect(pct(0.625)).toBe('63%');
    expect(pct(null)).toBe('—');
    expect(pnlTone(1)).toBe('good');
    expect(pnlTone(-1)).toBe('bad');
    expect(pnlTone(0)).toBe('flat');
  });

  it('times are New York wall clock whatever the offset the timestamp was written with', () => {
    expect(etTime('2025-07-08T14:15:00Z')).toBe('10:15');
    expect(etTime('2025-01-08T15:15:00Z')).toBe('10:15');
    expect(etTime(Date.parse('2025-07-08T14:15:00Z'))).toBe('10:15');
    expect(etTime('2025-07-08')).toBe('—');
    expect(etDate('2025-07-09T01:00:00Z')).toBe('2025-07-08');
  });

  it('contract label reads like a trader writes it', () => {
    expect(contractLabel({ symbol: 'SPY', expiry: '2025-07-08', strike: 620, right: 'C' })).toBe('SPY 07/08/25 620C');
    expect(contractLabel({ symbol: 'SPX', expiry: '2025-03-10', strike: 5722.5, right: 'P' })).toBe('SPX 03/10/25 5722.5P');
  });

  it('names and durations for people', () => {
    expect(humanize('momentum_break')).toBe('Momentum break');
    expect(duration(37)).toBe('37m');
    expect(duration(65)).toBe('1h 05m');
    expect(duration(24 * 60 * 35 + 6 * 60 + 12)).toBe('35d 6h');
    expect(duration(48 * 60)).toBe('2d');
    expect(etShortDateTime('2018-03-12T12:08:00-04:00')).toBe('03/12/18 12:08');
    expect(etShortDateTime('2025-06-12')).toBe('06/12/25');
  });

  it('regret scale has five steps from low to high; null has none', () => {
    expect(regretStep(0)).toBe(0);
    expect(regretStep(0.39)).toBe(1);
    expect(regretStep(1)).toBe(4);
    expect(regretStep(null)).toBeNull();
  });
});
