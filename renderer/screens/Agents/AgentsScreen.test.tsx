// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiContext.tsx';
import { sampleEntry } from '../../../shared/ipc/samples.ts';
import { createFakeApi, type FakeApi } from '../../api/fake.ts';
import { sampleJournal } from '../../charts/sampleJournal.ts';
import { resetAgentsState } from '../../state/agents.ts';
import { resetAppState } from '../../state/app.ts';
import { AgentsScreen } from './AgentsScreen.tsx';

function renderAgents(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <AgentsScreen />
    </ApiProvider>,
  );
}

function agentsApi(): FakeApi {
  const api = createFakeApi({ committed: sampleJournal(), weights: { flowbot: 1.15, vwap_scout: 0.82 } });
  api.handle('agents.history', async () => ({
    points: [
      { agent: 'flowbot', trade_id: 'A1', time: '2025-03-10T09:58:00-04:00', weight_before: 1, weight_after: 1.1 },
      { agent: 'flowbot', trade_id: 'A2', time: '2025-03-10T11:40:00-04:00', weight_before: 1.1, weight_after: 1.15 },
      { agent: 'vwap_scout', trade_id: 'A2', time: '2025-03-10T11:40:00-04:00', weight_before: 1, weight_after: 0.82 },
    ],
  }));
  return api;
}

beforeEach(() => {
  resetAppState();
  resetAgentsState();
});
afterEach(cleanup);

describe('AgentsScreen', () => {
  it('tells a new user what to do when nothing is committed', async () => {
    renderAgents(createFakeApi());
    expect((await screen.findByTestId('empty-no-trades')).textContent).toContain('No committed trades yet');
  });

  it('with committed trades that carry no agent signals, says so instead of "no committed trades"', async () => {
    renderAgents(createFakeApi({ committed: [sampleEntry({ id: 'N1', agents: [], agents_involved: [] }), sampleEntry({ id: 'N2', agents: [], agents_involved: [] })] }));
    expect((await screen.findByTestId('empty-no-agents')).textContent).toContain('2 committed trades, none carries agent signals');
    expect(screen.queryByTestId('empty-no-trades')).toBeNull();
  });

  it('lists current weights with the change since start and the alignment and conflict rates', async () => {
    renderAgents(agentsApi());
    const flowbot = await screen.findByTestId('agent-row-flowbot');
    expect(flowbot.textContent).toContain('1.150');
    expect(flowbot.textContent).toContain('+0.150 (+15.0%)');
    const scout = screen.getByTestId('agent-row-vwap_scout');
    expect(scout.textContent).toContain('−0.180 (−18.0%)');
    // vwap_scout's one signal pointed against A2: conflict 100%, alignment 0%.
    expect(scout.textContent).toContain('100%');
  });

  it('shows the mesh confusion log with the conflicting agents, alignment, label and PnL', async () => {
    renderAgents(agentsApi());
    const row = await screen.findByTestId('confusion-row-A2');
    expect(row.textContent).toContain('vwap_scout');
    expect(row.textContent).toContain('40%');
    expect(row.textContent).toContain('Conflict failure');
    expect(row.textContent).toContain('−$64.00');
  });

  it('the confusion log keeps entry and exit conflicts apart and names the contract', async () => {
    const journal = sampleJournal();
    const a2 = journal[1]!;
    const exitTurn = { ...a2.agents[0]!, phase: 'exit' as const, polarity: 'bearish' as const, score: 0.5, aligned: false, conflicted: true };
    journal[1] = { ...a2, agents: [...a2.agents, exitTurn] };
    renderAgents(createFakeApi({ committed: journal, weights: { flowbot: 1.15, vwap_scout: 0.82 } }));
    const row = await screen.findByTestId('confusion-row-A2');
    expect(within(row).getByTestId('confusion-contract').textContent).toBe('SPY 03/10/25 572C');
    const entry = within(row).getByTestId('confusion-entry');
    expect(entry.textContent).toContain('1 of 2');
    expect(entry.textContent).toContain('vwap_scout (bearish 0.60)');
    expect(entry.textContent).not.toContain('flowbot');
    expect(within(row).getByTestId('confusion-exit').textContent).toContain('flowbot (bearish 0.50)');
  });

  it('current weights are drawn on a log scale with tick labels', async () => {
    renderAgents(createFakeApi({ committed: sampleJournal(), weights: { flowbot: 0.456, vwap_scout: 0.559 } }));
    const axis = await screen.findByTestId('weight-axis');
    expect(axis.textContent).toContain('1.00');
    expect(axis.textContent).toContain('0.5');
    const left = (agent: string) => parseFloat((screen.getByTestId(`weight-bar-${agent}`).querySelector('.qa-weight-fill') as HTMLElement).style.left);
    expect(left('vwap_scout') - left('flowbot')).toBeGreaterThan(4);
  });

  it('an agent can be hidden from the trend chart and shown again', async () => {
    renderAgents(agentsApi());
    const row = await screen.findByTestId('agent-row-flowbot');
    const toggle = within(row).getByRole('button', { name: 'Hide flowbot in the chart' });
    fireEvent.click(toggle);
    expect(within(row).getByRole('button', { name: 'Show flowbot in the chart' }).getAttribute('aria-pressed')).toBe('false');
  });
});
