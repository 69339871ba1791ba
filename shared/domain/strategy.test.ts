import { describe, expect, it } from 'vitest';
import { classifyStrategy, type StrategyLeg } from './strategy.ts';

const leg = (side: 'long' | 'short', right: 'C' | 'P', strike: number, qty = 1, expiry = '2025-06-12'): StrategyLeg => ({ side, right, strike, qty, expiry });

describe('classifyStrategy', () => {
  it('vertical: one expiry, one right, two strikes, one bought one sold, 1:1', () => {
    expect(classifyStrategy([leg('long', 'C', 540), leg('short', 'C', 530)])).toBe('vertical');
    expect(classifyStrategy([leg('short', 'P', 6000, 2), leg('long', 'P', 5980, 2)])).toBe('vertical');
  });
  it('a 1:2 two-strike spread is custom (a ratio spread), and two bought calls are custom', () => {
    expect(classifyStrategy([leg('long', 'C', 540), leg('short', 'C', 545, 2)])).toBe('custom');
    expect(classifyStrategy([leg('long', 'C', 540), leg('long', 'C', 545)])).toBe('custom');
  });
  it('straddle: a call and a put at one strike on the same side; strangle: at two strikes', () => {
    expect(classifyStrategy([leg('long', 'C', 540), leg('long', 'P', 540)])).toBe('straddle');
    expect(classifyStrategy([leg('short', 'C', 545), leg('short', 'P', 535)])).toBe('strangle');
    expect(classifyStrategy([leg('long', 'C', 545), leg('short', 'P', 535)])).toBe('custom');
  });
  it('calendar: one right and strike, two expiries, one bought one sold; a diagonal is custom', () => {
    expect(classifyStrategy([leg('short', 'C', 540, 1, '2025-06-12'), leg('long', 'C', 540, 1, '2025-06-20')])).toBe('calendar');
    expect(classifyStrategy([leg('short', 'C', 540, 1, '2025-06-12'), leg('long', 'C', 545, 1, '2025-06-20')])).toBe('custom');
  });
  it('butterfly: three equidistant strikes of one right, wings on one side, body on the other, 1:2:1', () => {
    expect(classifyStrategy([leg('long', 'C', 535), leg('short', 'C', 540, 2), leg('long', 'C', 545)])).toBe('butterfly');
    expect(classifyStrategy([leg('long', 'P', 535, 3), leg('short', 'P', 540, 6), leg('long', 'P', 545, 3)])).toBe('butterfly');
  });
  it('a broken-wing or 1:1:1 three-leg spread is custom', () => {
    expect(classifyStrategy([leg('long', 'C', 535), leg('short', 'C', 540, 2), leg('long', 'C', 550)])).toBe('custom');
    expect(classifyStrategy([leg('long', 'C', 535), leg('short', 'C', 540), leg('long', 'C', 545)])).toBe('custom');
  });
  it('iron_condor: a put vertical below a call vertical, inner legs on one side, wings on the other, all 1:1', () => {
    expect(classifyStrategy([leg('long', 'P', 530), leg('short', 'P', 535), leg('short', 'C', 545), leg('long', 'C', 550)])).toBe('iron_condor');
  });
  it('an iron butterfly (the two verticals share their inner strike) is a butterfly', () => {
    expect(classifyStrategy([leg('long', 'P', 535), leg('short', 'P', 540), leg('short', 'C', 540), leg('long', 'C', 545)])).toBe('butterfly');
  });
  it('four legs with crossed verticals, mixed sides or unequal sizes are custom', () => {
    expect(classifyStrategy([leg('long', 'P', 540), leg('short', 'P', 545), leg('short', 'C', 535), leg('long', 'C', 530)])).toBe('custom');
    expect(classifyStrategy([leg('long', 'P', 530), leg('short', 'P', 535), leg('long', 'C', 545), leg('short', 'C', 550)])).toBe('custom');
    expect(classifyStrategy([leg('long', 'P', 530, 2), leg('short', 'P', 535), leg('short', 'C', 545), leg('long', 'C', 550)])).toBe('custom');
  });
  it('five legs or more are custom', () => {
    expect(classifyStrategy([leg('long', 'P', 530), leg('short', 'P', 535), leg('short', 'C', 545), leg('long', 'C', 550), leg('long', 'C', 560)])).toBe('custom');
  });
});
