// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../shared/ipc/errors.ts';
import { damagedJournal, healthyJournal, sampleEntry } from '../../../shared/ipc/samples.ts';
import { ApiProvider } from '../../api/ApiContext.tsx';
import { createFakeApi, type FakeApi } from '../../api/fake.ts';
import { App } from '../../App.tsx';
import { resetAppState } from '../../state/app.ts';
import { resetImportState } from '../../state/import.ts';
import { resetJournalHealthState } from '../../state/journalHealth.ts';
import { resetJournalState } from '../../state/journal.ts';
import { resetReviewState } from '../../state/review.ts';

function renderApp(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <App />
    </ApiProvider>,
  );
}

const committed = [sampleEntry({ id: 'A' }), sampleEntry({ id: 'B' }), sampleEntry({ id: 'C' })];

beforeEach(() => {
  resetAppState();
  resetReviewState();
  resetImportState();
  resetJournalState();
  resetJournalHealthState();
});
afterEach(cleanup);

describe('the journal health banner', () => {
  it('a damaged journal shows file and line on every screen, and no first-run offer', async () => {
    renderApp(createFakeApi({ committed, health: damagedJournal(7) }));
    const banner = await screen.findByTestId('journal-health-banner');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('journal-health-title').textContent).toBe('sync_log.jsonl line 7 cannot be read');
    expect(screen.getByTestId('journal-health-message').textContent).toContain('sync_log.jsonl:7: pnl:');
    expect(screen.queryByTestId('first-run-banner')).toBeNull();
    fireEvent.click(screen.getByTestId('nav-import'));
    expect(screen.queryByTestId('load-example')).toBeNull();
    for (const name of ['review', 'journal', 'agents']) {
      fireEvent.click(screen.getByTestId(`nav-${name}`));
      expect(screen.getByTestId(`screen-${name}`)).toBeTruthy();
      expect(screen.getByTestId('journal-health-banner')).toBeTruthy();
    }
  });

  it('Repair… asks first (nothing is deleted, damaged lines go to backups/ with their line numbers), then shows what it did, and the screens load', async () => {
    const api = createFakeApi({ committed, health: damagedJournal(7) });
    renderApp(api);
    fireEvent.click(screen.getByTestId('nav-journal'));
    await waitFor(() => expect(screen.getAllByTestId('error-state').length).toBeGreaterThan(0));

    fireEvent.click(await screen.findByTestId('journal-repair'));
    const dialog = screen.getByTestId('repair-dialog');
    expect(dialog.textContent).toContain('Nothing is deleted.');
    expect(within(dialog).getByTestId('repair-problem').textContent).toBe('sync_log.jsonl:7: pnl: Invalid input: expected number, received string');
    expect(dialog.textContent).toContain('goes to backups/ in the data directory, with its line number and the reason');
    const confirm = within(dialog).getByTestId('repair-confirm');
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(api.calls.some((call) => call.channel === 'journal.repair')).toBe(false);

    fireEvent.click(confirm);
    const result = await screen.findByTestId('repair-result');
    expect(screen.getByTestId('repair-kept').textContent).toBe('3');
    expect(screen.getByTestId('repair-moved').textContent).toContain('line 7');
    expect(screen.getByTestId('repair-moved-to').textContent).toMatch(/^backups\/sync_log\.damaged-lines\./);
    expect(result.textContent).toContain('The journal is open again');
    expect(screen.queryByTestId('journal-health-banner')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('repair-close')));

    fireEvent.click(screen.getByTestId('repair-close'));
    expect(screen.queryByTestId('repair-dialog')).toBeNull();
    // The Journal screen, remounted on the reopened journal, lists the trades it could not load before.
    await waitFor(() => expect(screen.queryAllByTestId('error-state')).toEqual([]));
    expect(api.calls.filter((call) => call.channel === 'journal.list').length).toBeGreaterThan(1);
  });

  it('Escape or Cancel closes the confirmation without repairing anything', async () => {
    const api = createFakeApi({ health: damagedJournal(3) });
    renderApp(api);
    fireEvent.click(await screen.findByTestId('journal-repair'));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('repair-dialog')).toBeNull();
    expect(api.calls.some((call) => call.channel === 'journal.repair')).toBe(false);
    expect(screen.getByTestId('journal-health-banner')).toBeTruthy();
  });

  it('a failed repair says so and keeps the banner', async () => {
    const api = createFakeApi({ health: damagedJournal(3) });
    api.handle('journal.repair', async () => {
      throw new ServiceError('conflict', 'The journal is in use by process 42; close it first.');
    });
    renderApp(api);
    fireEvent.click(await screen.findByTestId('journal-repair'));
    fireEvent.click(screen.getByTestId('repair-confirm'));
    expect((await screen.findByTestId('error-state')).textContent).toContain('in use by process 42');
    expect(screen.getByTestId('repair-confirm').textContent).toBe('Try again');
    expect(screen.getByTestId('journal-health-banner')).toBeTruthy();
  });

  it('what opening repaired by itself is shown once, until dismissed', async () => {
    const notice = 'sync_log.jsonl ended in a cut-off line 16 (15 bytes of an unfinished write); it was moved to backups/sync_log.cut-off-line-16.jsonl and the journal goes on from line 15';
    renderApp(createFakeApi({ health: healthyJournal([notice]) }));
    const notices = await screen.findByTestId('journal-notices');
    expect(notices.textContent).toContain(notice);
    expect(screen.queryByTestId('journal-health-banner')).toBeNull();
    fireEvent.click(screen.getByTestId('journal-notices-dismiss'));
    expect(screen.queryByTestId('journal-notices')).toBeNull();
    fireEvent.click(screen.getByTestId('nav-journal'));
    expect(screen.queryByTestId('journal-notices')).toBeNull();
  });

  it('a journal repaired in a terminal is picked up by Check again', async () => {
    const api = createFakeApi({ committed, health: damagedJournal(5) });
    renderApp(api);
    await screen.findByTestId('journal-health-banner');
    api.state.health = healthyJournal();
    fireEvent.click(screen.getByTestId('journal-check-again'));
    await waitFor(() => expect(screen.queryByTestId('journal-health-banner')).toBeNull());
  });
});
