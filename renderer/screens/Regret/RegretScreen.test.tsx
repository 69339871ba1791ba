// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiContext.tsx';
import { createFakeApi, type FakeApi } from '../../api/fake.ts';
import { sampleJournal } from '../../charts/sampleJournal.ts';
import { resetAppState, useAppStore } from '../../state/app.ts';
import { resetRegretState } from '../../state/regret.ts';
import { RegretScreen } from './RegretScreen.tsx';

function renderRegret(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <RegretScreen />
    </ApiProvider>,
  );
}

beforeEach(() => {
  resetAppState();
  resetRegretState();
});
afterEach(cleanup);

describe('RegretScreen', () => {
  it('tells a new user to import and commit a day when nothing is committed', async () => {
    renderRegret(createFakeApi());
    const empty = await screen.findByTestId('empty-no-trades');
    expect(empty.textContent).toContain('No committed trades yet');
    fireEvent.click(within(empty).getByRole('button', { name: 'Go to Import' }));
    expect(useAppStore.getState().screen).toBe('import');
  });

  it('ranks the costliest regret with its mean and n, and shows the archetype table with n per cell', async () => {
    renderRegret(createFakeApi({ committed: sampleJournal() }));
    const ranking = await screen.findByTestId('regret-costliest');
    const first = ranking.querySelector('li');
    // decay_regret: 0.12, 0.12, 0.12, 0.9 → 0.315 is not the top; exit 0.35,0.6,0.35,0.35 → 0.41; late exit (0.1,0.1,0.1,0.75) → 0.26.
    expect(first?.textContent).toContain('Exit');
    expect(first?.textContent).toContain('0.41');
    expect(first?.textContent).toContain('n = 4 of 4');
    expect(ranking.textContent).toContain('n = 1 of 4 · 3 not scored, excluded');
    const table = screen.getByTestId('regret-archetype-table');
    expect(within(table).getByText('Momentum break')).toBeTruthy();
    expect(within(table).getByLabelText(/Gamma flip, Pin: mean 0\.30 over 1 scored trades/)).toBeTruthy();
    expect(within(table).getByLabelText(/Fade reversal, Pin: no scored trades/)).toBeTruthy();
  });

  it('switches the period bucket and re-asks the service', async () => {
    const api = createFakeApi({ committed: sampleJournal() });
    renderRegret(api);
    await screen.findByTestId('regret-costliest');
    fireEvent.click(screen.getByTestId('regret-bucket-week'));
    await waitFor(() => expect(api.calls.at(-1)).toMatchObject({ channel: 'journal.regret', request: { bucket: 'week' } }));
    expect(screen.getByTestId('regret-bucket-week').getAttribute('aria-pressed')).toBe('true');
  });

  it('a dimension toggle switches its line off and on', async () => {
    renderRegret(createFakeApi({ committed: sampleJournal() }));
    const toggle = await screen.findByTestId('regret-toggle-pin_regret');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
  });

  it('shows the error with a retry when the service fails', async () => {
    const api = createFakeApi();
    api.handle('journal.regret', async () => {
      throw new Error('disk gone');
    });
    renderRegret(api);
    const error = await screen.findByTestId('error-state');
    expect(error.textContent).toContain('Could not load the regret breakdown');
    expect(within(error).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
