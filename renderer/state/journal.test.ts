import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../api/fake.ts';
import { sampleJournal } from '../charts/sampleJournal.ts';
import { summaryOf } from '../../shared/ipc/views.ts';
import { activeFilterCount, emptyJournalState, selectedDay, triggerReadiness, useJournalStore } from './journal.ts';

describe('journal slice', () => {
  beforeEach(() => useJournalStore.setState(emptyJournalState()));

  it('clicking a day filters to that day and clicking it again clears the date filter', () => {
    const { toggleDay } = useJournalStore.getState();
    useJournalStore.getState().setFilter({ time_block: 'chop_mid' });
    toggleDay('2025-03-10');
    expect(useJournalStore.getState().filter).toEqual({ time_block: 'chop_mid', from: '2025-03-10', to: '2025-03-10' });
    expect(selectedDay(useJournalStore.getState().filter)).toBe('2025-03-10');
    toggleDay('2025-03-10');
    expect(useJournalStore.getState().filter).toEqual({ time_block: 'chop_mid' });
  });

  it('an emptied filter field is dropped, not sent as an empty string', () => {
    useJournalStore.getState().setFilter({ agent: 'flowbot' });
    useJournalStore.getState().setFilter({ agent: '' });
    expect(useJournalStore.getState().filter).toEqual({});
    expect(activeFilterCount(useJournalStore.getState().filter)).toBe(0);
  });

  it('trades are listed with the current filter', async () => {
    const api = createFakeApi({ committed: sampleJournal() });
    useJournalStore.getState().setFilter({ setup_archetype: 'gamma_flip' });
    await useJournalStore.getState().loadTrades(api);
    expect(useJournalStore.getState().trades.data?.entries.map((entry) => entry.id)).toEqual(['A3']);
    expect(api.calls.find((call) => call.channel === 'journal.list')).toMatchObject({ request: { setup_archetype: 'gamma_flip' } });
    expect(useJournalStore.getState().performance.data?.overall.trades).toBe(1);
  });

  it('exports go through the save dialog when the app has native dialogs, else come back as content', async () => {
    const api = createFakeApi({ committed: sampleJournal() });
    api.handle('export.save', async () => ({ saved: true, path: '/home/t/journal.csv' }));
    await useJournalStore.getState().exportJournal(api, 'csv', true);
    expect(useJournalStore.getState().exporting.outcome).toEqual({ kind: 'saved', format: 'csv', path: '/home/t/journal.csv', saved: true });
    await useJournalStore.getState().exportJournal(api, 'json', false);
    const outcome = useJournalStore.getState().exporting.outcome;
    expect(outcome?.kind).toBe('file');
    expect(api.calls.map((call) => call.channel)).toEqual(['export.save', 'export.create']);
  });

  it('a failed export is shown as an error and clears the busy flag', async () => {
    const api = createFakeApi();
    await useJournalStore.getState().exportJournal(api, 'md', true);
    expect(useJournalStore.getState().exporting).toMatchObject({ busy: null, outcome: null, error: { kind: 'unsupported' } });
  });

  it('trigger readiness counts the groups that reach the minimum sample (time blocks also need the rest)', () => {
    const entries = sampleJournal();
    const readiness = triggerReadiness(summaryOf(entries, {}, []), 2);
    // archetypes: momentum_break ×2, fade_reversal ×1, gamma_flip ×1 → one reaches 2.
    expect(readiness.find((row) => row.kind === 'archetypes')).toEqual({ kind: 'archetypes', ready: 1, total: 3, largest: 2 });
    // time blocks: one trade in each of four blocks → none reaches 2.
    expect(readiness.find((row) => row.kind === 'time blocks')).toMatchObject({ ready: 0, total: 4, largest: 1 });
  });
});
