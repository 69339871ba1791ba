// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiContext.tsx';
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

  it('an agent can be hidden from the trend chart and shown again', async () => {
    renderAgents(agentsApi());
    const row = await screen.findByTestId('agent-row-flowbot');
    const toggle = within(row).getByRole('button', { name: 'Hide flowbot in the chart' });
    fireEvent.click(toggle);
    expect(within(row).getByRole('button', { name: 'Show flowbot in the chart' }).getAttribute('aria-pressed')).toBe('false');
  });
});
