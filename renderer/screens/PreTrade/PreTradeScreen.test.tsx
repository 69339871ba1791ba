// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleEntry } from '../../../shared/ipc/samples.ts';
import { ApiProvider } from '../../api/ApiContext.tsx';
import { createFakeApi } from '../../api/fake.ts';
import { PreTradeScreen, proposalOf } from './PreTradeScreen.tsx';

afterEach(cleanup);

describe('PreTradeScreen', () => {
  it('a New York wall time becomes the proposal time with its offset; agents without a signal are left out', () => {
    const proposal = proposalOf({
      time: '2025-06-11T10:15',
      symbol: 'spy',
      direction: 'bearish',
      archetype: '',
      signals: [
        { name: 'flowbot', polarity: 'bearish', score: 0.8 },
        { name: 'quiet', polarity: 'none', score: 0.5 },
      ],
    });
    expect(proposal).toEqual({ time: '2025-06-11T10:15:00-04:00', symbol: 'SPY', direction: 'bearish', agents: [{ name: 'flowbot', polarity: 'bearish', score: 0.8 }] });
    expect(proposalOf({ time: '', symbol: 'SPY', direction: 'bullish', archetype: '', signals: [] })).toBeNull();
  });

  it("lists the journal's agents, and the verdict follows the signals picked", async () => {
    const api = createFakeApi({ committed: [sampleEntry({ id: 'A1' }), sampleEntry({ id: 'A2', pnl: -40 })], weights: { flowbot: 1.05 } });
    render(
      <ApiProvider api={api}>
        <PreTradeScreen />
      </ApiProvider>,
    );
    const row = (await screen.findAllByTestId('pretrade-signal'))[0] as HTMLElement;
    fireEvent.change(within(row).getByRole('combobox'), { target: { value: 'bullish' } });
    await waitFor(() => expect(screen.getByTestId('pretrade-verdict-kind').textContent).toMatch(/Favourable|Caution|Against/));
    const last = api.calls.filter((call) => call.channel === 'score.proposal').at(-1)?.request as { agents: { polarity: string }[] };
    expect(last.agents[0]?.polarity).toBe('bullish');
    expect(screen.getByTestId('pretrade-summary').textContent).toContain('journal of 2');
  });
});
