import { useMemo } from 'react';
import { INITIAL_WEIGHT, LEARNING_RATE, MAX_LOWER_FACTOR, MAX_RAISE_FACTOR, MEAN_REVERSION } from '../../../shared/engine/reinforcement.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Kpi } from '../../components/Kpi.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { NoCommittedTrades } from '../../components/NoCommittedTrades.tsx';
import { Panel } from '../../components/Panel.tsx';
import { count, num, plural } from '../../format.ts';
import {
  agentRows,
  agentsActions,
  confusionNewestFirst,
  useAgentWeights,
  useConfusion,
  useHiddenAgents,
  useWeightHistory,
  weightSeries,
  useCommittedCount,
} from '../../state/agents.ts';
import '../../styles/screens-analysis.css';
import './agents.css';
import { AgentTable } from './AgentTable.tsx';
import { ConfusionLog } from './ConfusionLog.tsx';
import { CurrentWeights } from './CurrentWeights.tsx';
import { WeightTrendChart } from './WeightTrendChart.tsx';
import { useAgentsScreen } from './useAgentsScreen.ts';

/** Agents: how the reinforcement weights moved, how often each agent was right, and the mesh confusion log. */
export function AgentsScreen() {
  const { reload } = useAgentsScreen();
  const weights = useAgentWeights();
  const history = useWeightHistory();
  const confusion = useConfusion();
  const hidden = useHiddenAgents();
  const committed = useCommittedCount();
  const series = useMemo(() => weightSeries(history.data ?? []), [history.data]);
  const rows = useMemo(() => agentRows(weights.data ?? [], series), [weights.data, series]);
  const confusionRows = useMemo(() => confusionNewestFirst(confusion.data ?? []), [confusion.data]);
  const error = weights.error ?? history.error ?? confusion.error;
  const loaded = weights.data !== null && history.data !== null && confusion.data !== null;
  const loading = [weights, history, confusion].some((remote) => remote.status === 'loading');
  const committedTrades = series.steps.length - 1;
  const strongest = rows[0];
  const weakest = rows.length > 1 ? rows[rows.length - 1] : undefined;

  return (
    <div className="screen qa-screen" data-testid="agents-screen">
      <header className="screen-header">
        <div>
          <h1 className="screen-title">Agents</h1>
          <p className="screen-subtitle">
            Reinforcement weights start at {INITIAL_WEIGHT.toFixed(2)}. Each committed trade, in exit order, moves a weight{' '}
            {Number((LEARNING_RATE * 100).toFixed(1))}% of the way toward that trade&apos;s verdict on the agent (never more than +
            {Math.round((MAX_RAISE_FACTOR - 1) * 100)}% or −{Math.round((1 - MAX_LOWER_FACTOR) * 100)}% at once), so a weight reflects
            about the last {Math.round(1 / MEAN_REVERSION)} trades.
          </p>
        </div>
        {loading && loaded ? <LoadingState inline label="Refreshing…" /> : null}
      </header>

      {error ? <ErrorState error={error} onRetry={reload} title="Could not load the agents" /> : null}

      {!loaded ? (
        error ? null : <LoadingState label="Loading agents…" />
      ) : rows.length === 0 && confusionRows.length === 0 ? (
        <Panel>
          {committed !== null && committed > 0 ? (
            <EmptyState
              testId="empty-no-agents"
              title={`${count(committed)} committed trades, none carries agent signals`}
              body="Weights, the trend and the mesh-conflict table come from the agents' signals at each trade: add them to the trades (the agents field) or import a signal timeline for those days with the trades, and commit."
            />
          ) : (
            <NoCommittedTrades what="each agent's weight trend" />
          )}
        </Panel>
      ) : (
        <>
          <div className="qa-kpis" data-testid="agents-kpis">
            <Kpi label="Agents" value={String(rows.length)} hint={plural(committedTrades, 'weight update')} />
            {strongest ? <Kpi label="Highest weight" value={`${strongest.agent} ${num(strongest.weight, 2)}`} tone="good" /> : null}
            {weakest ? <Kpi label="Lowest weight" value={`${weakest.agent} ${num(weakest.weight, 2)}`} tone="bad" /> : null}
            <Kpi label="Trades under mesh conflict" value={String(confusionRows.length)} hint="mesh alignment below 60%" />
          </div>

          <div className="qa-grid-2-1">
            <Panel title="Weight trend" className="qa-panel-fill" testId="agents-trend" actions={<span className="qa-panel-note">dashed line = starting weight 1.00</span>}>
              {series.agents.length === 0 ? (
                <EmptyState title="No weight updates yet" body="Weights move when a committed trade carries agent signals (the trade's agents, or a signal timeline imported with it)." />
              ) : (
                <WeightTrendChart series={series} hidden={hidden} />
              )}
            </Panel>
            <Panel title="Current weights" testId="agents-current">
              <CurrentWeights rows={rows} />
            </Panel>
          </div>

          <Panel title="Agents" testId="agents-rates" actions={<span className="qa-panel-note">click an agent to show or hide its line</span>}>
            <AgentTable rows={rows} order={series.agents} hidden={hidden} onToggle={(agent) => agentsActions().toggleAgent(agent)} />
          </Panel>

          <Panel title="Mesh confusion log" testId="agents-confusion" actions={<span className="qa-panel-note">{plural(confusionRows.length, 'trade')}</span>}>
            {confusionRows.length === 0 ? (
              <EmptyState
                testId="confusion-empty"
                title="No trades under mesh conflict"
                body="A trade lands here when less than 60% of the mesh's weight agreed with its direction."
              />
            ) : (
              <ConfusionLog rows={confusionRows} />
            )}
          </Panel>
        </>
      )}
    </div>
  );
}
