// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiContext.tsx';
import { createFakeApi, type FakeApi } from '../../api/fake.ts';
import { sampleJournal } from '../../charts/sampleJournal.ts';
import { resetAppState } from '../../state/app.ts';
import { resetHeatmapState } from '../../state/heatmap.ts';
import { HeatmapScreen } from './HeatmapScreen.tsx';

function renderHeatmap(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <HeatmapScreen />
    </ApiProvider>,
  );
}

beforeEach(() => {
  resetAppState();
  resetHeatmapState();
});
afterEach(cleanup);

describe('HeatmapScreen', () => {
  it('tells a new user what to do when nothing is committed', async () => {
    renderHeatmap(createFakeApi());
    expect((await screen.findByTestId('empty-no-trades')).textContent).toContain('import a day and commit it on the Review screen'.replace('import', 'Import'));
  });

  it('shows mean regret and n per block × dimension cell, and empty cells as empty', async () => {
    renderHeatmap(createFakeApi({ committed: sampleJournal() }));
    const cell = await screen.findByTestId('heat-block-chop_mid-timing_regret');
    expect(cell.textContent).toContain('0.82');
    expect(cell.textContent).toContain('n 1');
    const empty = screen.getByTestId('heat-block-early_open-pin_regret');
    expect(empty.textContent).toBe('—');
    expect(empty.getAttribute('aria-label')).toContain('no scored trades');
  });

  it('colours the time grid by PnL or by mean regret, with a tooltip naming the best and worst trade', async () => {
    renderHeatmap(createFakeApi({ committed: sampleJournal() }));
    // A2 entered Monday 11:05 ET → the 11:00 slot; −$64.
    const cell = await screen.findByTestId('heat-time-1-1100');
    expect(cell.textContent).toContain('−$64');
    expect(screen.getByTestId('heat-time-5-1200').getAttribute('aria-label')).toContain('no trades');
    fireEvent.focus(cell);
    const tooltip = screen.getByTestId('heatmap-tooltip');
    expect(tooltip.textContent).toContain('Monday 11:00–11:30 ET');
    expect(within(tooltip).getByText('Best A2')).toBeTruthy();
    fireEvent.click(screen.getByTestId('heatmap-mode-regret'));
    expect(screen.getByTestId('heat-time-1-1100').textContent).not.toContain('$');
  });
});
