import { dirname, join } from 'node:path';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import type { JournalFs } from './fsOps.ts';
import { COMMIT_MARKER, DERIVATION_STATE, DERIVED_STAMP, STAGING_BATCH, SYNC_LOG } from './layout.ts';

/**
 * The commit protocol. Every file a commit changes is first written in full to `<file>.tmp` in the same
 * directory and fsynced. Then the marker `state/commit.json` is written (itself by temp file and rename):
 * the moment it exists, the commit is decided. Then each temp file is renamed over its target, and the
 * marker is removed. A crash before the marker leaves only temp files (rolled back on open: the journal is
 * as before); a crash after it is rolled forward on open by finishing the renames (the journal is as after).
 * A rename within one directory is atomic, so no reader ever sees half a file.
 */
export type CommitMarker = {
  readonly version: 1;
  /** Relative paths ('/' separated): each `from` is renamed over its `to`, in this order. */
  readonly renames: readonly { readonly from: string; readonly to: string }[];
};

/** Every file a commit may replace, relative to the data directory. */
export const COMMIT_TARGETS: readonly string[] = [SYNC_LOG, ...DERIVED_FILES, DERIVED_STAMP, DERIVATION_STATE, STAGING_BATCH];

export function tempOf(relative: string): string {
  return `${relative}.tmp`;
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

/** Performs the renames a marker lists (skipping those already done), then removes the marker. */
export async function applyMarker(fs: JournalFs, dataDir: string, marker: CommitMarker): Promise<void> {
  const dirs = new Set<string>();
  for (const { from, to } of marker.renames) {
    const source = full(dataDir, from);
    if (await fs.exists(source)) {
      await fs.rename(source, full(dataDir, to));
      dirs.add(dirname(full(dataDir, to)));
    }
  }
  for (const dir of [...dirs].sort()) await fs.syncDir(dir);
  const markerPath = full(dataDir, COMMIT_MARKER);
  await fs.remove(markerPath);
  await fs.syncDir(dirname(markerPath));
}

export type Recovery = 'clean' | 'rolled_forward' | 'rolled_back';

/**
 * Run on open, before anything else: finish a decided commit, or throw away the temp files of one that
 * never reached its marker.
 */
export async function recoverCommit(fs: JournalFs, dataDir: string): Promise<Recovery> {
  const markerText = await fs.readText(full(dataDir, COMMIT_MARKER));
  const marker = markerText === null ? null : parseMarker(markerText);
  if (marker) {
    await applyMarker(fs, dataDir, marker);
    return 'rolled_forward';
  }
  let removed = false;
  // An unreadable marker can only be a torn write of one never renamed into place; treat it as absent.
  if (markerText !== null) {
    await fs.remove(full(dataDir, COMMIT_MARKER));
    removed = true;
  }
  for (const relative of [...COMMIT_TARGETS, COMMIT_MARKER]) {
    const temp = full(dataDir, tempOf(relative));
    if (await fs.exists(temp)) {
      await fs.remove(temp);
      removed = true;
    }
  }
  return removed ? 'rolled_back' : 'clean';
}

function parseMarker(text: string): CommitMarker | null {
  try {
    const value = JSON.parse(text) as Partial<CommitMarker>;
    if (value.version !== 1 || !Array.isArray(value.renames)) return null;
    const renames = value.renames.filter(
      (item): item is { from: string; to: string } =>
        typeof item?.from === 'string' && typeof item.to === 'string' && COMMIT_TARGETS.includes(item.to) && item.from === tempOf(item.to),
    );
    return renames.length === value.renames.length ? { version: 1, renames } : null;
  } catch {
    return null;
  }
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
    return { version: 1, sync_log_bytes: value.sync_log_bytes, entries: value.entries, ...hash };
  } catch {
    return null;
  }
}
