// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../shared/ipc/errors.ts';
import { sampleEntry } from '../../../shared/ipc/samples.ts';
import { ApiProvider } from '../../api/ApiContext.tsx';
import { createFakeApi, fakeExampleEntry, type FakeApi } from '../../api/fake.ts';
import { resetAppState, useAppStore } from '../../state/app.ts';
import { resetImportState } from '../../state/import.ts';
import { commitBatch, resetReviewState, useReviewStore } from '../../state/review.ts';
import { ImportScreen } from './ImportScreen.tsx';

function renderImport(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <ImportScreen />
    </ApiProvider>,
  );
}

/** The shell loads app.info; these tests render the screen alone, so they set the example's day themselves. */
function withExampleDay() {
  useAppStore.setState({ info: { version: '1', data_dir: '/d', mode: 'browser', native_dialogs: false, first_run: false, example_day: '2025-06-11' } });
}

const trade = (id: string) => JSON.stringify(sampleEntry({ id }).trade);

function drop(files: File[]) {
  fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files } });
}

beforeEach(() => {
  resetAppState();
  resetReviewState();
  resetImportState();
});
afterEach(cleanup);

describe('ImportScreen', () => {
  it('renders the drop zone, the example-day button and how it works before any import', () => {
    renderImport(createFakeApi());
    expect(screen.getByTestId('drop-zone')).toBeTruthy();
    expect(screen.getByTestId('load-example')).toBeTruthy();
    expect(screen.queryByTestId('import-result')).toBeNull();
  });

  it('imports dropped files with the kind the trader picked, lists rejected rows as file:line: field: reason, and offers the review', async () => {
    const api = createFakeApi();
    renderImport(api);
    const good = new File([`${trade('A1')}\n${trade('A2')}\n`], 'day.jsonl');
    const bad = new File([`${trade('B1')}\n{"id":"B2"}\nnot json\n`], 'late.jsonl');
    drop([good, bad]);
    await waitFor(() => expect(screen.getAllByTestId('queued-file')).toHaveLength(2));
    const kinds = screen.getAllByTestId('file-kind') as HTMLSelectElement[];
    expect(kinds[0]?.value).toBe('auto');
    expect(kinds[0]?.textContent).toContain('auto (trades)');
    fireEvent.change(kinds[1]!, { target: { value: 'trades' } });

    fireEvent.click(screen.getByTestId('import-button'));
    const result = await screen.findByTestId('import-result');
    const request = api.calls.find((call) => call.channel === 'import.files')?.request as { files: { name: string; kind?: string }[] };
    expect(request.files.map((file) => [file.name, file.kind])).toEqual([
      ['day.jsonl', undefined],
      ['late.jsonl', 'trades'],
    ]);

    const rows = within(result).getAllByTestId('row-error');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toMatch(/^late\.jsonl:2:/);
    expect(rows[1]?.getAttribute('title')).toMatch(/^late\.jsonl:3:/);
    expect(within(result).getByTestId('merge-summary').textContent).toBe('merged: 3 new, 0 updated, 0 already committed');
    expect(useReviewStore.getState().batch?.entries).toHaveLength(3);
    // Which trades the market data covers, and what to import for the rest.
    expect(within(result).getByTestId('import-coverage').textContent).toContain('Market data covers 0 of 3 trades with 1-minute bars');

    fireEvent.click(within(result).getByTestId('review-staged'));
    expect(useAppStore.getState().screen).toBe('review');
  });

  it('a second import of the same day merges by trade id and says how many were new and updated', async () => {
    const api = createFakeApi();
    renderImport(api);
    drop([new File([`${trade('A1')}\n`], 'first.jsonl')]);
    await screen.findByTestId('queued-file');
    fireEvent.click(screen.getByTestId('import-button'));
    await screen.findByTestId('merge-summary');
    drop([new File([`${trade('A1')}\n${trade('A2')}\n`], 'second.jsonl')]);
    await screen.findByTestId('queued-file');
    fireEvent.click(screen.getByTestId('import-button'));
    await waitFor(() => expect(screen.getByTestId('merge-summary').textContent).toBe('merged: 1 new, 1 updated, 0 already committed'));
  });

  it('filters the rejected rows by file', async () => {
    const api = createFakeApi();
    renderImport(api);
    drop([new File(['x\n'], 'a.jsonl'), new File(['y\nz\n'], 'b.jsonl')]);
    await waitFor(() => expect(screen.getAllByTestId('queued-file')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('import-button'));
    await waitFor(() => expect(screen.getAllByTestId('row-error')).toHaveLength(3));
    fireEvent.change(screen.getByTestId('row-error-filter'), { target: { value: 'b.jsonl' } });
    expect(screen.getAllByTestId('row-error')).toHaveLength(2);
  });

  it('shows a message per field for a hand-typed trade and stages it once valid', async () => {
    const api = createFakeApi();
    renderImport(api);
    fireEvent.click(screen.getByTestId('manual-toggle'));
    fireEvent.click(screen.getByTestId('manual-submit'));
    expect(screen.getByTestId('manual-error-strike').textContent).toContain('strike');
    expect(screen.getByTestId('manual-error-entry_time').textContent).toContain('HH:MM');
    expect(api.calls.some((call) => call.channel === 'import.manualTrade')).toBe(false);

    const set = (name: string, value: string) => fireEvent.change(screen.getByTestId(`manual-${name}`), { target: { value } });
    set('date', '2025-07-08');
    set('strike', '620');
    set('entry_time', '10:15');
    set('exit_time', '10:42');
    set('entry_price', '1.25');
    set('exit_price', '1.85');
    fireEvent.click(screen.getByTestId('manual-submit'));
    await screen.findByTestId('import-result');
    const sent = api.calls.find((call) => call.channel === 'import.manualTrade')?.request as { trade: Record<string, unknown> };
    expect(sent.trade).toMatchObject({
      symbol: 'SPY',
      expiry: '2025-07-08',
      strike: 620,
      entry_time: '2025-07-08T10:15:00-04:00',
      exit_time: '2025-07-08T10:42:00-04:00',
    });
  });

  it('shows the import error in the trader\'s words when the import fails', async () => {
    const api = createFakeApi();
    api.handle('import.files', async () => {
      throw new ServiceError('import_rejected', 'None of the files could be read as trades, bars, context or signals.');
    });
    renderImport(api);
    drop([new File(['?'], 'mystery.bin')]);
    await screen.findByTestId('queued-file');
    fireEvent.click(screen.getByTestId('import-button'));
    expect((await screen.findByTestId('error-state')).textContent).toContain('None of the files could be read');
  });

  it('in the desktop app the drop zone opens the native dialog (import.pick) instead of the file input', async () => {
    const api = createFakeApi({ info: { mode: 'electron', native_dialogs: true } });
    const info = await api.invoke('app.info', {});
    if (info.ok) useAppStore.getState().setInfo(info.value);
    renderImport(api);
    fireEvent.click(screen.getByTestId('drop-zone'));
    await waitFor(() => expect(api.calls.some((call) => call.channel === 'import.pick')).toBe(true));
    expect(screen.queryByTestId('error-state')).toBeNull();
  });

  it('stops offering the example day once it is staged, and says why', async () => {
    withExampleDay();
    renderImport(createFakeApi());
    fireEvent.click(screen.getByTestId('load-example'));
    const note = await screen.findByTestId('example-day-note');
    expect(note.textContent).toContain('The example day is staged');
    expect(screen.queryByTestId('load-example')).toBeNull();
  });

  it('stops offering the example day once it is committed', async () => {
    const api = createFakeApi({ committed: [fakeExampleEntry({ id: 'EX1' })] });
    withExampleDay();
    renderImport(api);
    expect((await screen.findByTestId('example-day-note')).textContent).toContain('already in your journal');
    expect(screen.queryByTestId('load-example')).toBeNull();
    const request = api.calls.find((call) => call.channel === 'journal.list')?.request;
    expect(request).toEqual({ from: '2025-06-11', to: '2025-06-11' });
  });

  it('after a commit the last import no longer offers to review a batch that is gone', async () => {
    const api = createFakeApi();
    renderImport(api);
    drop([new File([`${trade('A1')}\n`], 'day.jsonl')]);
    await screen.findByTestId('queued-file');
    fireEvent.click(screen.getByTestId('import-button'));
    await screen.findByTestId('review-staged');
    await act(async () => {
      await commitBatch(api);
    });
    expect(screen.queryByTestId('review-staged')).toBeNull();
    expect(screen.getByTestId('batch-gone').textContent).toContain('committed or discarded');
  });
});
