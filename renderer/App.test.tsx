// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleEntry } from '../shared/ipc/samples.ts';
import { ApiProvider } from './api/ApiContext.tsx';
import { createFakeApi, type FakeApi } from './api/fake.ts';
import { App } from './App.tsx';
import { screenForDigit, screenForLetter } from './components/shell/shortcuts.ts';
import { resetAppState, resolveTheme, useAppStore } from './state/app.ts';
import { resetImportState } from './state/import.ts';
import { resetReviewState } from './state/review.ts';

function renderApp(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <App />
    </ApiProvider>,
  );
}

function key(keyName: string, init: KeyboardEventInit = {}) {
  act(() => {
    fireEvent.keyDown(window, { key: keyName, ...init });
  });
}

beforeEach(() => {
  resetAppState();
  resetReviewState();
  resetImportState();
  document.documentElement.removeAttribute('data-theme');
});
afterEach(cleanup);

describe('App shell', () => {
  it('shows data dir and mode, and the Review badge counts the staged trades reloaded from the main process', async () => {
    renderApp(createFakeApi({ staged: [sampleEntry({ id: 'A' }), sampleEntry({ id: 'B' })] }));
    expect((await screen.findByTestId('data-dir')).textContent).toBe('/fake/qthink');
    expect(screen.getByTestId('app-mode').textContent).toBe('Browser');
    await waitFor(() => expect(screen.getByTestId('nav-review-badge').textContent).toBe('2'));
    expect(screen.getByTestId('screen-import')).toBeTruthy();
  });

  it('switches screens from the sidebar, with g then a letter, and with Ctrl+1…6', async () => {
    renderApp(createFakeApi());
    fireEvent.click(screen.getByTestId('nav-heatmap'));
    expect(screen.getByTestId('screen-heatmap')).toBeTruthy();
    key('g');
    key('r');
    expect(screen.getByTestId('screen-review')).toBeTruthy();
    key('1', { ctrlKey: true });
    expect(screen.getByTestId('screen-import')).toBeTruthy();
    key('6', { ctrlKey: true });
    expect(screen.getByTestId('screen-journal')).toBeTruthy();
    expect(screenForLetter('e')).toBe('regret');
    expect(screenForDigit({ key: '5', ctrlKey: false, metaKey: true, altKey: false })).toBe('agents');
  });

  it('? opens the shortcut help with the review keys, Escape closes it', async () => {
    renderApp(createFakeApi());
    key('?');
    const help = await screen.findByTestId('help-overlay');
    expect(help.textContent).toContain('a then 1–6Archetype');
    expect(help.textContent).toContain('Go to Review');
    fireEvent.keyDown(help, { key: 'Escape' });
    expect(screen.queryByTestId('help-overlay')).toBeNull();
  });

  it('the theme toggle switches <html data-theme> and is saved through settings.set', async () => {
    const api = createFakeApi({ settings: { theme: 'dark' } });
    renderApp(api);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    fireEvent.click(screen.getByTestId('theme-toggle'));
    expect(document.documentElement.dataset.theme).toBe('light');
    await waitFor(() => expect(api.state.settings.theme).toBe('light'));
    expect(resolveTheme('system', false)).toBe('light');
  });

  it('a first run offers the example day; loading it stages the trades and opens Review', async () => {
    const api = createFakeApi();
    renderApp(api);
    fireEvent.click(await screen.findByTestId('banner-load-example'));
    await waitFor(() => expect(useAppStore.getState().screen).toBe('review'));
    await waitFor(() => expect(screen.getByTestId('nav-review-badge').textContent).toBe('2'));
    expect(screen.queryByTestId('first-run-banner')).toBeNull();
  });
});
