import type { AgentWeight, ConfusionRow, JournalFilter, WeightPoint } from '../../shared/ipc/schemas.ts';
import { buildAgentWeights, buildConfusion } from '../../shared/ipc/views.ts';
import type { JournalHolder } from './journalHolder.ts';
import type { JournalService } from './journalService.ts';

export const MESH_LOGGER_FILE = 'mesh_logger.jsonl';

export type AgentsService = {
  weights(): Promise<AgentWeight[]>;
  history(agent: string | undefined): Promise<WeightPoint[]>;
  confusion(filter: JournalFilter): Promise<ConfusionRow[]>;
};

export function createAgentsService(journal: JournalHolder, journalService: JournalService): AgentsService {
  return {
    async weights() {
      const store = await journal.store();
      return buildAgentWeights(await journalService.entries(), normalizeWeights(await store.weights()));
    },
    async history(agent) {
      const store = await journal.store();
      const text = (await store.readDerived(MESH_LOGGER_FILE)) ?? '';
      const entries = await journalService.entries();
      const exitTimes = new Map(entries.map((entry) => [entry.id, entry.exit_time]));
      return weightPoints(text, exitTimes, agent);
    },
    confusion: async (filter) => buildConfusion(await journalService.entries(filter)),
  };
}

/**
 * One point per trade and agent from mesh_logger.jsonl (one line per trade, agent and phase): the weight
 * before the trade's first line and after its last, in the file's order, which is trade-exit order.
 */
export function weightPoints(meshLogger: string, exitTimes: ReadonlyMap<string, string>, agent?: string): WeightPoint[] {
  const points = new Map<string, WeightPoint>();
  for (const line of meshLogger.split('\n')) {
    if (line.trim() === '') continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const name = typeof row.agent === 'string' ? row.agent : null;
    const tradeId = typeof row.trade_id === 'string' ? row.trade_id : null;
    if (!name || !tradeId || (agent !== undefined && name !== agent)) continue;
    if (typeof row.weight_before !== 'number' || typeof row.weight_after !== 'number') continue;
    const key = `${tradeId}\u0000${name}`;
    const existing = points.get(key);
    points.set(key, {
      agent: name,
      trade_id: tradeId,
      time: exitTimes.get(tradeId) ?? '',
      weight_before: existing?.weight_before ?? row.weight_before,
      weight_after: row.weight_after,
    });
  }
  return [...points.values()];
}

/** The store's weights as name → weight, whether it hands out a plain map or richer records. */
export function normalizeWeights(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  const source = typeof raw === 'object' && raw !== null && 'agents' in raw ? (raw as { agents: unknown }).agents : raw;
  if (Array.isArray(source)) {
    for (const item of source) {
      const record = item as Record<string, unknown>;
      const name = record.agent ?? record.name;
      const weight = record.weight ?? record.reinforcement_weight;
      if (typeof name === 'string' && typeof weight === 'number') out[name] = weight;
    }
    return out;
  }
  if (typeof source === 'object' && source !== null) {
    for (const [name, value] of Object.entries(source)) {
      if (typeof value === 'number') out[name] = value;
      else if (typeof value === 'object' && value !== null) {
        const record = value as Record<string, unknown>;
        const weight = record.weight ?? record.reinforcement_weight;
        if (typeof weight === 'number') out[name] = weight;
      }
    }
  }
  return out;
}
