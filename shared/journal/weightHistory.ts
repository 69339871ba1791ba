export const REINFORCEMENT_HISTORY_FILE = 'reinforcement_history.jsonl';

/**
 * One point of an agent's weight history: `{agent, trade_id, timestamp, weight}`, the weight after the trade
 * (rounded to 6 decimals), one line per agent a trade moved, in journal order. Its own append-only file
 * rather than arrays inside reinforcement_profile.json, so that the daily commit appends the day's points
 * instead of rewriting years of them.
 */
export function weightHistoryLine(agent: string, tradeId: string, timestamp: string, weight: number): string {
  return `{"agent":${JSON.stringify(agent)},"trade_id":${JSON.stringify(tradeId)},"timestamp":${JSON.stringify(timestamp)},"weight":${String(weight)}}\n`;
}
