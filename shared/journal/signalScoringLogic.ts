import { SETUP_ARCHETYPES, TIME_BLOCKS } from '../domain/journal.ts';
import { fixed, markdownTable } from './format.ts';
import { PENALTY_TRADES_LISTED, type PenaltyDimension, type PenaltyGroup, type PenaltyIndex } from './penaltyIndex.ts';
import { PENALTY_MIN_TRADES, PENALTY_POINTS_PER_UNIT, penaltyScale } from '../engine/scoreProposal.ts';
import { PENALTY_RULES } from './profile.ts';
import { byCodeUnit } from './stats.ts';

export const SIGNAL_SCORING_LOGIC_FILE = 'signal_scoring_logic.md';

export type JournalSpan = { readonly trades: number; readonly firstDay: string | null; readonly lastDay: string | null };

/**
 * `signal_scoring_logic.md`: where the seed's penalties go "for use in future scoring" — the penalty
 * factors in force per agent, setup archetype and time block, with the trades behind them, written for a
 * person or an assistant to read. Nothing in it is invented: every number is a count or sum of the journal.
 */
export function renderSignalScoringLogic(penalties: PenaltyIndex, weights: Readonly<Record<string, number>>, span: JournalSpan): string {
  const out: string[] = ['# Signal scoring logic', ''];
  out.push(
    `Penalty factors in force for future signal scoring, rebuilt from \`sync_log.jsonl\` on every commit ` +
      `(${span.trades} committed trades${span.firstDay ? `, ${span.firstDay} to ${span.lastDay}` : ''}). ` +
      'Do not edit by hand: the next commit or rebuild overwrites this file.',
    '',
    '## Penalty rules',
    '',
    markdownTable(['condition', 'when', 'penalty'], PENALTY_RULES.map((rule) => [rule.condition, rule.rule, `+${rule.penalty}`])),
    '',
    "A trade's penalty factor is the sum of the conditions that held. A manual label of `conflict_failure` carries the +20; " +
      'a manual label that replaces it drops it. The score conditions stay whatever the label.',
    '',
    '## Overall',
    '',
    describeGroup('All trades', penalties.totals),
    '',
  );
  out.push(...section('Per agent', 'agent', penalties, [], weights));
  out.push(...section('Per setup archetype', 'setup_archetype', penalties, SETUP_ARCHETYPES, null));
  out.push(...section('Per time block', 'time_block', penalties, TIME_BLOCKS, null));
  out.push(
    '## Using these factors',
    '',
    `How \`qthink score\` (and the assistant tool \`score_proposal\`) uses them, exactly: a group's scoring scale is ` +
      `1 − mean penalty per trade / ${PENALTY_POINTS_PER_UNIT} when it has at least ${PENALTY_MIN_TRADES} trades and some penalty, else 1.`,
    '',
    "- An agent's scoring weight is its weight × its scale; the proposal's mesh alignment is the share of scoring weight agreeing with its direction.",
    "- The proposal's score is that alignment × its time block's scale × its setup archetype's scale (a factor every agent shares would cancel out of a share, so these scale the score).",
    '- The conditions column says which regret it was: `regret_sum` (the whole trade), `exit_plus_late_exit` ' +
      '(held too long), `conflict_failure` (taken against the mesh).',
    '- Groups with few trades say little; the trade counts are beside every figure.',
    '',
  );
  return out.join('\n');
}

function section(
  title: string,
  dimension: PenaltyDimension,
  penalties: PenaltyIndex,
  order: readonly string[],
  weights: Readonly<Record<string, number>> | null,
): string[] {
  const keys = penalties.keys(dimension, order);
  const out = [`## ${title}`, ''];
  if (keys.length === 0) return [...out, 'No trades yet.', ''];
  const header = [
    dimension === 'agent' ? 'agent' : dimension,
    ...(weights ? ['weight'] : []),
    'trades',
    'penalized',
    'penalty total',
    'mean per trade',
    'scoring scale',
    ...(weights ? ['scoring weight'] : []),
    'conditions',
  ];
  const rows = keys.map((key) => {
    const group = penalties.get(dimension, key);
    if (!group) return [key];
    // The scale `qthink score` applies (shared/engine/scoreProposal.ts): stated here from the same function.
    const scale = penaltyScale(group);
    return [
      key,
      ...(weights ? [fixed(weights[key] ?? null, 3)] : []),
      String(group.trades),
      String(group.penalized),
      String(group.total),
      fixed(group.trades === 0 ? null : group.total / group.trades, 2),
      fixed(scale, 4),
      ...(weights ? [fixed(weights[key] === undefined ? null : (weights[key] ?? 0) * scale, 3)] : []),
      conditionsText(group) || '—',
    ];
  });
  out.push(markdownTable(header, rows), '');
  for (const key of keys) {
    const group = penalties.get(dimension, key);
    if (!group || group.penalized === 0) continue;
    const shown = group.recent.length < group.penalized ? ` (the last ${group.recent.length} of ${group.penalized})` : '';
    out.push(`### ${key}: trades behind the penalty${shown}`, '');
    for (const trade of group.recent) out.push(`- \`${trade.id}\` exit ${trade.timestamp}: +${trade.penalty} (${trade.conditions.join(', ')})`);
    out.push('');
  }
  return out;
}

function describeGroup(name: string, group: PenaltyGroup): string {
  if (group.trades === 0) return `${name}: no trades yet.`;
  const conditions = conditionsText(group);
  return (
    `${name}: ${group.penalized} of ${group.trades} trades penalized, penalty total ${group.total}, ` +
    `mean ${fixed(group.total / group.trades, 2)} per trade${conditions ? ` (${conditions})` : ''}. ` +
    `Lists below show at most the last ${PENALTY_TRADES_LISTED} penalized trades of a group.`
  );
}

function conditionsText(group: PenaltyGroup): string {
  return [...group.byCondition.keys()]
    .sort(byCodeUnit)
    .map((condition) => `${condition} ×${group.byCondition.get(condition) ?? 0}`)
    .join(', ');
}
