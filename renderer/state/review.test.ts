import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { sampleEntry } from '../../shared/ipc/samples.ts';
import { createFakeApi } from '../api/fake.ts';
import {
  applyOverrideLocally,
  loadBatch,
  meanRegret,
  moveSelection,
  overrideTrade,
  resetReviewState,
  sortEntries,
  toggleSort,
  useReviewStore,
} from './review.ts';

const entries = [
  sampleEntry({ id: 'A', entry_time: '2025-03-10T10:30:00-04:00', pnl: 10 }),
  sampleEntry({ id: 'B', entry_time: '2025-03-10T09:45:00-04:00', pnl: -5 }),
  sampleEntry({ id: 'C', entry_time: '2025-03-10T13:00:00-04:00', pnl: 40 }),
];

beforeEach(resetReviewState);

describe('review slice', () => {
  it('sorts by entry time by default, by PnL on request, nulls last', () => {
    expect(sortEntries(entries, { key: 'time', dir: 'asc' }).map((e) => e.id)).toEqual(['B', 'A', 'C']);
    expect(sortEntries(entries, { key: 'pnl', dir: 'desc' }).map((e) => e.id)).toEqual(['C', 'A', 'B']);
    const unscored = sampleEntry({ id: 'N', entry_regret: null, exit_regret: null, timing_regret: null, decay_regret: null, pin_regret: null, trap_entry_regret: null, late_exit_regret: null });
    expect(meanRegret(unscored)).toBeNull();
    expect(sortEntries([unscored, ...entries], { key: 'regret', dir: 'asc' }).at(-1)?.id).toBe('N');
    expect(sortEntries([unscored, ...entries], { key: 'regret', dir: 'desc' }).at(-1)?.id).toBe('N');
  });

  it('sorting is a permutation and does not depend on the input order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: 3, maxLength: 3 }), fc.constantFrom('time', 'pnl', 'regret', 'archetype'), (shuffled, key) => {
        const sorted = sortEntries(shuffled, { key: key as 'time', dir: 'asc' });
        expect(sorted.map((e) => e.id)).toEqual(sortEntries(entries, { key: key as 'time', dir: 'asc' }).map((e) => e.id));
      }),
    );
  });

  it('an override keeps the engine proposal beside it; going back to the proposal returns to engine', () => {
    const entry = sampleEntry();
    const overridden = applyOverrideLocally(entry, { setup_archetype: 'pin_fade' });
    expect(overridden).toMatchObject({ setup_archetype: 'pin_fade', label_source: 'manual', engine_proposal: { setup_archetype: 'momentum_break', final_label: 'good_trade' } });
    const twice = applyOverrideLocally(overridden, { final_label: 'lucky_win' });
    expect(twice.engine_proposal).toEqual({ setup_archetype: 'momentum_break', final_label: 'good_trade' });
    const restored = applyOverrideLocally(twice, { setup_archetype: 'momentum_break', final_label: 'good_trade' });
    expect(restored.label_source).toBe('engine');
    expect(restored.engine_proposal).toBeUndefined();
  });

  it('j/k selection follows the table order and stops at both ends', async () => {
    await loadBatch(createFakeApi({ staged: entries }));
    expect(useReviewStore.getState().selectedId).toBe('B');
    moveSelection(1);
    expect(useReviewStore.getState().selectedId).toBe('A');
    moveSelection(5);
    expect(useReviewStore.getState().selectedId).toBe('C');
    moveSelection(-9);
    expect(useReviewStore.getState().selectedId).toBe('B');
    toggleSort('pnl');
    expect(useReviewStore.getState().sort).toEqual({ key: 'pnl', dir: 'desc' });
    moveSelection(-1);
    expect(useReviewStore.getState().selectedId).toBe('A');
  });

  it('an override updates the row at once, then takes the main process answer', async () => {
    const api = createFakeApi({ staged: entries });
    await loadBatch(api);
    const pending = overrideTrade(api, 'A', { final_label: 'lucky_win' });
    expect(useReviewStore.getState().batch?.entries.find((e) => e.id === 'A')?.final_label).toBe('lucky_win');
    expect(useReviewStore.getState().saving).toEqual(['A']);
    expect(await pending).toBe(true);
    expect(useReviewStore.getState().saving).toEqual([]);
    expect(api.state.batch.entries.find((e) => e.id === 'A')?.label_source).toBe('manual');
  });
});
