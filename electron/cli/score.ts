import { readFile } from 'node:fs/promises';
import { REGRET_DIMENSIONS } from '../../shared/domain/journal.ts';
import type { RegretProfile, Verdict } from '../../shared/domain/proposal.ts';
import { fixed, textTable } from '../../shared/journal/format.ts';
import { checkProposal, scoreAgainstJournal } from '../services/scoreService.ts';
import { UsageError, type CliArgs } from './args.ts';
import { EXIT_OK, type CliIo } from './io.ts';
import { REGRET_HEADS } from './tables.ts';
import { withStore } from './withStore.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The proposal's text: the file named on the command line, or stdin without one (or with `-`). */
async function proposalText(args: CliArgs): Promise<{ text: string; source: string }> {
  if (args.rest.length > 1) throw new UsageError('score takes one proposal file (or none, to read stdin)');
  const path = args.rest[0];
  if (path === undefined || path === '-') return { text: await readStdin(), source: 'stdin' };
  try {
    return { text: await readFile(path, 'utf8'), source: path };
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    throw new UsageError(`cannot read ${path}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a directory' : ''}`);
  }
}

/**
 * `qthink score [FILE] [--json]`: a proposed trade (JSON, shared/domain/proposal.ts) scored with what the
 * journal learned, read only. A proposal that is not valid JSON or breaks the schema is a usage error (exit 2)
 * naming the field.
 */
export async function scoreCommand(args: CliArgs, io: CliIo): Promise<number> {
  const { text, source } = await proposalText(args);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source}: the proposal is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const checked = checkProposal(value);
  if (!checked.ok) throw new UsageError(`${source}: bad proposal\n${checked.message.split('\n').map((line) => `  ${line}`).join('\n')}`);
  const verdict = await withStore(args, io, (store) => scoreAgainstJournal(store, checked.proposal), { readOnly: true });
  io.out(args.json ? `${JSON.stringify(verdict, null, 2)}\n` : verdictText(verdict));
  return EXIT_OK;
}

function profileRow(name: string, profile: RegretProfile): string[] {
  return [
    name,
    String(profile.n),
    `${profile.wins}/${profile.losses}`,
    profile.win_rate === null ? '—' : `${Math.round(profile.win_rate * 100)}%`,
    fixed(profile.mean_pnl),
    ...REGRET_DIMENSIONS.map((dimension) => fixed(profile.regrets[dimension].mean)),
  ];
}

/** The verdict for a person: the line with the numbers first, then the tables behind it. */
export function verdictText(verdict: Verdict): string {
  const out: string[] = [verdict.summary, ''];
  out.push(`Archetype ${verdict.setup_archetype} (${verdict.archetype_source}): ${verdict.archetype_evidence[0] ?? ''}`);
  out.push(`Alignment: ${verdict.alignment.explanation}`, '');
  out.push(
    verdict.agents.length === 0
      ? 'Agents: none'
      : textTable(
          ['agent', 'polarity', 'aligned', 'signal weight', 'history', 'learned weight', 'penalty scale', 'effective'],
          verdict.agents.map((agent) => [agent.name, agent.polarity, agent.aligned ? 'yes' : 'no', fixed(agent.signal_weight, 2), String(agent.history_trades), fixed(agent.learned_weight, 3), fixed(agent.penalty_scale, 4), fixed(agent.effective_weight, 3)]),
        ),
    '',
    'Penalties',
    ...verdict.penalties.map((row) => `  ${row.in_force ? '*' : ' '} ${row.reason}${row.in_force ? (row.applies_to === 'agent_weight' ? ' (its weight)' : ' (the score)') : ''}`),
    '',
    'Memory triggers that match',
    ...(verdict.triggers.length === 0 ? ['  none'] : verdict.triggers.map((trigger) => `  ${trigger.side}: ${trigger.why}. ${trigger.statement}`)),
    '',
    'Similar past trades',
    textTable(['group', 'n', 'won/lost', 'win rate', 'mean pnl', ...REGRET_HEADS], [
      profileRow('same block, archetype, direction', verdict.similar.exact),
      profileRow('same block, direction', verdict.similar.same_block),
      profileRow('same archetype, direction', verdict.similar.same_archetype),
    ]),
    '',
  );
  return out.join('\n');
}
