import type { MeshLogLine } from '../engine/reinforcement.ts';
import { WEIGHT_DECIMALS, round } from './stats.ts';

export const MESH_LOGGER_FILE = 'mesh_logger.jsonl';

/** The exact fields of a `mesh_logger.jsonl` line, in the order they are written. */
export const MESH_LOGGER_FIELDS = [
  'trade_id',
  'agent',
  'phase',
  'polarity',
  'score',
  'aligned',
  'conflicted',
  'weight_before',
  'weight_after',
] as const satisfies readonly (keyof MeshLogLine)[];

/** One line per trade and agent, in the order the updates were applied (trade exit order). */
export function renderMeshLogger(log: readonly MeshLogLine[]): string {
  let out = '';
  for (const line of log) {
    const ordered: MeshLogLine = {
      trade_id: line.trade_id,
      agent: line.agent,
      phase: line.phase,
      polarity: line.polarity,
      score: line.score,
      aligned: line.aligned,
      conflicted: line.conflicted,
      weight_before: round(line.weight_before, WEIGHT_DECIMALS),
      weight_after: round(line.weight_after, WEIGHT_DECIMALS),
    };
    out += JSON.stringify(ordered) + '\n';
  }
  return out;
}
