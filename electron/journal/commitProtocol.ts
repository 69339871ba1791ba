import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { APPEND_ONLY_FILES, DERIVED_FILES } from '../../shared/journal/index.ts';
import type { JournalFs } from './fsOps.ts';
import { fileDigest, sameDigest, type FileDigest } from './digest.ts';
import { COMMIT_MARKER, DERIVATION_STATE, DERIVED_STAMP, STAGING_BATCH, SYNC_LOG } from './layout.ts';

/**
 * The commit protocol. Every file a commit replaces is first written in full to `<file>.tmp` in the same
 * directory and fsynced; what a commit adds to an append-only file (sync_log.jsonl and the append-only
 * derived files, in the daily case) is written to `<file>.append` and fsynced. Then the marker
 * `state/commit.json` is written (itself by temp file and rename): the moment it exists, the commit is
 * decided. Then each `.append` is copied in place after the length its file had (cutting anything beyond
 * that length first, so doing it twice gives the same file), each temp file is renamed over its target,
 * and the marker is removed. A crash before the marker leaves only temp files (rolled back on open: the
 * journal is as before); a crash after it is rolled forward on open by doing the appends and renames again
 * (the journal is as after). A rename within one directory is atomic, so no reader ever sees half a file; an
 * append is finished before the marker goes, so no reader of a committed journal sees half an append. The
 * daily commit thus writes what it adds and the small files it re-renders, never a copy of the years before.
 */
export type CommitMarker = {
  readonly version: 2 | 3;
  /**
   * Relative paths ('/' separated): each `from` is renamed over its `to`, in this order, and `from` must have
   * exactly the digest written beside it (the `to` must, once the rename is done).
   */
  readonly renames: readonly ({ readonly from: string; readonly to: string } & FileDigest)[];
  /** Each `from` (`<to>.append`, with that digest) is copied into `to` at byte `at` (version 3). */
  readonly appends: readonly AppendStep[];
  /** sync_log.jsonl as it was before a commit that replaces it (null: it is not replaced, or there was none). */
  readonly replaces: FileDigest | null;
};

export type AppendStep = { readonly from: string; readonly to: string; readonly at: number } & FileDigest;

/**
 * A commit marker that does not describe the files beside it: a marker and temp files from different
 * commits (a restore from a backup, a copied folder), or a temp file damaged since. Nothing is changed.
 */
export class CommitRecoveryError extends Error {
  readonly kind = 'io';
  constructor(
    readonly dataDir: string,
    readonly mismatches: readonly string[],
  ) {
    super(
      `an interrupted commit in ${dataDir} cannot be finished safely: ${mismatches.join('; ')}. Nothing was changed and every file was kept; move ${COMMIT_MARKER} and the .tmp files out of the folder to open the journal as it was before that commit`,
    );
    this.name = 'CommitRecoveryError';
  }
}

/** Every file a commit may replace, relative to the data directory. */
export const COMMIT_TARGETS: readonly string[] = [SYNC_LOG, ...DERIVED_FILES, DERIVED_STAMP, DERIVATION_STATE, STAGING_BATCH];

/** The files a commit may append to in place. */
export const APPEND_TARGETS: readonly string[] = [SYNC_LOG, ...APPEND_ONLY_FILES];

export function tempOf(relative: string): string {
  return `${relative}.tmp`;
}

export function appendOf(relative: string): string {
  return `${relative}.append`;
}

export function full(dataDir: string, relative: string): string {
  return join(dataDir, ...relative.split(/[\\/]/));
}

export async function writeMarker(fs: JournalFs, dataDir: string, marker: CommitMarker): Promise<void> {
  const path = full(dataDir, COMMIT_MARKER);
  await fs.writeDurable(`${path}.tmp`, JSON.stringify(marker) + '\n');
  await fs.rename(`${path}.tmp`, path);
  await fs.syncDir(dirname(path));
}

/** Performs the appends and renames a marker lists (skipping those already done), then removes the marker. */
export async function applyMarker(fs: JournalFs, dataDir: string, marker: CommitMarker): Promise<void> {
  const dirs = new Set<string>();
  for (const { from, to, at } of marker.appends) {
    const source = full(dataDir, from);
    if (await fs.exists(source)) await fs.appendAt(full(dataDir, to), at, source);
  }
  for (const { from, to } of marker.renames) {
    const source = full(dataDir, from);
    if (await fs.exists(source)) {
      await fs.rename(source, full(dataDir, to));
      dirs.add(dirname(full(dataDir, to)));
    }
  }
  for (const dir of [...dirs].sort()) await fs.syncDir(dir);
  // Only once every append is durable may its source go; the marker goes last.
  for (const { from } of marker.appends) await fs.remove(full(dataDir, from));
  const markerPath = full(dataDir, COMMIT_MARKER);
  await fs.remove(markerPath);
  await fs.syncDir(dirname(markerPath));
}

export type Recovery = 'clean' | 'rolled_forward' | 'rolled_back';

/**
 * Run on open, before anything else: finish a decided commit, or throw away the temp files of one that
 * never reached its marker. A commit is finished only when every file is what its marker recorded (the temp
 * files, and sync_log.jsonl as the commit found it); otherwise CommitRecoveryError, and nothing is touched.
 */
export async function recoverCommit(fs: JournalFs, dataDir: string): Promise<Recovery> {
  const markerText = await fs.readText(full(dataDir, COMMIT_MARKER));
  const marker = markerText === null ? null : parseMarker(markerText);
  if (marker === 'unverifiable') throw new CommitRecoveryError(dataDir, [`${COMMIT_MARKER} is from an older QThink and records no digests`]);
  if (marker) {
    const mismatches = await markerMismatches(fs, dataDir, marker);
    if (mismatches.length > 0) throw new CommitRecoveryError(dataDir, mismatches);
    await applyMarker(fs, dataDir, marker);
    return 'rolled_forward';
  }
  let removed = false;
  // An unreadable marker can only be a torn write of one never renamed into place; treat it as absent.
  if (markerText !== null) {
    await fs.remove(full(dataDir, COMMIT_MARKER));
    removed = true;
  }
  const leftovers = [...[...COMMIT_TARGETS, COMMIT_MARKER].map(tempOf), ...APPEND_TARGETS.map(appendOf)];
  for (const relative of leftovers) {
    const temp = full(dataDir, relative);
    if (await fs.exists(temp)) {
      await fs.remove(temp);
      removed = true;
    }
  }
  return removed ? 'rolled_back' : 'clean';
}

/** What does not match the marker: each file that is neither its temp file's recorded digest nor, renamed, its target's. */
async function markerMismatches(fs: JournalFs, dataDir: string, marker: CommitMarker): Promise<string[]> {
  const mismatches: string[] = [];
  let logRenamed = true;
  for (const rename of marker.renames) {
    const temp = await fileDigest(fs, full(dataDir, rename.from));
    if (temp !== null) {
      if (rename.to === SYNC_LOG) logRenamed = false;
      if (!sameDigest(temp, rename)) mismatches.push(`${rename.from} is ${describe(temp)}, the marker recorded ${describe(rename)}`);
      continue;
    }
    const target = await fileDigest(fs, full(dataDir, rename.to));
    if (!sameDigest(target, rename)) mismatches.push(`${rename.from} is missing and ${rename.to} is ${target === null ? 'missing' : describe(target)}, not the ${describe(rename)} the marker recorded`);
  }
  for (const step of marker.appends) mismatches.push(...(await appendMismatches(fs, dataDir, step)));
  if (!logRenamed) {
    const log = await fileDigest(fs, full(dataDir, SYNC_LOG));
    if (!sameDigest(log, marker.replaces)) mismatches.push(`${SYNC_LOG} is ${log === null ? 'missing' : describe(log)}, the commit was made onto ${marker.replaces === null ? 'no log' : describe(marker.replaces)}`);
  }
  return mismatches;
}

/**
 * An append is safe to (re)do when its source is what the marker recorded and its file is at least as long
 * as the length the append follows; once its source is gone, the file must end in exactly those bytes.
 */
async function appendMismatches(fs: JournalFs, dataDir: string, step: AppendStep): Promise<string[]> {
  const size = await fs.size(full(dataDir, step.to));
  const source = await fileDigest(fs, full(dataDir, step.from));
  if (source !== null) {
    const problems: string[] = [];
    if (!sameDigest(source, step)) problems.push(`${step.from} is ${describe(source)}, the marker recorded ${describe(step)}`);
    if ((size ?? 0) < step.at) problems.push(`${step.to} is ${size ?? 0} bytes, shorter than the ${step.at} bytes the commit appended to`);
    return problems;
  }
  const tail = size === step.at + step.bytes ? await fs.readTail(full(dataDir, step.to), step.bytes) : null;
  const done = tail !== null && createHash('sha256').update(tail).digest('hex') === step.sha256;
  return done ? [] : [`${step.from} is missing and ${step.to} (${size ?? 0} bytes) does not end in the ${describe(step)} the marker recorded after byte ${step.at}`];
}

function describe(digest: FileDigest): string {
  return `${digest.bytes} bytes (SHA-256 ${digest.sha256.slice(0, 12)}…)`;
}

function parseMarker(text: string): CommitMarker | 'unverifiable' | null {
  let value: Omit<Partial<CommitMarker>, 'version'> & { version?: unknown };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !Array.isArray(value.renames)) return null;
  if (value.version === 1) return 'unverifiable';
  if ((value.version !== 2 && value.version !== 3) || (value.replaces !== null && !isDigest(value.replaces))) return null;
  const listed = value.version === 3 ? value.appends : [];
  if (!Array.isArray(listed)) return null;
  const appends = listed.filter(
    (item): item is AppendStep =>
      typeof item?.from === 'string' && typeof item.to === 'string' && APPEND_TARGETS.includes(item.to) && item.from === appendOf(item.to) && typeof item.at === 'number' && isDigest(item),
  );
  if (appends.length !== listed.length) return null;
  const renames = value.renames.filter(
    (item): item is CommitMarker['renames'][number] =>
      typeof item?.from === 'string' && typeof item.to === 'string' && COMMIT_TARGETS.includes(item.to) && item.from === tempOf(item.to) && isDigest(item),
  );
  return renames.length === value.renames.length ? { version: value.version, renames, appends, replaces: value.replaces ?? null } : null;
}

function isDigest(value: unknown): value is FileDigest {
  return typeof value === 'object' && value !== null && typeof (value as FileDigest).bytes === 'number' && typeof (value as FileDigest).sha256 === 'string';
}

/**
 * What the derived files were built from; a mismatch on open means they are stale and are rebuilt.
 * `last_line_sha256` (the SHA-256 of the log's last line, hex) was added later: a stamp without it is
 * still read, it only cannot vouch for the log's content.
 */
export type DerivedStamp = {
  readonly version: 1;
  readonly sync_log_bytes: number;
  readonly entries: number;
  readonly last_line_sha256?: string | null;
  /**
   * The line chain of the whole log (digest.ts): what lets open notice a line changed anywhere in it. A
   * stamp from before it (or with the older whole-file `sync_log_sha256`) cannot vouch for the content.
   */
  readonly sync_log_chain?: string;
  /** SHA-256 of the id index (journal/committed_ids.jsonl), which open trusts only when it matches. */
  readonly committed_ids_sha256?: string;
  /** Each derived file's size, so a truncated derived file is noticed on open. */
  readonly derived_bytes?: Readonly<Record<string, number>>;
};

export function stampText(stamp: DerivedStamp): string {
  return JSON.stringify(stamp) + '\n';
}

export async function readStamp(fs: JournalFs, dataDir: string): Promise<DerivedStamp | null> {
  const text = await fs.readText(full(dataDir, DERIVED_STAMP));
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<DerivedStamp>;
    if (value.version !== 1 || typeof value.sync_log_bytes !== 'number' || typeof value.entries !== 'number') return null;
    const hash = typeof value.last_line_sha256 === 'string' || value.last_line_sha256 === null ? { last_line_sha256: value.last_line_sha256 } : {};
    const whole = typeof value.sync_log_chain === 'string' ? { sync_log_chain: value.sync_log_chain } : {};
    const index = typeof value.committed_ids_sha256 === 'string' ? { committed_ids_sha256: value.committed_ids_sha256 } : {};
    const sizes = isSizes(value.derived_bytes) ? { derived_bytes: value.derived_bytes } : {};
    return { version: 1, sync_log_bytes: value.sync_log_bytes, entries: value.entries, ...hash, ...whole, ...index, ...sizes };
  } catch {
    return null;
  }
}

function isSizes(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((size) => typeof size === 'number');
}
