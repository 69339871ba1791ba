import { dirname } from 'node:path';
import { journalEntrySchema } from '../../shared/domain/journal.ts';
import { COMMIT_TARGETS, full, recoverCommit, tempOf, CommitRecoveryError } from './commitProtocol.ts';
import { nodeFs, type JournalFs } from './fsOps.ts';
import { rebuildDerived } from './journalFiles.ts';
import { BACKUPS_DIR, COMMIT_MARKER, SYNC_LOG } from './layout.ts';
import { acquireLock } from './lock.ts';
import { issueText } from './stagedFile.ts';
import { asEnvironmentError } from './environmentError.ts';

/** A line repair took out of sync_log.jsonl, and why. */
export type MovedLine = { readonly line: number; readonly reason: string };

export type RepairResult = {
  /** Lines of sync_log.jsonl kept. */
  readonly kept: number;
  readonly moved: readonly MovedLine[];
  /** Where the moved lines went (each with its line number and reason); null when none were moved. */
  readonly movedTo: string | null;
  /** The log as it was before the repair; null when it was not changed. */
  readonly backup: string | null;
  /** Where an interrupted commit that could not be verified was put aside; null when there was none. */
  readonly setAsideCommit: string | null;
};

/**
 * `qthink repair`: makes a damaged journal openable again without deleting anything. Every line a rebuild
 * would reject (not JSON, not a journal entry, an id seen on an earlier line, a cut-off last line) is moved
 * to backups/ with its line number and reason, the log as it was is kept beside it, an interrupted commit
 * that cannot be verified is put aside whole (the journal is then as before that commit), and the derived
 * files are rebuilt. Takes the writer lock like any other writer.
 */
export async function repairJournal(dataDir: string, options: { fs?: JournalFs; now?: () => Date } = {}): Promise<RepairResult> {
  const fs = options.fs ?? nodeFs;
  const stamp = (options.now ?? (() => new Date()))().toISOString().replace(/[:.]/g, '-');
  const lock = await acquireLock(dataDir);
  try {
    const setAsideCommit = await finishOrSetAside(fs, dataDir, stamp);
    const path = full(dataDir, SYNC_LOG);
    const kept: string[] = [];
    const moved: (MovedLine & { text: string })[] = [];
    const seen = new Map<string, number>();
    let line = 0;
    for await (const text of fs.readLines(path)) {
      line += 1;
      if (text.trim() === '') continue;
      const reason = rejectReason(text, line, seen);
      if (reason === null) kept.push(text);
      else moved.push({ line, reason, text });
    }
    let movedTo: string | null = null;
    let backup: string | null = null;
    if (moved.length > 0) {
      movedTo = `${BACKUPS_DIR}/sync_log.damaged-lines.${stamp}.jsonl`;
      backup = `${BACKUPS_DIR}/sync_log.before-repair.${stamp}.jsonl`;
      await fs.writeDurable(full(dataDir, movedTo), moved.map((item) => `${JSON.stringify(item)}\n`).join(''));
      await fs.linkOrCopy(path, full(dataDir, backup));
      await fs.syncDir(full(dataDir, BACKUPS_DIR));
      await fs.writeDurable(full(dataDir, tempOf(SYNC_LOG)), kept.map((text) => `${text}\n`).join(''));
      await fs.rename(full(dataDir, tempOf(SYNC_LOG)), path);
      await fs.syncDir(dirname(path));
    }
    await rebuildDerived(fs, dataDir, false);
    return { kept: kept.length, moved: moved.map(({ line: at, reason }) => ({ line: at, reason })), movedTo, backup, setAsideCommit };
  } catch (error) {
    throw asEnvironmentError(error, dataDir) ?? error;
  } finally {
    await lock.release();
  }
}

function rejectReason(text: string, line: number, seen: Map<string, number>): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const parsed = journalEntrySchema.safeParse(value);
  if (!parsed.success) return issueText(parsed.error.issues[0]);
  const first = seen.get(parsed.data.id);
  if (first !== undefined) return `duplicate id ${JSON.stringify(parsed.data.id)} (line ${first} is kept)`;
  seen.set(parsed.data.id, line);
  return null;
}

/** Finishes a verifiable interrupted commit; one that is not is moved whole to backups/ (the journal stays as before it). */
async function finishOrSetAside(fs: JournalFs, dataDir: string, stamp: string): Promise<string | null> {
  try {
    await recoverCommit(fs, dataDir);
    return null;
  } catch (error) {
    if (!(error instanceof CommitRecoveryError)) throw error;
  }
  const folder = `${BACKUPS_DIR}/interrupted-commit.${stamp}`;
  for (const relative of [COMMIT_MARKER, ...COMMIT_TARGETS.map(tempOf)]) {
    const from = full(dataDir, relative);
    if (await fs.exists(from)) await fs.rename(from, full(dataDir, `${folder}/${relative}`));
  }
  await fs.syncDir(full(dataDir, folder));
  return folder;
}
