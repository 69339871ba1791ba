/**
 * The contract's channel names as plain strings, without the schemas: the sandboxed preload checks names
 * against this list and so stays small (contract.ts checks at compile time that both lists agree).
 */
export const CHANNEL_NAMES = [
  'app.info',
  'import.files',
  'import.pick',
  'import.manualTrade',
  'example.load',
  'staging.get',
  'staging.override',
  'staging.unstage',
  'staging.regroup',
  'staging.preview',
  'staging.commit',
  'journal.list',
  'journal.summary',
  'journal.calendar',
  'journal.triggers',
  'journal.regret',
  'journal.heatmap',
  'journal.performance',
  'score.proposal',
  'journal.health',
  'journal.repair',
  'agents.weights',
  'agents.history',
  'agents.confusion',
  'market.bars',
  'export.create',
  'export.save',
  'settings.get',
  'settings.set',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(CHANNEL_NAMES);

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && NAMES.has(name);
}
