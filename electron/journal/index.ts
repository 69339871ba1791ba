/** The journal store: the data directory, staging, atomic commit, rebuild. Plain Node, never Electron. */
export {
  openJournal,
  JournalRequestError,
  type JournalStore,
  type OpenJournalOptions,
  type ExportFormat,
  type CommitResult,
  type JournalFilter,
  type RebuildResult,
  type Override,
  type StagedBatch,
  type ProgressCallback,
} from './store.ts';
export { JournalLockedError } from './lock.ts';
export { JournalChangedError } from './logFingerprint.ts';
export { JournalCorruptError } from './syncLog.ts';
export { defaultDataDir } from './dataDir.ts';
export { nodeFs, type JournalFs } from './fsOps.ts';
export { JournalEnvironmentError } from './environmentError.ts';
export { CommitRecoveryError } from './commitProtocol.ts';
export { StagedBatchUnreadableError } from './stagedFile.ts';
