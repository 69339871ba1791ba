import type { z } from 'zod';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import type { Bar } from '../../shared/domain/market.ts';
import { proposalSchema, type Proposal, type Verdict } from '../../shared/domain/proposal.ts';
import { etClock } from '../../shared/market/calendar.ts';
import { scoreProposal } from '../../shared/engine/scoreProposal.ts';
import { learnedStateOf } from '../../shared/journal/learnedState.ts';

/** What scoring needs of a journal: the committed entries and, when it has them, the day's bars. */
export type ScoringJournal = {
  listCommitted(): Promise<readonly JournalEntry[]> | readonly JournalEntry[];
  getBars(symbol: string, date: string): Promise<readonly Bar[]> | readonly Bar[];
};

export type ProposalCheck = { readonly ok: true; readonly proposal: Proposal } | { readonly ok: false; readonly message: string };

/** `agents[0].polarity`, `time`, or `(the proposal)` for an issue about the whole object. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the proposal)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** Every issue as "field: reason", one per line, so a bad proposal says which field to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`).join('\n');
}

export function checkProposal(value: unknown): ProposalCheck {
  const parsed = proposalSchema.safeParse(value);
  return parsed.success ? { ok: true, proposal: parsed.data } : { ok: false, message: describeIssues(parsed.error) };
}

/**
 * Scores a proposal against the journal's learned state (read only): the committed entries folded in
 * trade-exit order, and the proposal day's bars when the journal has them (for the archetype's tape facts).
 */
export async function scoreAgainstJournal(journal: ScoringJournal, proposal: Proposal): Promise<Verdict> {
  const state = learnedStateOf(await journal.listCommitted());
  const day = etClock(Date.parse(proposal.time)).date;
  let bars: readonly Bar[] = [];
  try {
    bars = await journal.getBars(proposal.symbol, day);
  } catch {
    // No market data for that day: the archetype is read from the day context alone.
    bars = [];
  }
  return scoreProposal(proposal, state, { bars: bars.length > 0 ? bars : null });
}
