import { MINIMUM_EFFECT_SIZE, MINIMUM_SAMPLE, SIGNIFICANCE_LEVEL, type MemoryTrigger } from '../engine/memoryTriggers.ts';
import type { JournalSpan } from './signalScoringLogic.ts';

export const PATTERNS_FILE = 'memory/patterns.md';

/** Trade ids quoted per pattern; the count beside them is always the full one. */
export const PATTERN_IDS_LISTED = 30;

const KIND_TITLES: Record<MemoryTrigger['kind'], string> = {
  archetype_losses: 'Archetype with repeat losses',
  archetype_wins: 'Archetype with repeat wins',
  regret_time_block: 'Regret that goes with a time of day',
  agent_alpha: 'Agent that leads to alpha',
  agent_decay: 'Agent that leads to losses or decay',
};

/**
 * `memory/patterns.md`: the memory triggers that fired ("QThink may commit patterns to Assistant memory"),
 * each as one statement an assistant can load, followed by its evidence. Nothing is sent anywhere.
 */
export function renderPatterns(triggers: readonly MemoryTrigger[], span: JournalSpan): string {
  const out = ['# QThink memory: patterns', ''];
  out.push(
    `Patterns found in ${span.trades} committed trades${span.firstDay ? ` (${span.firstDay} to ${span.lastDay})` : ''}, ` +
      'rebuilt from `sync_log.jsonl` on every commit. ' +
      `A pattern is listed only with at least ${MINIMUM_SAMPLE} trades behind it, an effect size of at least ${MINIMUM_EFFECT_SIZE}, ` +
      `and p < ${SIGNIFICANCE_LEVEL} after adjusting every pattern's p-value for the number of patterns tried (Holm: the chance that anything fires on a journal with no pattern stays under ${SIGNIFICANCE_LEVEL}). Each group is compared with the rest of the same journal.`,
    '',
  );
  if (triggers.length === 0) {
    out.push('No pattern has fired yet.', '');
    return out.join('\n');
  }
  out.push('## Memory', '', ...triggers.map((trigger) => `- ${trigger.statement}`), '', '## Evidence', '');
  triggers.forEach((trigger, index) => {
    const evidence = trigger.evidence;
    out.push(`### ${index + 1}. ${KIND_TITLES[trigger.kind]}: ${trigger.subject}`, '', trigger.statement, '');
    const counts = evidence.wins !== undefined && evidence.losses !== undefined ? ` (${evidence.wins} wins, ${evidence.losses} losses)` : '';
    out.push(`- measure: \`${evidence.measure}\`, n = ${evidence.n}${counts}, group mean ${evidence.mean}`);
    const baselineN = evidence.baseline_n !== undefined ? ` (n = ${evidence.baseline_n})` : '';
    out.push(`- baseline: ${evidence.baseline}${baselineN}`);
    out.push(`- effect size: ${evidence.effect_size} (${evidence.effect_measure.replace('_', ' ')})`);
    const adjusted = evidence.p_adjusted !== undefined ? `, adjusted p = ${evidence.p_adjusted} over ${evidence.family_size ?? '?'} patterns tried` : '';
    out.push(`- significance: p = ${evidence.p_value}${adjusted}, ${evidence.test}`);
    const ids = evidence.trade_ids;
    const listed = ids.slice(0, PATTERN_IDS_LISTED).map((id) => `\`${id}\``).join(', ');
    const more = ids.length > PATTERN_IDS_LISTED ? ` and ${ids.length - PATTERN_IDS_LISTED} more` : '';
    out.push(`- trades: ${listed}${more}`, '');
  });
  return out.join('\n');
}
