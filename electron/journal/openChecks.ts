import { dirname } from 'node:path';
import { COMMITTED_IDS_FILE, parseCommittedIds } from '../../shared/journal/index.ts';
import { unchangedLogChain } from './logSeen.ts';
import { full, readStamp, tempOf } from './commitProtocol.ts';
import { createLineDigest, digestOfText, fileLineDigest } from './digest.ts';
import type { JournalFs } from './fsOps.ts';
import { BACKUPS_DIR, STAGING_BATCH, SYNC_LOG } from './layout.ts';
import type { StagedBatchUnreadableError } from './stagedFile.ts';
import { JournalCorruptError, readSyncLog, scanLog, type LogScan, type TornTail } from './syncLog.ts';

export type LogCheck = {
  readonly scan: LogScan;
  /** The log was not read: it is the file the last commit or check left (logSeen.ts), ids from the index. */
  readonly trusted: boolean;
  /** The log is not the one the derived files were stamped with (edited by hand, or never stamped): rebuild them. */
  readonly rebuild: boolean;
  readonly notices: readonly string[];
};

/**
 * What open checks before anything builds on sync_log.jsonl, so that a commit never appends to a log a
 * rebuild would reject:
 *  - every line has an id and no id is there twice (one fast pass, which also digests the log);
 *  - a torn last line (no newline, not an entry) is moved to backups/ and the log cut back to the line before
 *    it; a read-only open refuses instead, naming the line;
 *  - a log whose digest is not the one the last commit or rebuild stamped is read through the journal
 *    schema line by line: a damaged line anywhere is a JournalCorruptError naming it, a valid hand edit is
 *    accepted and the derived files are rebuilt from it.
 */
export async function checkLogOnOpen(fs: JournalFs, dataDir: string, options: { readOnly: boolean; now: () => Date }): Promise<LogCheck> {
  const trusted = await trustedScan(fs, dataDir);
  if (trusted !== null) return { scan: trusted, trusted: true, rebuild: false, notices: [] };
  const path = full(dataDir, SYNC_LOG);
  let scan = await scanLog(fs, path, SYNC_LOG);
  const notices: string[] = [];
  if (scan.torn !== null) {
    const { line, bytes } = scan.torn;
    if (options.readOnly) {
      throw new JournalCorruptError(SYNC_LOG, line, '', `the last line is cut off (${bytes} bytes of an unfinished write); open the journal for writing (the app, or a qthink command that writes) to move it to ${BACKUPS_DIR}/ and go on`);
    }
    const backup = await setAsideTornTail(fs, dataDir, scan.torn, options.now());
    scan = { ...scan, digest: (await fileLineDigest(fs, path)) ?? createLineDigest() };
    notices.push(`${SYNC_LOG} ended in a cut-off line ${line} (${bytes} bytes of an unfinished write); it was moved to ${backup} and the journal goes on from line ${line - 1}`);
  }
  const exists = (await fs.size(path)) !== null;
  const stamp = await readStamp(fs, dataDir);
  const vouched = stamp?.sync_log_chain !== undefined && stamp.sync_log_chain === scan.digest.digest().sha256;
  if (exists && !vouched) {
    // Throws at the first line a rebuild would reject.
    for await (const _line of readSyncLog(fs, path, SYNC_LOG)) {
      // Only the check matters here.
    }
    // A stamp from before whole-log digests cannot tell an edit from an upgrade; it is stamped now, silently.
    if (stamp?.sync_log_chain !== undefined && scan.torn === null) {
      notices.push(`${SYNC_LOG} was changed outside QThink since its last commit; all ${scan.lines} lines were checked against the journal schema and accepted`);
    }
  }
  // A vouched log with an id index that is not the stamped one: the index is rebuilt with the other files.
  const indexStale = exists && vouched && !(await indexMatches(fs, dataDir, stamp?.committed_ids_sha256));
  return { scan, trusted: false, rebuild: exists && (!vouched || indexStale), notices };
}

async function indexMatches(fs: JournalFs, dataDir: string, sha256: string | undefined): Promise<boolean> {
  const text = await fs.readText(full(dataDir, COMMITTED_IDS_FILE));
  return text !== null && sha256 !== undefined && digestOfText(text).sha256 === sha256;
}

/**
 * The scan open would make, without reading the log: when sync_log.jsonl is still the file this program
 * last wrote or checked, the stamp vouches for that chain, and the id index is whole (its stamped size, one
 * distinct id per entry). Null sends open down the full check.
 */
async function trustedScan(fs: JournalFs, dataDir: string): Promise<LogScan | null> {
  const chain = await unchangedLogChain(fs, dataDir);
  if (chain === null) return null;
  const stamp = await readStamp(fs, dataDir);
  if (stamp?.sync_log_chain !== chain.sha256 || stamp.sync_log_bytes !== chain.bytes) return null;
  const text = await fs.readText(full(dataDir, COMMITTED_IDS_FILE));
  if (text === null || stamp.committed_ids_sha256 === undefined || digestOfText(text).sha256 !== stamp.committed_ids_sha256) return null;
  const list = parseCommittedIds(text);
  const ids = new Set(list);
  if (list === null || list.length !== stamp.entries || ids.size !== list.length) return null;
  return { ids, lines: list.length, digest: createLineDigest(chain), torn: null };
}

/** Moves a torn last line to backups/ and cuts the log back to the lines before it; returns the backup's name. */
async function setAsideTornTail(fs: JournalFs, dataDir: string, torn: TornTail, now: Date): Promise<string> {
  const path = full(dataDir, SYNC_LOG);
  const backup = `${BACKUPS_DIR}/sync_log.cut-off-line-${torn.line}.${fileStamp(now)}.jsonl`;
  const tail = (await fs.readTail(path, torn.bytes)) ?? new Uint8Array();
  await fs.writeDurable(full(dataDir, backup), Buffer.from(tail).toString('utf8'));
  await fs.syncDir(dirname(full(dataDir, backup)));
  // Cut a copy and rename it over, so a crash leaves the log whole (the copy is a commit temp file: rolled back on open).
  const temp = full(dataDir, tempOf(SYNC_LOG));
  const copy = await fs.copyAndAppend(path, temp);
  await copy.close();
  await fs.truncate(temp, torn.offset);
  await fs.rename(temp, path);
  await fs.syncDir(dirname(path));
  return backup;
}

/**
 * Moves a staged batch that cannot be read to backups/ (nothing lost; a new batch starts) and returns the
 * notice. Called where the batch is read, so opening a journal never parses a large batch just to check it.
 */
export async function setAsideUnreadableStaged(fs: JournalFs, dataDir: string, now: Date, error: StagedBatchUnreadableError): Promise<string> {
  const backup = `${BACKUPS_DIR}/staging-batch.unreadable.${fileStamp(now)}.json`;
  await fs.rename(full(dataDir, STAGING_BATCH), full(dataDir, backup));
  await fs.syncDir(dirname(full(dataDir, STAGING_BATCH)));
  return `${STAGING_BATCH} could not be read (${error.reason}); it was moved to ${backup} and a new batch started: import the day's files again`;
}

function fileStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}
