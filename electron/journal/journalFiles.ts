import { dirname } from 'node:path';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import { tradeDay } from '../../shared/engine/marketIndex.ts';
import { DERIVED_FILES, createJournalAccumulator, type DerivedFile } from '../../shared/journal/index.ts';
import { writeAtomic, type JournalFs } from './fsOps.ts';
import { full, readStamp, stampText, type DerivedStamp } from './commitProtocol.ts';
import { DERIVED_STAMP, SYNC_LOG } from './layout.ts';
import { readSyncLog } from './syncLog.ts';

/** Filters on committed trades; days are New York exit days, inclusive. */
export type JournalFilter = {
  readonly from?: string;
  readonly to?: string;
  readonly time_block?: JournalEntry['time_block'];
  readonly setup_archetype?: JournalEntry['setup_archetype'];
  readonly final_label?: JournalEntry['final_label'];
  readonly agent?: string;
};

export type RebuildResult = {
  /** Every derived file, relative to the data directory. */
  readonly files: string[];
  /** True when every derived file on disk already had exactly the rebuilt bytes. */
  readonly identical: boolean;
  /** The derived files whose bytes differed (or were missing) before the rebuild. */
  readonly differences: string[];
};

export function matchesFilter(entry: JournalEntry, filter: JournalFilter = {}): boolean {
  if (filter.from !== undefined || filter.to !== undefined) {
    const day = tradeDay(entry.exit_time);
    if (day === null) return false;
    if (filter.from !== undefined && day < filter.from) return false;
    if (filter.to !== undefined && day > filter.to) return false;
  }
  if (filter.time_block !== undefined && entry.time_block !== filter.time_block) return false;
  if (filter.setup_archetype !== undefined && entry.setup_archetype !== filter.setup_archetype) return false;
  if (filter.final_label !== undefined && entry.final_label !== filter.final_label) return false;
  if (filter.agent !== undefined && !entry.agents_involved.includes(filter.agent)) return false;
  return true;
}

/** The committed entries matching the filter, in journal order, streamed from sync_log.jsonl. */
export async function listEntries(fs: JournalFs, dataDir: string, filter?: JournalFilter): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for await (const { entry } of readSyncLog(fs, full(dataDir, SYNC_LOG))) if (matchesFilter(entry, filter)) out.push(entry);
  return out;
}

/** Every derived file rebuilt from sync_log.jsonl, streamed line by line, plus what it was built from. */
export async function buildDerived(
  fs: JournalFs,
  dataDir: string,
  onProgress?: (entries: number) => void,
): Promise<{ files: Map<DerivedFile, string>; stamp: DerivedStamp }> {
  const accumulator = createJournalAccumulator();
  let entries = 0;
  for await (const { entry } of readSyncLog(fs, full(dataDir, SYNC_LOG))) {
    accumulator.add(entry);
    entries += 1;
    if (entries % 1000 === 0) onProgress?.(entries);
  }
  const bytes = (await fs.size(full(dataDir, SYNC_LOG))) ?? 0;
  return { files: accumulator.finish(), stamp: { version: 1, sync_log_bytes: bytes, entries } };
}

/**
 * `rebuild`: regenerates every derived file and compares it with the file on disk. With `check`, nothing is
 * written; otherwise each file that differs is replaced atomically (temp file, fsync, rename).
 */
export async function rebuildDerived(fs: JournalFs, dataDir: string, check: boolean, onProgress?: (entries: number) => void): Promise<RebuildResult> {
  const { files, stamp } = await buildDerived(fs, dataDir, onProgress);
  // Before the first commit there is no journal and so no derived file: absent is what a rebuild gives.
  const journalExists = (await fs.size(full(dataDir, SYNC_LOG))) !== null;
  const differences: DerivedFile[] = [];
  for (const name of DERIVED_FILES) {
    const current = await fs.readText(full(dataDir, name));
    if (current === null && !journalExists) continue;
    if (current !== files.get(name)) differences.push(name);
  }
  if (!check) {
    for (const name of differences) await writeAtomic(fs, full(dataDir, name), files.get(name) ?? '');
    const current = await readStamp(fs, dataDir);
    if (journalExists && (!current || current.sync_log_bytes !== stamp.sync_log_bytes || current.entries !== stamp.entries)) {
      await writeAtomic(fs, full(dataDir, DERIVED_STAMP), stampText(stamp));
    }
  }
  return { files: [...DERIVED_FILES], identical: differences.length === 0, differences };
}

/** Derived files are stale when one is missing or the stamp does not describe the current sync_log.jsonl. */
export async function derivedAreStale(fs: JournalFs, dataDir: string): Promise<boolean> {
  const logBytes = await fs.size(full(dataDir, SYNC_LOG));
  const stamp = await readStamp(fs, dataDir);
  // No sync_log.jsonl, nothing committed: there is nothing to rebuild from.
  if (logBytes === null) return false;
  if (!stamp || stamp.sync_log_bytes !== logBytes) return true;
  for (const name of DERIVED_FILES) if (!(await fs.exists(full(dataDir, name)))) return true;
  return false;
}

export function parentOf(dataDir: string, relative: string): string {
  return dirname(full(dataDir, relative));
}
