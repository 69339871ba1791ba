import { ZodError } from 'zod';
import { journalEntrySchema, type JournalEntry } from '../../shared/domain/journal.ts';
import type { Override } from './stagedState.ts';
import { stagedUnreadable, type StagedForCommit } from './stagedFile.ts';
import { serializeEntry, type PendingEntry } from './syncLog.ts';

export type CommitBatch = {
  /** The staged proposals the journal does not have yet, each validated once when its line is written. */
  readonly pending: PendingEntry[];
  /** Staged proposals whose id is already committed. */
  readonly skipped: number;
  /** Every staged proposal. */
  readonly staged: number;
};

/**
 * The staged batch as lines to commit. Each proposal stays JSON text until its line is written; then it is
 * parsed and goes through the schema once (an overridden one twice: checked before the override is applied,
 * then written), and its text is let go, so a very large batch is released as it is committed.
 */
export function pendingFromStaged(
  staged: StagedForCommit,
  committed: ReadonlySet<string>,
  applyOverride: (entry: JournalEntry, override: Override) => JournalEntry,
): CommitBatch {
  const pending: PendingEntry[] = [];
  let skipped = 0;
  const proposals = staged.proposals;
  const count = proposals.length;
  for (let index = 0; index < count; index += 1) {
    const raw = proposals[index] ?? '';
    const { id, exit_time } = headOf(raw, index);
    if (committed.has(id)) {
      skipped += 1;
      continue;
    }
    const override = staged.overrides[id];
    let source = raw;
    pending.push({
      id,
      exit_time,
      line: () => {
        const value: unknown = JSON.parse(source);
        source = '';
        return checked(index, () => (override ? serializeEntry(applyOverride(journalEntrySchema.parse(value), override)) : serializeEntry(value)));
      },
    });
  }
  // The pending entries hold each proposal until it is written; the batch's own array need not.
  proposals.length = 0;
  return { pending, skipped, staged: count };
}

/** The id and exit time a proposal is sorted by, read before the full check. */
function headOf(text: string, index: number): { id: string; exit_time: string } {
  let value: { id?: unknown; exit_time?: unknown } | null;
  try {
    value = JSON.parse(text) as { id?: unknown; exit_time?: unknown } | null;
  } catch {
    throw stagedUnreadable(`proposals.${index}: not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || typeof value.id !== 'string' || typeof value.exit_time !== 'string') {
    throw stagedUnreadable(`proposals.${index}: not a journal entry`);
  }
  return { id: value.id, exit_time: value.exit_time };
}

function checked(index: number, run: () => string): string {
  try {
    return run();
  } catch (error) {
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      throw stagedUnreadable(`proposals.${index}${issue ? `.${issue.path.map(String).join('.')}: ${issue.message}` : ''}`);
    }
    throw error;
  }
}
