import { dirname } from 'node:path';
import { NO_TIME_OF_DAY, timeBlockGroup, type JournalEntry, type TimeBlockGroup } from '../../shared/domain/journal.ts';
import { tradeDay } from '../../shared/engine/marketIndex.ts';
import { APPEND_ONLY_FILES, COMMITTED_IDS_FILE, DERIVED_FILES, createDerivation, derivedFilesOf, type AppendOnlyFile, type DerivedFile } from '../../shared/journal/index.ts';
import { writeAtomic, type JournalFs } from './fsOps.ts';
import { full, readStamp, stampText, type DerivedStamp } from './commitProtocol.ts';
import { derivationFileText, lastLineHash } from './derivationStore.ts';
import { createLineDigest, digestOfText } from './digest.ts';
import { DERIVATION_STATE, DERIVED_STAMP, SYNC_LOG } from './layout.ts';
import { readSyncLog } from './syncLog.ts';

/** Filters on committed trades; days are New York exit days, inclusive. */
export type JournalFilter = {
  readonly from?: string;
  readonly to?: string;
  readonly time_block?: TimeBlockGroup;
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
  if (filter.time_block !== undefined && timeBlockGroup(entry.time_block) !== filter.time_block) return false;
  if (filter.setup_archetype !== undefined && entry.setup_archetype !== filter.setup_archetype) return false;
  if (filter.final_label !== undefined && entry.final_label !== filter.final_label) return false;
  if (filter.agent !== undefined && !entry.agents_involved.includes(filter.agent)) return false;
  return true;
}

/** The committed entries matching the filter, in journal order, streamed from sync_log.jsonl. */
export async function listEntries(fs: JournalFs, dataDir: string, filter?: JournalFilter): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  const trusted = await logIsTrusted(fs, dataDir);
  const keep = rawPrefilter(filter ?? {}, trusted);
  for await (const { entry } of readSyncLog(fs, full(dataDir, SYNC_LOG), SYNC_LOG, { trusted, ...(keep ? { keep } : {}) })) {
    if (matchesFilter(entry, filter)) out.push(entry);
  }
  return out;
}

/**
 * sync_log.jsonl is the file this journal wrote when its stamp still describes it (size and last line):
 * every line then went through the schema when it was committed, and need not again to be read.
 */
export async function logIsTrusted(fs: JournalFs, dataDir: string): Promise<boolean> {
  const stamp = await readStamp(fs, dataDir);
  if (!stamp || typeof stamp.last_line_sha256 !== 'string') return false;
  const path = full(dataDir, SYNC_LOG);
  return (await fs.size(path)) === stamp.sync_log_bytes && (await lastLineHash(fs, path)) === stamp.last_line_sha256;
}

const EXIT_TIME_FIELD = /"exit_time":"((?:[^"\\]|\\.)*)"/;

/**
 * A cheap test on a raw line that never drops a line the filter keeps: each wanted value must appear in the
 * line as the JSON text it is written as (a field value inside a string is escaped, so it cannot fake one).
 * The exit day is read from the raw text only for trusted lines, whose first `exit_time` is the entry's own
 * (the schema writes it before the nested trade). Kept lines are then parsed and filtered exactly.
 */
export function rawPrefilter(filter: JournalFilter, trusted: boolean): ((text: string) => boolean) | null {
  const needles: string[] = [];
  if (filter.time_block !== undefined) needles.push(`"time_block":${JSON.stringify(filter.time_block === NO_TIME_OF_DAY ? null : filter.time_block)}`);
  if (filter.setup_archetype !== undefined) needles.push(`"setup_archetype":${JSON.stringify(filter.setup_archetype)}`);
  if (filter.final_label !== undefined) needles.push(`"final_label":${JSON.stringify(filter.final_label)}`);
  if (filter.agent !== undefined) needles.push(JSON.stringify(filter.agent));
  const byDay = trusted && (filter.from !== undefined || filter.to !== undefined);
  if (needles.length === 0 && !byDay) return null;
  return (text) => {
    for (const needle of needles) if (!text.includes(needle)) return false;
    if (!byDay) return true;
    const match = EXIT_TIME_FIELD.exec(text);
    const raw = match?.[1];
    // Anything unusual (an escape in the time) is left to the exact filter.
    if (raw === undefined || raw.includes('\\')) return true;
    const day = tradeDay(raw);
    if (day === null) return false;
    return !((filter.from !== undefined && day < filter.from) || (filter.to !== undefined && day > filter.to));
  };
}

/** Every derived file rebuilt from sync_log.jsonl, streamed line by line, plus what it was built from. */
export async function buildDerived(
  fs: JournalFs,
  dataDir: string,
  onProgress?: (entries: number) => void,
): Promise<{ files: Map<DerivedFile, string>; stamp: DerivedStamp; state: string | null }> {
  const derivation = createDerivation();
  let entries = 0;
  const chain = createLineDigest();
  for await (const { entry } of readSyncLog(fs, full(dataDir, SYNC_LOG), undefined, { onChunk: chain.updateBytes })) {
    derivation.add(entry);
    entries += 1;
    if (entries % 1000 === 0) onProgress?.(entries);
  }
  const path = full(dataDir, SYNC_LOG);
  const bytes = (await fs.size(path)) ?? 0;
  const files = derivedFilesOf(derivation);
  const hash = await lastLineHash(fs, path);
  const derived_bytes = Object.fromEntries(DERIVED_FILES.map((name) => [name, Buffer.byteLength(files.get(name) ?? '', 'utf8')]));
  const whole = (await fs.exists(path)) ? chain.digest() : null;
  const stamp: DerivedStamp = { version: 1, sync_log_bytes: bytes, entries, last_line_sha256: hash, ...(whole ? { sync_log_chain: whole.sha256 } : {}), committed_ids_sha256: digestOfText(files.get(COMMITTED_IDS_FILE) ?? '').sha256, derived_bytes };
  const appended = Object.fromEntries(APPEND_ONLY_FILES.map((name) => [name, Buffer.byteLength(files.get(name) ?? '', 'utf8')])) as Record<AppendOnlyFile, number>;
  const state = derivationFileText({ sync_log_bytes: bytes, entries, last_line_sha256: hash, appended }, derivation.snapshot());
  return { files, stamp, state };
}

/**
 * `rebuild`: regenerates every derived file and compares it with the file on disk. With `check`, nothing is
 * written; otherwise each file that differs is replaced atomically (temp file, fsync, rename), and the stamp
 * and the saved derivation state are brought up to date so the next commit can append again.
 */
export async function rebuildDerived(fs: JournalFs, dataDir: string, check: boolean, onProgress?: (entries: number) => void): Promise<RebuildResult> {
  const { files, stamp, state } = await buildDerived(fs, dataDir, onProgress);
  // Before the first commit there is no journal and so no derived file: absent is what a rebuild gives.
  const journalExists = (await fs.size(full(dataDir, SYNC_LOG))) !== null;
  const differences: DerivedFile[] = [];
  for (const name of DERIVED_FILES) {
    const current = await fs.readText(full(dataDir, name));
    if (current === null && !journalExists) continue;
    if (current !== files.get(name)) differences.push(name);
  }
  if (!check && journalExists) {
    for (const name of differences) await writeAtomic(fs, full(dataDir, name), files.get(name) ?? '');
    const current = await readStamp(fs, dataDir);
    if (!current || stampText(current) !== stampText(stamp)) await writeAtomic(fs, full(dataDir, DERIVED_STAMP), stampText(stamp));
    if (state !== null && (await fs.readText(full(dataDir, DERIVATION_STATE))) !== state) await writeAtomic(fs, full(dataDir, DERIVATION_STATE), state);
  }
  return { files: [...DERIVED_FILES], identical: differences.length === 0, differences };
}

/** Derived files are stale when one is missing or the stamp does not describe the current sync_log.jsonl. */
export async function derivedAreStale(fs: JournalFs, dataDir: string): Promise<boolean> {
  const path = full(dataDir, SYNC_LOG);
  const logBytes = await fs.size(path);
  const stamp = await readStamp(fs, dataDir);
  // No sync_log.jsonl, nothing committed: there is nothing to rebuild from.
  if (logBytes === null) return false;
  if (!stamp || stamp.sync_log_bytes !== logBytes) return true;
  // A stamp from before the last-line hash only vouches for the size.
  if (stamp.last_line_sha256 !== undefined && stamp.last_line_sha256 !== (await lastLineHash(fs, path))) return true;
  for (const name of DERIVED_FILES) {
    const size = await fs.size(full(dataDir, name));
    if (size === null) return true;
    // A derived file cut short (or grown) since the stamp: rebuilt rather than served half.
    const stamped = stamp.derived_bytes?.[name];
    if (stamped !== undefined && stamped !== size) return true;
  }
  return false;
}

export function parentOf(dataDir: string, relative: string): string {
  return dirname(full(dataDir, relative));
}
