import { dirname } from 'node:path';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import { DERIVED_FILES, createJournalAccumulator } from '../../shared/journal/index.ts';
import type { JournalFs } from './fsOps.ts';
import { applyMarker, full, recoverCommit, stampText, tempOf, writeMarker, type CommitMarker } from './commitProtocol.ts';
import { DERIVED_STAMP, STAGING_BATCH, SYNC_LOG } from './layout.ts';
import { stagedFileText } from './staging.ts';
import type { StagedFile } from './stagedState.ts';
import { writeMergedLog } from './syncLog.ts';

export type CommitResult = {
  /** Trades written to the journal by this commit. */
  readonly added: number;
  /** Staged trades left out because the journal already had their id. */
  readonly skipped: number;
  /** Trades in the journal after the commit. */
  readonly total: number;
};

/**
 * Writes `entries` (new ids only) into the journal and `stagedAfter` as the new staged batch, atomically:
 * see commitProtocol.ts. sync_log.jsonl is rewritten by streaming the old file into a temp file and
 * merging the new lines in journal order (so it stays chronological), the derived files are built in the
 * same pass, and the whole set is swapped in by one decided marker. On any failure the temp files are
 * rolled back (or, if the marker was written, the commit is finished) before the error is passed on.
 */
export async function writeCommit(
  fs: JournalFs,
  dataDir: string,
  entries: readonly JournalEntry[],
  stagedAfter: StagedFile,
  onProgress?: (done: number, total: number) => void,
): Promise<{ total: number }> {
  try {
    const accumulator = createJournalAccumulator();
    const written = await writeMergedLog(fs, full(dataDir, SYNC_LOG), full(dataDir, tempOf(SYNC_LOG)), entries, (entry) => {
      accumulator.add(entry);
    });
    onProgress?.(1, 3);
    const derived = accumulator.finish();
    const dirs = new Set<string>([dirname(full(dataDir, SYNC_LOG))]);
    for (const name of DERIVED_FILES) {
      await fs.writeDurable(full(dataDir, tempOf(name)), derived.get(name) ?? '');
      dirs.add(dirname(full(dataDir, name)));
    }
    await fs.writeDurable(full(dataDir, tempOf(DERIVED_STAMP)), stampText({ version: 1, sync_log_bytes: written.bytes, entries: written.entries }));
    await fs.writeDurable(full(dataDir, tempOf(STAGING_BATCH)), stagedFileText(stagedAfter));
    dirs.add(dirname(full(dataDir, DERIVED_STAMP)));
    dirs.add(dirname(full(dataDir, STAGING_BATCH)));
    // The temp files' directory entries must be durable before the marker says "rename them".
    for (const dir of [...dirs].sort()) await fs.syncDir(dir);
    onProgress?.(2, 3);
    const marker: CommitMarker = {
      version: 1,
      renames: [SYNC_LOG, ...DERIVED_FILES, DERIVED_STAMP, STAGING_BATCH].map((to) => ({ from: tempOf(to), to })),
    };
    await writeMarker(fs, dataDir, marker);
    await applyMarker(fs, dataDir, marker);
    onProgress?.(3, 3);
    return { total: written.entries };
  } catch (error) {
    try {
      await recoverCommit(fs, dataDir);
    } catch {
      // The next open recovers; the original error is the one worth reporting.
    }
    throw error;
  }
}
