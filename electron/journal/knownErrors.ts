import type { ErrorKind } from '../../shared/ipc/schemas.ts';
import { formatRowError } from '../../shared/domain/errors.ts';
import { escapeControlChars } from '../../shared/domain/safeText.ts';
import { CommitRecoveryError } from './commitProtocol.ts';
import { JournalEnvironmentError } from './environmentError.ts';
import { JournalLockedError } from './lock.ts';
import { JournalChangedError } from './logFingerprint.ts';
import { StagedBatchUnreadableError } from './stagedFile.ts';
import { JournalRequestError } from './store.ts';
import { JournalCorruptError } from './syncLog.ts';

/**
 * Every refusal the journal store makes on purpose, as the one sentence the trader sees in the CLI and in
 * the app alike (control characters from input escaped); null for anything else, which is a bug.
 */
export function describeJournalError(error: unknown): { readonly kind: ErrorKind; readonly message: string } | null {
  if (error instanceof JournalCorruptError) {
    return { kind: 'io', message: escapeControlChars(`the journal cannot be read: ${formatRowError(error)}; run \`qthink repair\` (or Repair in the app) to move the damaged lines to backups/ and go on`) };
  }
  if (
    error instanceof JournalRequestError ||
    error instanceof JournalLockedError ||
    error instanceof JournalChangedError ||
    error instanceof JournalEnvironmentError ||
    error instanceof StagedBatchUnreadableError
  ) {
    return { kind: error.kind, message: escapeControlChars(error.message) };
  }
  if (error instanceof CommitRecoveryError) {
    return { kind: error.kind, message: escapeControlChars(`${error.message}; or run \`qthink repair\` to put that commit aside in backups/`) };
  }
  return null;
}
