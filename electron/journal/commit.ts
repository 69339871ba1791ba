import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { compareEntries, sortEntries } from '../../shared/engine/assessBatch.ts';
import { APPEND_ONLY_FILES, COMMITTED_IDS_FILE, DERIVED_FILES, RENDERED_FILES, createDerivation, type AppendOnlyFile, type Derivation, type DerivationState } from '../../shared/journal/index.ts';
import type { JournalFs } from './fsOps.ts';
import { applyMarker, appendOf, full, readStamp, recoverCommit, stampText, tempOf, writeMarker, type AppendStep, type CommitMarker } from './commitProtocol.ts';
import { rememberLog } from './logSeen.ts';
import { currentKey, derivationFileText, lineHash, readDerivationState, type StateKey } from './derivationStore.ts';
import { digestOfText, fileDigest, type FileDigest, type LineDigest } from './digest.ts';
import type { LogFingerprint } from './logFingerprint.ts';
import { DERIVATION_STATE, DERIVED_STAMP, PREVIOUS_LOG_BACKUP, STAGING_BATCH, SYNC_LOG } from './layout.ts';
import { stagedFileText } from './staging.ts';
import type { StagedFile } from './stagedState.ts';
import { reread, writeMergedLog, type PendingEntry } from './syncLog.ts';

export type CommitResult = {
  /** Trades written to the journal by this commit. */
  readonly added: number;
  /** Staged trades left out because the journal already had their id. */
  readonly skipped: number;
  /** Trades in the journal after the commit. */
  readonly total: number;
};

/** How the commit wrote the journal: appended after the last line, or merged into the whole log. */
export type CommitPath = 'append' | 'merge';

/** What the temp files of a commit hold, for the stamp and the saved derivation state. */
type Written = {
  readonly key: StateKey;
  readonly state: DerivationState;
  /** The new log's line chain. */
  readonly digest: LineDigest;
  /** The digests of the rendered derived files, computed from their text (no read back). */
  readonly rendered: ReadonlyMap<string, FileDigest>;
  /** The append path: what each append-only file gains (its `.append` file) after the length it has now. */
  readonly appends: readonly AppendStep[];
};

/**
 * Writes `entries` (new ids only) into the journal and `stagedAfter` as the new staged batch, atomically:
 * see commitProtocol.ts. Two ways to build the temp files, one protocol to put them in place:
 *  - append (the daily case: every new trade exits after the journal's last line, and the derivation state
 *    saved by the last commit still matches the log): the new lines of sync_log.jsonl and of the
 *    append-only derived files go to `.append` files that the protocol copies in place after each file's
 *    current end, so the years before them are neither copied nor read; only the new trades are folded into
 *    the saved state before the other derived files are rendered from it;
 *  - merge (a back-dated trade, or no usable state): sync_log.jsonl is streamed into the temp file with the
 *    new lines merged in journal order, and every derived file is derived afresh in the same pass.
 * Either way the result is byte for byte what a rebuild from the new sync_log.jsonl gives. On any failure the
 * temp files are rolled back (or, if the marker was written, the commit is finished) before the error is
 * passed on.
 */
export async function writeCommit(
  fs: JournalFs,
  dataDir: string,
  entries: readonly PendingEntry[],
  stagedAfter: StagedFile,
  committedBefore: number,
  logDigest: LineDigest,
  onProgress?: (done: number, total: number) => void,
  /** Files the commit replaces besides the journal's own (positions/open_positions.json), path → text. */
  alongside: ReadonlyMap<string, string> = new Map(),
): Promise<{ total: number; path: CommitPath; log: LogFingerprint; digest: LineDigest }> {
  try {
    const fresh = sortEntries(entries);
    const key = await currentKey(fs, dataDir, committedBefore);
    const before = logDigest.digest();
    const empty = key.entries === 0 && key.sync_log_bytes === 0;
    const saved = empty ? null : await readDerivationState(fs, dataDir, key);
    const first = fresh[0];
    // A log whose last line has no newline (a hand edit) is not one to append to.
    const tail = await fs.readTail(full(dataDir, SYNC_LOG), 1);
    const asWritten = before.bytes === key.sync_log_bytes && (tail === null || tail.length === 0 || tail[0] === 0x0a);
    const appendable = asWritten && (empty || saved !== null) && (first === undefined || saved?.last == null || compareEntries(first, saved.last) > 0);
    let written: Written;
    if (appendable) {
      written = await appendCommit(fs, dataDir, fresh, empty ? null : { key, state: saved as DerivationState }, logDigest.copy());
    } else {
      const stamp = await readStamp(fs, dataDir);
      const trusted = stamp !== null && stamp.sync_log_bytes === key.sync_log_bytes && stamp.last_line_sha256 === key.last_line_sha256;
      written = await mergeCommit(fs, dataDir, fresh, trusted);
    }
    onProgress?.(1, 3);
    const logAfter = written.digest.digest();
    const idsDigest = await committedIdsDigest(fs, dataDir, written);
    const texts = new Map<string, string>([
      [DERIVED_STAMP, stampText({ version: 1, sync_log_bytes: written.key.sync_log_bytes, entries: written.key.entries, last_line_sha256: written.key.last_line_sha256, sync_log_chain: logAfter.sha256, committed_ids_sha256: idsDigest, derived_bytes: await derivedSizes(fs, dataDir, written) })],
      [DERIVATION_STATE, derivationFileText(written.key, written.state)],
      [STAGING_BATCH, stagedFileText(stagedAfter)],
      ...alongside,
    ]);
    for (const [name, text] of texts) await fs.writeDurable(full(dataDir, tempOf(name)), text);
    const targets = [...(appendable ? [...RENDERED_FILES, DERIVED_STAMP, DERIVATION_STATE, STAGING_BATCH] : [SYNC_LOG, ...DERIVED_FILES, DERIVED_STAMP, DERIVATION_STATE, STAGING_BATCH]), ...alongside.keys()];
    // The temp files' directory entries must be durable before the marker says "put them in place".
    const toSync = [...targets.map(tempOf), ...written.appends.map((step) => step.from)];
    for (const dir of [...new Set(toSync.map((name) => dirname(full(dataDir, name))))].sort()) await fs.syncDir(dir);
    onProgress?.(2, 3);
    const renames: CommitMarker['renames'][number][] = [];
    for (const to of targets) {
      const known = written.rendered.get(to) ?? (texts.has(to) ? digestOfText(texts.get(to) ?? '') : null);
      const digest = known ?? (await fileDigest(fs, full(dataDir, tempOf(to))));
      if (digest === null) throw new Error(`${tempOf(to)} was not written`);
      renames.push({ from: tempOf(to), to, ...digest });
    }
    // Only a commit that replaces the log keeps the one it replaced; an append replaces nothing.
    const replaces = appendable ? null : await keepPreviousLog(fs, dataDir);
    const marker: CommitMarker = { version: 3, renames, appends: written.appends, replaces };
    await writeMarker(fs, dataDir, marker);
    await applyMarker(fs, dataDir, marker);
    await rememberLog(fs, dataDir, logAfter);
    onProgress?.(3, 3);
    return { total: written.key.entries, path: appendable ? 'append' : 'merge', log: { bytes: written.key.sync_log_bytes, last_line_sha256: written.key.last_line_sha256 }, digest: written.digest };
  } catch (error) {
    try {
      await recoverCommit(fs, dataDir);
    } catch {
      // The next open recovers; the original error is the one worth reporting.
    }
    throw error;
  }
}

/**
 * The SHA-256 of the id index once the commit is in place, for the stamp (open trusts the index only with
 * it). The index is small (about 20 bytes a trade), so it is hashed whole: a few milliseconds at 60,000.
 */
async function committedIdsDigest(fs: JournalFs, dataDir: string, written: Written): Promise<string> {
  const hash = createHash('sha256');
  const append = written.appends.find((step) => step.to === COMMITTED_IDS_FILE);
  const parts = append ? (append.at > 0 ? [COMMITTED_IDS_FILE, append.from] : [append.from]) : [tempOf(COMMITTED_IDS_FILE)];
  for (const part of parts) for await (const chunk of fs.readChunks(full(dataDir, part))) hash.update(chunk);
  return hash.digest('hex');
}

/** Each derived file's size once the commit is in place, for the stamp. */
async function derivedSizes(fs: JournalFs, dataDir: string, written: Written): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const name of DERIVED_FILES) {
    const append = written.appends.find((step) => step.to === name);
    sizes[name] = append ? append.at + append.bytes : (written.rendered.get(name)?.bytes ?? (await fs.size(full(dataDir, tempOf(name)))) ?? 0);
  }
  return sizes;
}

/**
 * sync_log.jsonl as it is before a commit that replaces it stays in `backups/` until the next such commit: a
 * hard link (no copy) where the file system has them. Returns its digest for the marker (null: no log yet).
 */
async function keepPreviousLog(fs: JournalFs, dataDir: string): Promise<FileDigest | null> {
  const log = full(dataDir, SYNC_LOG);
  if ((await fs.size(log)) === null) return null;
  const backup = full(dataDir, PREVIOUS_LOG_BACKUP);
  await fs.remove(`${backup}.tmp`);
  await fs.linkOrCopy(log, `${backup}.tmp`);
  await fs.rename(`${backup}.tmp`, backup);
  return fileDigest(fs, log);
}

/**
 * The append path. `base` is the journal's key and saved state, or null for an empty journal (then every
 * append-only file starts empty, whatever an earlier journal left in the directory).
 */
async function appendCommit(fs: JournalFs, dataDir: string, fresh: readonly PendingEntry[], base: { key: StateKey; state: DerivationState } | null, digest: LineDigest): Promise<Written> {
  const derivation = createDerivation(base?.state);
  const at = base?.key.sync_log_bytes ?? 0;
  const log = await appendFile(fs, dataDir, SYNC_LOG, at);
  let lastLine: string | null = null;
  try {
    for (const pending of fresh) {
      const text = pending.line();
      lastLine = `${text}\n`;
      await log.write(lastLine);
      digest.update(text);
      derivation.add(reread(text));
    }
  } finally {
    await log.close();
  }
  const appends = [log.step()];
  const added = derivation.appended();
  for (const name of APPEND_ONLY_FILES) {
    const writer = await appendFile(fs, dataDir, name, base?.key.appended[name] ?? 0);
    try {
      await writer.write(added.get(name) ?? '');
    } finally {
      await writer.close();
    }
    appends.push(writer.step());
  }
  const appended = Object.fromEntries(appends.slice(1).map((step) => [step.to, step.at + step.bytes])) as Record<AppendOnlyFile, number>;
  const rendered = await writeRendered(fs, dataDir, derivation);
  const hash = lastLine === null ? (base?.key.last_line_sha256 ?? null) : lineHash(lastLine);
  return { key: { sync_log_bytes: at + (appends[0]?.bytes ?? 0), entries: derivation.entries(), last_line_sha256: hash, appended }, state: derivation.snapshot(), digest, rendered, appends };
}

/** A durable `.append` file for `name`, hashed as it is written, and the marker step that puts it after byte `at`. */
async function appendFile(fs: JournalFs, dataDir: string, name: string, at: number) {
  const writer = await fs.openDurable(full(dataDir, appendOf(name)));
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    write: async (text: string) => {
      hash.update(text, 'utf8');
      bytes += Buffer.byteLength(text, 'utf8');
      await writer.write(text);
    },
    close: () => writer.close(),
    step: (): AppendStep => ({ from: appendOf(name), to: name, at, bytes, sha256: hash.copy().digest('hex') }),
  };
}

/** The merge path: the whole log streamed, the new lines merged in, everything derived from nothing. */
async function mergeCommit(fs: JournalFs, dataDir: string, fresh: readonly PendingEntry[], trusted: boolean): Promise<Written> {
  const derivation = createDerivation();
  const merged = await writeMergedLog(fs, full(dataDir, SYNC_LOG), full(dataDir, tempOf(SYNC_LOG)), fresh, derivation.add, { trusted });
  const appended = await writeAppendOnlyTemps(fs, dataDir, derivation);
  const rendered = await writeRendered(fs, dataDir, derivation);
  const hash = merged.lastLine === null ? null : lineHash(merged.lastLine);
  return { key: { sync_log_bytes: merged.bytes, entries: merged.entries, last_line_sha256: hash, appended }, state: derivation.snapshot(), digest: merged.digest, rendered, appends: [] };
}

/** The merge path's append-only derived files, each written whole to its temp file; returns their sizes. */
async function writeAppendOnlyTemps(fs: JournalFs, dataDir: string, derivation: Derivation): Promise<Record<AppendOnlyFile, number>> {
  const sizes = {} as Record<AppendOnlyFile, number>;
  const appended = derivation.appended();
  for (const name of APPEND_ONLY_FILES) {
    const text = appended.get(name) ?? '';
    await fs.writeDurable(full(dataDir, tempOf(name)), text);
    sizes[name] = Buffer.byteLength(text, 'utf8');
  }
  return sizes;
}

async function writeRendered(fs: JournalFs, dataDir: string, derivation: Derivation): Promise<Map<string, FileDigest>> {
  const rendered = derivation.render();
  const digests = new Map<string, FileDigest>();
  for (const name of RENDERED_FILES) {
    const text = rendered.get(name) ?? '';
    await fs.writeDurable(full(dataDir, tempOf(name)), text);
    digests.set(name, digestOfText(text));
  }
  return digests;
}
