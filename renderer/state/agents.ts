import { create } from 'zustand';
import type { Api } from '../../shared/ipc/contract.ts';
import type { AgentWeight, ConfusionRow, WeightPoint } from '../../shared/ipc/schemas.ts';
import { idle, loading, requestCounter, settled, type Remote } from '../components/remote.ts';

/** The Agents screen's slice: current weights and rates, the weight history, and the mesh confusion log. */

export type AgentsState = {
  readonly weights: Remote<readonly AgentWeight[]>;
  readonly history: Remote<readonly WeightPoint[]>;
  readonly confusion: Remote<readonly ConfusionRow[]>;
  /** Agents switched off in the trend chart. */
  readonly hidden: readonly string[];
  /** Trades in the journal (journal.summary), so an empty screen can say whether it has trades without agents; null until known. */
  readonly committed: number | null;
};

export type AgentsActions = {
  toggleAgent(agent: string): void;
  load(api: Api): Promise<void>;
};

export function emptyAgentsState(): AgentsState {
  return { weights: idle(), history: idle(), confusion: idle(), hidden: [], committed: null };
}

const requests = requestCounter();

export const useAgentsStore = create<AgentsState & AgentsActions>()((set) => ({
  ...emptyAgentsState(),
  toggleAgent: (agent) =>
    set((state) => ({ hidden: state.hidden.includes(agent) ? state.hidden.filter((a) => a !== agent) : [...state.hidden, agent] })),
  load: async (api) => {
    const id = requests.next();
    set((state) => ({ weights: loading(state.weights), history: loading(state.history), confusion: loading(state.confusion) }));
    const [weights, history, confusion, summary] = await Promise.all([
      api.invoke('agents.weights', {}),
      api.invoke('agents.history', {}),
      api.invoke('agents.confusion', {}),
      api.invoke('journal.summary', {}),
    ]);
    if (!requests.isLatest(id)) return;
    set((state) => ({
      weights: settled(state.weights, weights.ok ? { ok: true, value: weights.value.agents } : weights),
      history: settled(state.history, history.ok ? { ok: true, value: history.value.points } : history),
      confusion: settled(state.confusion, confusion.ok ? { ok: true, value: confusion.value.rows } : confusion),
      committed: summary.ok ? summary.value.totals.trades : state.committed,
    }));
  },
}));

export function resetAgentsState(): void {
  useAgentsStore.setState(emptyAgentsState());
}

// --- selectors ---

/** One step of the trend chart: after the committed trade at `seq` (0 = before the first trade). */
export type WeightStep = {
  readonly seq: number;
  readonly trade_id: string | null;
  readonly time: string | null;
  /** Every charted agent's weight after this trade; an agent not in the trade keeps its weight. */
  readonly weights: Readonly<Record<string, number>>;
  /** Agents whose weight this trade moved. */
  readonly moved: readonly string[];
};

export type WeightSeries = {
  readonly agents: readonly string[];
  readonly steps: readonly WeightStep[];
  /** Each agent's weight before its first committed trade. */
  readonly start: Readonly<Record<string, number>>;
};

/**
 * The weight history as one step per committed trade, in the order the service gives (trade-exit order,
 * the order the updates were applied). Weights carry forward between an agent's trades, and before its
 * first trade an agent sits at its starting weight, so every line spans the whole x axis.
 */
export function weightSeries(points: readonly WeightPoint[]): WeightSeries {
  const start: Record<string, number> = {};
  const order: string[] = [];
  const byTrade = new Map<string, WeightPoint[]>();
  for (const point of points) {
    if (!(point.agent in start)) start[point.agent] = point.weight_before;
    const group = byTrade.get(point.trade_id);
    if (group) group.push(point);
    else {
      byTrade.set(point.trade_id, [point]);
      order.push(point.trade_id);
    }
  }
  const agents = Object.keys(start).sort();
  const current: Record<string, number> = { ...start };
  const steps: WeightStep[] = [{ seq: 0, trade_id: null, time: null, weights: { ...current }, moved: [] }];
  order.forEach((tradeId, index) => {
    const group = byTrade.get(tradeId) ?? [];
    for (const point of group) current[point.agent] = point.weight_after;
    steps.push({ seq: index + 1, trade_id: tradeId, time: group[0]?.time ?? null, weights: { ...current }, moved: group.map((p) => p.agent) });
  });
  return { agents, steps, start };
}

/** Current weight beside the change since the agent's first committed trade, highest weight first. */
export type AgentRow = AgentWeight & { readonly start: number | null; readonly change: number | null };

export function agentRows(weights: readonly AgentWeight[], series: WeightSeries): AgentRow[] {
  return weights
    .map((row) => {
      const start = series.start[row.agent] ?? null;
      return { ...row, start, change: start === null ? null : row.weight - start };
    })
    .sort((a, b) => b.weight - a.weight || a.agent.localeCompare(b.agent));
}

export type WeightAxis = { readonly domain: [number, number]; readonly ticks: readonly number[] };

/**
 * The y axis of the trend chart: from the lowest to the highest weight with a little room, snapped to a
 * round step so the ticks read 0.60, 0.70 … and always include the 1.00 starting weight.
 */
export function weightAxis(series: WeightSeries): WeightAxis {
  let low = 1;
  let high = 1;
  for (const step of series.steps) {
    for (const value of Object.values(step.weights)) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  const range = high - low;
  const step = range <= 0.3 ? 0.05 : range <= 0.9 ? 0.1 : 0.25;
  const from = Math.max(0, Math.floor((low - step / 2) / step) * step);
  const to = Math.ceil((high + step / 2) / step) * step;
  const ticks: number[] = [];
  for (let index = 0; from + index * step <= to + 1e-9; index += 1) ticks.push(Math.round((from + index * step) * 1000) / 1000);
  return { domain: [Math.round(from * 1000) / 1000, Math.round(to * 1000) / 1000], ticks };
}

/** Newest first: the trader reads the log from the latest conflict back. */
export function confusionNewestFirst(rows: readonly ConfusionRow[]): ConfusionRow[] {
  return [...rows].reverse();
}

// --- hooks ---

export const useAgentWeights = (): Remote<readonly AgentWeight[]> => useAgentsStore((state) => state.weights);
export const useWeightHistory = (): Remote<readonly WeightPoint[]> => useAgentsStore((state) => state.history);
export const useConfusion = (): Remote<readonly ConfusionRow[]> => useAgentsStore((state) => state.confusion);
export const useHiddenAgents = (): readonly string[] => useAgentsStore((state) => state.hidden);
export const useCommittedCount = (): number | null => useAgentsStore((state) => state.committed);

export function agentsActions(): AgentsActions {
  const { toggleAgent, load } = useAgentsStore.getState();
  return { toggleAgent, load };
}
