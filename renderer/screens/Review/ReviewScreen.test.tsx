// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { sampleEntry } from '../../../shared/ipc/samples.ts';
import { ApiProvider } from '../../api/ApiContext.tsx';
import { createFakeApi, type FakeApi } from '../../api/fake.ts';
import { ToastHost } from '../../components/Toast.tsx';
import { resetAppState, useAppStore } from '../../state/app.ts';
import { resetImportState } from '../../state/import.ts';
import { resetReviewState, useReviewStore } from '../../state/review.ts';
import { combineLegs, legOfTrade } from '../../../shared/domain/multiLeg.ts';
import { tradeRecordSchema } from '../../../shared/domain/trade.ts';
import { clearBarsCache } from './useBars.ts';
import { ReviewScreen } from './ReviewScreen.tsx';

function renderReview(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <ReviewScreen />
      <ToastHost />
    </ApiProvider>,
  );
}

function staged(count: number): JournalEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const minute = String(index % 50).padStart(2, '0');
    const time = `2025-03-10T10:${minute}:00-04:00`;
    return sampleEntry({ id: `T${index + 1}`, entry_time: time, pnl: index % 2 === 0 ? 50 + index : -20 - index });
  });
}

function key(keyName: string, init: KeyboardEventInit = {}) {
  act(() => {
    fireEvent.keyDown(window, { key: keyName, ...init });
  });
}

// happy-dom lays nothing out: give the table's scroll area a viewport so the virtualiser renders rows.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 900 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth);
});

beforeEach(() => {
  resetAppState();
  resetReviewState();
  resetImportState();
  clearBarsCache();
});
afterEach(cleanup);

describe('ReviewScreen', () => {
  it('shows the empty state with ways to Import and to the example day when nothing is staged', async () => {
    const api = createFakeApi();
    renderReview(api);
    const empty = await screen.findByTestId('review-empty');
    expect(empty.textContent).toContain("Nothing staged — import a day's trades on the Import screen");
    fireEvent.click(within(empty).getByTestId('go-import'));
    expect(useAppStore.getState().screen).toBe('import');
  });

  it('loads the example day from the empty state and shows its trades', async () => {
    const api = createFakeApi();
    renderReview(api);
    fireEvent.click(await screen.findByTestId('review-load-example'));
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(2));
    expect(api.calls.some((call) => call.channel === 'example.load')).toBe(true);
  });

  it('renders the staged batch reloaded from staging.get, with the first trade in the detail pane', async () => {
    const api = createFakeApi({ staged: staged(3) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(3));
    expect(screen.getByTestId('detail-contract').textContent).toBe('SPY 03/10/25 572C');
    expect(screen.getByTestId('regret-pin_regret').textContent).toContain('—');
    expect(screen.getByTestId('regret-pin_regret').textContent).toContain('No max pain in the day context.');
    expect(screen.getByTestId('regret-entry_regret').textContent).toContain('0.18');
    expect(api.calls[0]?.channel).toBe('staging.get');
  });

  it('shows flags and archetype evidence in words, with the raw names in tooltips', async () => {
    const flagged = sampleEntry({
      id: 'F1',
      mesh_conflict: true,
      flags: ['conflict_failure', 'mesh_conflict', 'high_regret:exit_regret', 'missing_regret:pin_regret', 'penalty:regret_sum', 'no_entry_agents'],
      archetype_evidence: ['fade_reversal: 1 of 3 criteria met', 'met: bearish entry against the rejected session high 602.53', 'not met: mesh alignment 0.44 < 0.6'],
    });
    renderReview(createFakeApi({ staged: [flagged] }));
    const flags = await screen.findByTestId('flag-list');
    const badges = within(flags).getAllByTestId('flag-badge');
    expect(badges.map((badge) => badge.textContent)).toEqual([
      'Conflict failure',
      'Mesh conflict',
      'High exit regret',
      'Pin regret not scored',
      'Penalty: regret sum',
      'No entry agents',
    ]);
    expect(badges[2]?.getAttribute('title')).toContain('(high_regret:exit_regret)');
    expect(flags.textContent).not.toContain('_');
    const evidence = screen.getByTestId('archetype-evidence');
    expect(evidence.textContent).toContain('Fade reversal: 1 of 3 criteria met');
    expect(evidence.textContent).not.toContain('fade_reversal');
    expect(within(evidence).getAllByLabelText('met')).toHaveLength(1);
    expect(within(evidence).getAllByLabelText('not met')).toHaveLength(1);
    const flagCell = within(screen.getAllByTestId('review-row')[0]!).getByTestId('row-flags');
    expect(flagCell.getAttribute('title')).toBe('Conflict failure\nMesh conflict\nHigh exit regret\nPin regret not scored\nPenalty: regret sum\nNo entry agents');
  });

  it('stays smooth on thousands of rows: only the visible rows are in the DOM', async () => {
    const api = createFakeApi({ staged: staged(3000) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row').length).toBeGreaterThan(0));
    expect(screen.getAllByTestId('review-row').length).toBeLessThan(100);
  });

  it('moves with j/k and sets archetype (a 2) and label (l 5) by keyboard, each an override kept beside the engine proposal', async () => {
    const api = createFakeApi({ staged: staged(3) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(3));
    key('j');
    const second = screen.getAllByTestId('review-row').find((row) => row.getAttribute('aria-selected') === 'true');
    expect(second?.getAttribute('data-trade-id')).toBe('T2');
    key('k');
    key('j');

    key('a');
    expect(screen.getByTestId('prefix-pending').textContent).toContain('Archetype');
    key('2');
    await waitFor(() => expect(api.state.batch.entries.find((e) => e.id === 'T2')?.setup_archetype).toBe('fade_reversal'));
    key('l');
    key('5');
    await waitFor(() => expect(api.state.batch.entries.find((e) => e.id === 'T2')?.final_label).toBe('disciplined_loss'));

    const overrides = api.calls.filter((call) => call.channel === 'staging.override');
    expect(overrides.map((call) => call.request)).toEqual([
      { id: 'T2', setup_archetype: 'fade_reversal' },
      { id: 'T2', final_label: 'disciplined_loss' },
    ]);
    await waitFor(() => expect(screen.getByTestId('archetype-overridden')).toBeTruthy());
    expect(screen.getByTestId('archetype-proposal').textContent).toContain('Momentum break');
    expect(screen.getByTestId('label-proposal').textContent).toContain('Good trade');
    const row = screen.getAllByTestId('review-row').find((r) => r.getAttribute('data-trade-id') === 'T2');
    expect(row?.querySelector('[data-testid="row-source"]')?.textContent).toBe('manual');
    expect(screen.getByTestId('overridden-count').textContent).toBe('1');
  });

  it('Enter confirms what is shown: an override stays, the trade counts as reviewed, and the selection moves on', async () => {
    const api = createFakeApi({ staged: staged(2) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(2));
    key('a');
    key('3');
    await waitFor(() => expect(api.state.batch.entries[0]?.label_source).toBe('manual'));
    const overrides = api.calls.filter((call) => call.channel === 'staging.override').length;
    key('Enter');
    await waitFor(() => {
      const selected = screen.getAllByTestId('review-row').find((row) => row.getAttribute('aria-selected') === 'true');
      expect(selected?.getAttribute('data-trade-id')).toBe('T2');
    });
    // No call put the trade back: the override is what was confirmed.
    expect(api.calls.filter((call) => call.channel === 'staging.override')).toHaveLength(overrides);
    expect(api.state.batch.entries[0]?.label_source).toBe('manual');
    expect(screen.getByTestId('reviewed-count').textContent).toBe('1');
  });

  it('r (or the Restore button) puts an overridden trade back to the engine proposal', async () => {
    const api = createFakeApi({ staged: staged(2) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(2));
    key('a');
    key('3');
    await waitFor(() => expect(screen.getByTestId('restore-proposal')).toBeTruthy());
    key('r');
    await waitFor(() => expect(api.state.batch.entries[0]?.label_source).toBe('engine'));
    const last = api.calls.filter((call) => call.channel === 'staging.override').at(-1);
    expect(last?.request).toEqual({ id: 'T1', setup_archetype: 'momentum_break', final_label: 'good_trade' });
    await waitFor(() => expect(screen.queryByTestId('restore-proposal')).toBeNull());
  });

  it('a spread shows its legs; s (or Split into legs) journals each leg as a trade, and Make one trade groups two trades back', async () => {
    const legOf = (id: string, strike: number, side: 'long' | 'short', entry: number, exit: number) =>
      legOfTrade(tradeRecordSchema.parse({ ...sampleEntry().trade, id, strike, side, entry_price: entry, exit_price: exit, fees: 0 }));
    const spread = combineLegs([legOf('L', 570, 'long', 2, 3), legOf('S', 575, 'short', 1, 1.4)]);
    const api = createFakeApi({ staged: [sampleEntry({ id: spread.id, trade: spread, pnl: spread.pnl ?? 0 })] });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(1));
    expect(within(screen.getByTestId('legs-table')).getAllByRole('row')).toHaveLength(3);
    key('s');
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(2));
    expect(api.calls.find((call) => call.channel === 'staging.regroup')?.request).toEqual({ split: spread.id });
    fireEvent.change(screen.getByTestId('group-with'), { target: { value: api.state.batch.entries.find((entry) => entry.id !== useReviewStore.getState().selectedId)?.id } });
    fireEvent.click(screen.getByTestId('group-trade'));
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(1));
    expect(api.state.batch.entries[0]?.id).toBe(spread.id);
  });

  it('ignores review keys typed in the note field, and saves the note when it loses focus', async () => {
    const api = createFakeApi({ staged: staged(2) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(2));
    key('n');
    const note = screen.getByTestId('note-field');
    expect(document.activeElement).toBe(note);
    fireEvent.keyDown(note, { key: 'j' });
    fireEvent.change(note, { target: { value: 'chased the break' } });
    fireEvent.blur(note);
    await waitFor(() => expect(api.state.batch.entries[0]?.note).toBe('chased the break'));
    const selected = screen.getAllByTestId('review-row').find((row) => row.getAttribute('aria-selected') === 'true');
    expect(selected?.getAttribute('data-trade-id')).toBe('T1');
  });

  it('Ctrl+Enter opens the commit summary; committing empties the batch and shows a toast', async () => {
    const api = createFakeApi({ staged: staged(2) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(2));
    key('Enter', { ctrlKey: true });
    const dialog = await screen.findByTestId('commit-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('commit-count').textContent).toBe('2'));
    expect(within(dialog).getByTestId('commit-pnl').textContent).toBe(`+$${(50 - 21).toFixed(2)}`);
    fireEvent.click(within(dialog).getByTestId('commit-confirm'));
    await screen.findByTestId('review-empty');
    expect(screen.getByTestId('toast').textContent).toContain('Committed 2 trades');
    expect(api.state.committed).toHaveLength(2);
  });

  it('sorts by PnL when its header is clicked', async () => {
    const api = createFakeApi({ staged: staged(4) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(4));
    fireEvent.click(screen.getByTestId('sort-pnl'));
    const ids = screen.getAllByTestId('review-row').map((row) => row.getAttribute('data-trade-id'));
    expect(ids).toEqual(['T3', 'T1', 'T2', 'T4']);
  });

  it('shows the 1-minute chart of the underlying when bars exist, and says what to import when they do not', async () => {
    const start = Date.parse('2025-03-10T13:20:00Z');
    const bars = Array.from({ length: 120 }, (_, i) => ({ time: start + i * 60_000, open: 572, high: 572.2, low: 571.8, close: 572 + i * 0.01, volume: 100, extended: false }));
    const api = createFakeApi({ staged: staged(1), bars: { 'SPY 2025-03-10': bars } });
    renderReview(api);
    await screen.findByTestId('trade-chart');
    expect(screen.getByTestId('chart-legend').textContent).toContain('VWAP at entry');
    expect(screen.getByTestId('chart-legend').textContent).toContain('Trap level');

    cleanup();
    resetReviewState();
    clearBarsCache();
    renderReview(createFakeApi({ staged: staged(1) }));
    expect((await screen.findByTestId('chart-empty')).textContent).toContain('No 1-minute bars for SPY on 2025-03-10');
  });

  it('shows a failed override and puts the row back', async () => {
    const api = createFakeApi({ staged: staged(1) });
    api.handle('staging.override', async () => {
      throw new Error('disk full');
    });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(1));
    key('l');
    key('1');
    await screen.findByTestId('error-state');
    expect(screen.getAllByTestId('row-label')[0]?.textContent).toBe('Good trade');
  });

  it('discarding asks first, then empties the batch without touching the journal', async () => {
    const api = createFakeApi({ staged: staged(2) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('discard-batch'));
    const dialog = await screen.findByTestId('discard-dialog');
    expect(api.calls.some((call) => call.channel === 'staging.unstage')).toBe(false);
    fireEvent.click(within(dialog).getByTestId('discard-confirm'));
    await screen.findByTestId('review-empty');
    expect(api.state.committed).toHaveLength(0);
  });

  it('the archetype and label selects override too, and the engine proposal stays in view', async () => {
    const api = createFakeApi({ staged: staged(1) });
    renderReview(api);
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(1));
    fireEvent.change(screen.getByTestId('label-select'), { target: { value: 'lucky_win' } });
    await waitFor(() => expect(api.state.batch.entries[0]?.final_label).toBe('lucky_win'));
    expect(screen.getByTestId('label-overridden')).toBeTruthy();
    expect(screen.getByTestId('label-proposal').textContent).toContain('Good trade');
  });
});
