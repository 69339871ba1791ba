import { formatRowError } from '../../shared/domain/errors.ts';
import { escapeControlChars } from '../../shared/domain/safeText.ts';
import type { JournalHealth, RepairOutcome } from '../../shared/ipc/schemas.ts';
import { CommitRecoveryError, JournalCorruptError } from '../journal/index.ts';
import { journalError } from './dispatch.ts';
import type { JournalStorePort, StoreRepairResult } from './ports.ts';

/**
 * Damage the journal cannot be opened past without a repair: a line of sync_log.jsonl a rebuild would
 * reject, or an interrupted commit that cannot be verified. Opening again gives the same answer, so the
 * holder keeps it (every channel answers it at once) until a repair or a fresh look (`journal.health`).
 * A torn last line, stale derived files and an unreadable staged batch are not here: open repairs those.
 */
export function isJournalDamage(error: unknown): boolean {
  return error instanceof JournalCorruptError || error instanceof CommitRecoveryError;
}

/** A journal that opened, with what opening repaired on the way. */
export function healthOfStore(store: JournalStorePort): JournalHealth {
  return { status: 'ok', problem: null, notices: (store.notices ?? []).map(escapeControlChars) };
}

/**
 * How an open that threw is reported, in the same sentence the CLI prints and every other channel answers;
 * null for an error no layer knows (a bug: the dispatcher logs it and answers `internal`).
 */
export function healthOfOpenError(error: unknown): JournalHealth | null {
  const known = journalError(error);
  if (known === null) return null;
  if (error instanceof JournalCorruptError) {
    return {
      status: 'damaged',
      problem: {
        cause: 'damaged_line',
        message: known.message,
        detail: formatRowError(error),
        file: escapeControlChars(error.file),
        line: error.line > 0 ? error.line : null,
      },
      notices: [],
    };
  }
  if (error instanceof CommitRecoveryError) {
    const detail = escapeControlChars(`the interrupted commit does not match its marker: ${error.mismatches.join('; ')}`);
    return { status: 'damaged', problem: { cause: 'interrupted_commit', message: known.message, detail, file: null, line: null }, notices: [] };
  }
  return { status: 'unavailable', problem: { cause: 'other', message: known.message, detail: known.message, file: null, line: null }, notices: [] };
}

/** The repair's answer in the contract's words; reasons quote the damaged input, so control characters are escaped. */
export function repairOutcomeOf(result: StoreRepairResult, health: JournalHealth): RepairOutcome {
  return {
    kept: result.kept,
    moved: result.moved.map(({ line, reason }) => ({ line, reason: escapeControlChars(reason) })),
    moved_to: result.movedTo,
    backup: result.backup,
    set_aside_commit: result.setAsideCommit,
    health,
  };
}
