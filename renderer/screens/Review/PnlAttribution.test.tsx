// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PnlAttribution } from './PnlAttribution.tsx';
import { sampleEntry } from '../../../shared/ipc/samples.ts';

afterEach(cleanup);

describe('Review: where the P&L came from', () => {
  it('shows each part of the premium change and the IVs, and says when an IV crush turned a right-way move into a loss', () => {
    const base = sampleEntry();
    const entry = {
      ...base,
      flags: [...base.flags, 'iv_crush'],
      pnl_attribution: { premium_change: -29, underlying: 24, time: -6, volatility: -47, residual: 0, underlying_entry: 599.9, underlying_exit: 600.38, iv_entry: 0.21, iv_exit: 0.12, iv_entry_source: 'premium' as const, iv_exit_source: 'premium' as const },
    };
    render(<PnlAttribution entry={entry} />);
    expect(screen.getByTestId('pnl-attribution').textContent).toMatch(/Underlying move.*\+\$24\.00/);
    expect(screen.getByTestId('pnl-attribution').textContent).toMatch(/21\.0%.*12\.0%/);
    expect(screen.getByTestId('iv-crush')).toBeTruthy();
  });

  it('says why there is no attribution', () => {
    const base = sampleEntry();
    render(<PnlAttribution entry={{ ...base, pnl_attribution: null, explanations: { ...base.explanations, pnl_attribution: 'no P&L attribution: the underlying price at entry not known' } }} />);
    expect(screen.getByTestId('pnl-attribution-none').textContent).toMatch(/underlying price at entry not known/);
  });
});
