// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemoryTrigger } from '../../../shared/ipc/schemas.ts';
import { ApiProvider } from '../../api/ApiContext.tsx';
import { createFakeApi, type FakeApi } from '../../api/fake.ts';
import { sampleJournal } from '../../charts/sampleJournal.ts';
import { resetAppState, useAppStore } from '../../state/app.ts';
import { resetJournalState } from '../../state/journal.ts';
import { JournalScreen } from './JournalScreen.tsx';

function renderJournal(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <JournalScreen />
    </ApiProvider>,
  );
}

const trigger: MemoryTrigger = {
  kind: 'archetype_losses',
  subject: 'fade_reversal',
  statement: 'fade_reversal lost 7 of 8 trades (88%, against 50% for a coin flip).',
  evidence: {
    measure: 'loss_rate',
    n: 8,
    wins: 1,
    losses: 7,
    mean: -54.2,
    baseline: 0.5,
    effect_size: 0.87,
    effect_measure: 'cohens_h',
    p_value: 0.035,
    test: 'exact binomial, one-sided',
    minimum_sample: 5,
    trade_ids: ['A2'],
  },
};

// happy-dom lays nothing out: give the table's scroll area a viewport so the virtualiser renders rows.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth);
});

beforeEach(() => {
  resetAppState();
  resetJournalState();
});
afterEach(cleanup);

describe('JournalScreen', () => {
  it('tells a new user what to do when nothing is committed', async () => {
    renderJournal(createFakeApi());
    expect((await screen.findByTestId('empty-no-trades')).textContent).toContain('No committed trades yet');
  });

  it('lists committed trades newest first in the trades table', async () => {
    renderJournal(createFakeApi({ committed: sampleJournal() }));
    const table = await screen.findByTestId('journal-trades-table');
    const rows = within(table).getAllByTestId('journal-trade-row');
    expect(rows.map((row) => row.getAttribute('data-trade-id'))).toEqual(['A4', 'A3', 'A2', 'A1']);
    expect(rows[0]?.textContent).toContain('Model failure');
    expect(within(rows[0] as HTMLElement).getAllByLabelText('overridden')).toHaveLength(1);
  });

  it('a calendar click filters the trades to that day and a second click clears it', async () => {
    const api = createFakeApi({ committed: sampleJournal() });
    renderJournal(api);
    const day = await screen.findByTestId('calendar-day-2025-03-11');
    expect(screen.getByTestId('calendar-month').textContent).toBe('March 2025');
    fireEvent.click(day);
    await waitFor(() => expect(screen.getAllByTestId('journal-trade-row').map((row) => row.getAttribute('data-trade-id'))).toEqual(['A4', 'A3']));
    expect(api.calls.filter((call) => call.channel === 'journal.list').at(-1)).toMatchObject({ request: { from: '2025-03-11', to: '2025-03-11' } });
    // The cards and the performance figures follow the filter, not the whole journal.
    await waitFor(() => expect(within(screen.getByTestId('journal-kpis')).getByText('Trades (filtered)')).toBeTruthy());
    expect(api.calls.filter((call) => call.channel === 'journal.performance').at(-1)).toMatchObject({ request: { from: '2025-03-11', to: '2025-03-11' } });
    expect(screen.getByTestId('journal-performance').textContent).toContain('Performance of the filtered trades');
    fireEvent.click(screen.getByTestId('calendar-day-2025-03-11'));
    await waitFor(() => expect(screen.getAllByTestId('journal-trade-row')).toHaveLength(4));
  });

  it('the performance panel shows expectancy, profit factor and a breakdown by setup, block, agent, weekday and hour', async () => {
    renderJournal(createFakeApi({ committed: sampleJournal() }));
    const panel = await screen.findByTestId('journal-performance');
    expect(within(panel).getByTestId('performance-figures').textContent).toMatch(/Expectancy.*Profit factor.*Max drawdown.*Avg R/);
    for (const grouping of ['time_block', 'weekday', 'hour', 'agent', 'setup']) {
      fireEvent.click(within(panel).getByTestId(`performance-by-${grouping}`));
      expect(within(within(panel).getByTestId('performance-table')).getAllByRole('row').length).toBeGreaterThan(1);
    }
  });

  it('a committed trade opens from its row (click or Enter): label, regrets, P&L and agents, the override and note kept', async () => {
    renderJournal(createFakeApi({ committed: sampleJournal() }));
    const table = await screen.findByTestId('journal-trades-table');
    const row = within(table).getAllByTestId('journal-trade-row')[0] as HTMLElement;
    fireEvent.click(row);
    const dialog = await screen.findByTestId('committed-trade');
    expect(within(dialog).getByTestId('committed-pnl').textContent).toMatch(/\$/);
    expect(within(dialog).getByTestId('committed-proposal').textContent).toContain('the engine proposed');
    expect(dialog.textContent).toContain('Regret breakdown');
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('committed-trade')).toBeNull());
    fireEvent.keyDown(within(table).getAllByTestId('journal-trade-row')[1] as HTMLElement, { key: 'Enter' });
    expect(await screen.findByTestId('committed-trade')).toBeTruthy();
  });

  it('filters by label through journal.list', async () => {
    const api = createFakeApi({ committed: sampleJournal() });
    renderJournal(api);
    await screen.findByTestId('journal-trades-table');
    fireEvent.change(screen.getByTestId('filter-label'), { target: { value: 'conflict_failure' } });
    await waitFor(() => expect(screen.getAllByTestId('journal-trade-row').map((row) => row.getAttribute('data-trade-id'))).toEqual(['A2']));
    expect(screen.getByTestId('journal-trade-count').textContent).toContain('1 of 4');
  });

  it('says plainly that no memory trigger has fired yet, and why', async () => {
    renderJournal(createFakeApi({ committed: sampleJournal() }));
    const empty = await screen.findByTestId('triggers-empty');
    expect(empty.textContent).toContain('Nothing has triggered yet');
    expect(empty.textContent).toContain('Too few trades so far: you have 4 committed trades');
    expect(empty.textContent).toContain('at least 5 trades');
  });

  it('shows each memory trigger with its evidence', async () => {
    renderJournal(createFakeApi({ committed: sampleJournal(), triggers: [trigger] }));
    const item = await screen.findByTestId('memory-trigger');
    expect(item.textContent).toContain('Fade reversal lost 7 of 8 trades (88%, against 50% for a coin flip).');
    expect(item.textContent).toContain('Losing setup');
    expect(item.textContent).toContain('88%');
    expect(item.textContent).toContain('p = 0.035');
    expect(item.textContent).toContain("Cohen's h");
    expect(item.textContent).toContain('0.87');
  });

  it('names time blocks and regret dimensions in words, keeping the raw names in tooltips', async () => {
    const blockTrigger: MemoryTrigger = {
      kind: 'regret_time_block',
      subject: 'setup_mid',
      statement: 'pin_regret averages 0.61 for entries in setup_mid against 0.30 in the other blocks (n = 6 vs 9; Mann–Whitney p = 0.012).',
      evidence: {
        measure: 'pin_regret',
        n: 6,
        mean: 0.61,
        baseline_n: 9,
        baseline: 0.3,
        effect_size: 0.64,
        effect_measure: 'rank_biserial',
        p_value: 0.012,
        test: 'Mann–Whitney U, one-sided',
        minimum_sample: 5,
        trade_ids: ['A3'],
      },
    };
    renderJournal(createFakeApi({ committed: sampleJournal(), triggers: [blockTrigger] }));
    const item = await screen.findByTestId('memory-trigger');
    expect(item.textContent).toContain('Pin regret averages 0.61 for entries in afternoon setup');
    expect(item.textContent).toContain('mean pin regret');
    expect(item.textContent).not.toMatch(/setup_mid|pin_regret/);
    expect(within(item).getByTestId('trigger-subject').textContent).toBe('Afternoon setup');
    expect(within(item).getByTestId('trigger-subject').getAttribute('title')).toBe('setup_mid');
  });

  it('offers an export as a download link with the file name', async () => {
    const createObjectURL = vi.fn(() => 'blob:qthink/export');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const api = createFakeApi({ committed: sampleJournal() });
    renderJournal(api);
    fireEvent.click(await screen.findByTestId('export-csv'));
    const link = await screen.findByTestId('export-download');
    expect(link.getAttribute('download')).toBe('qthink-journal.csv');
    expect(link.getAttribute('href')).toBe('blob:qthink/export');
    expect(api.calls.some((call) => call.channel === 'export.create')).toBe(true);
    vi.unstubAllGlobals();
  });

  it('saves through the native dialog in the desktop app', async () => {
    useAppStore.setState({ info: { version: '1', data_dir: '/d', mode: 'electron', native_dialogs: true, first_run: false, example_day: null } });
    const api = createFakeApi({ committed: sampleJournal() });
    api.handle('export.save', async () => ({ saved: true, path: '/home/t/qthink.html' }));
    renderJournal(api);
    fireEvent.click(await screen.findByTestId('export-html'));
    expect((await screen.findByText('/home/t/qthink.html')).textContent).toBe('/home/t/qthink.html');
  });
});
