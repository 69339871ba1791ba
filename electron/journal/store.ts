import { resolve } from 'node:path';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import { finalLabelSchema, setupArchetypeSchema } from '../../shared/domain/journal.ts';
import type { Bar } from '../../shared/domain/market.ts';
import { applyOverride } from '../../shared/engine/assessTrade.ts';
import type { CarriedFill } from '../../shared/importers/brokers/fill.ts';
import type { ImportBundle } from '../../shared/importers/importBundle.ts';
import { entriesToCsv, entriesToJson, entriesToMarkdown } from '../../shared/journal/export.ts';
import { MESH_CONFIG_FILE, isDerivedFile } from '../../shared/journal/index.ts';
import { weightsFromMeshConfig } from '../../shared/journal/meshConfig.ts';
import { createLogger } from '../logger.ts';
import { writeCommit, type CommitResult } from './commit.ts';
import { full, recoverCommit } from './commitProtocol.ts';
import type { LineDigest } from './digest.ts';
import { asEnvironmentError } from './environmentError.ts';
import { checkUnchanged, logFingerprint, type LogFingerprint } from './logFingerprint.ts';
import { checkLogOnOpen, setAsideUnreadableStaged } from './openChecks.ts';
import { rememberLog } from './logSeen.ts';
import { nodeFs, writeAtomic, type JournalFs } from './fsOps.ts';
import { withFaultSeam } from './faultSeam.ts';
import { derivedAreStale, listEntries, rebuildDerived, type JournalFilter, type RebuildResult } from './journalFiles.ts';
import { OPEN_POSITIONS, SYNC_LOG } from './layout.ts';
import { JournalRequestError } from './requestError.ts';
import { openPositionsText, readOpenPositions } from './openPositions.ts';
import { acquireLock, type JournalLock } from './lock.ts';
import { createMarketStore } from './marketStore.ts';
import { pendingFromStaged } from './commitEntries.ts';
import { readStagedForCommit, StagedBatchUnreadableError } from './stagedFile.ts';
import { mergeIntoStaged, readStagedFile, regroupStaged, writeStagedFile, type ProgressCallback, type Regroup } from './staging.ts';
import { emptyStagedFile, stagedView, type Override, type StagedBatch } from './stagedState.ts';

export type { CommitResult } from './commit.ts';
export { JournalRequestError } from './requestError.ts';
export type { JournalFilter, RebuildResult } from './journalFiles.ts';
export type { Override, StagedBatch } from './stagedState.ts';
export type { ProgressCallback } from './staging.ts';

export type ExportFormat = 'csv' | 'json' | 'md';

/** The journal of one data directory. Every method that changes something runs one at a time. */
export type JournalStore = {
  readonly dataDir: string;
  readonly readOnly: boolean;
  /** What opening (or a later read) had to repair or set aside, one sentence each: a torn last line, stale derived files, an unreadable staged batch. */
  readonly notices: readonly string[];
  stage(bundle: ImportBundle, options?: { onProgress?: ProgressCallback }): Promise<StagedBatch>;
  getStaged(): Promise<StagedBatch>;
  override(id: string, changes: Override): Promise<JournalEntry>;
  unstage(ids?: string[]): Promise<StagedBatch>;
  /** Review: split a staged multi-leg trade into its legs, or group staged trades into one; remembered for later imports of the same trades. */
  regroup(change: Regroup): Promise<StagedBatch>;
  /** Fills of positions still open: the staged batch's when its imports read broker exports, else the committed ones (positions/open_positions.json). */
  openPositions(): Promise<CarriedFill[]>;
  commit(options?: { onProgress?: (done: number, total: number) => void }): Promise<CommitResult>;
  listCommitted(filter?: JournalFilter): Promise<JournalEntry[]>;
  /** A derived file's text by its relative name (e.g. `mesh_config.json`, `memory/patterns.md`); null when absent. */
  readDerived(name: string): Promise<string | null>;
  getBars(symbol: string, date: string): Promise<Bar[]>;
  rebuild(options?: { check?: boolean; onProgress?: (entries: number) => void }): Promise<RebuildResult>;
  export(format: ExportFormat, filter?: JournalFilter): Promise<string>;
  /** Current agent weights (mesh_config.json); empty before the first commit. */
  weights(): Promise<Record<string, number>>;
  isCommitted(id: string): boolean;
  committedCount(): number;
  /** Releases the lock; the store cannot be used afterwards. */
  close(): Promise<void>;
};

export type OpenJournalOptions = {
  /** The file-system seam (tests inject failing steps); default node:fs. */
  readonly fs?: JournalFs;
  /** Read without taking the lock; every change is refused. */
  readonly readOnly?: boolean;
  /** Clock for `updated_at` of the staged batch. */
  readonly now?: () => Date;
};

const logger = createLogger('journal');

/**
 * Opens (creating if needed) the journal in `dataDir`: takes the writer lock (a second writer is refused
 * with JournalLockedError), finishes or rolls back an interrupted commit, checks sync_log.jsonl (see
 * openChecks.ts), rebuilds stale derived files, and reads the committed ids. What it had to repair on the
 * way is in the store's `notices`.
 */
export async function openJournal(dataDir: string, options: OpenJournalOptions = {}): Promise<JournalStore> {
  const dir = resolve(dataDir);
  const fs = options.fs ?? withFaultSeam(nodeFs);
  const readOnly = options.readOnly === true;
  const now = options.now ?? (() => new Date());
  let lock: JournalLock | null = null;
  try {
    lock = readOnly ? null : await acquireLock(dir);
    const notices: string[] = [];
    if (!readOnly) {
      await fs.mkdirp(dir);
      const recovery = await recoverCommit(fs, dir);
      if (recovery !== 'clean') notices.push(`an interrupted commit was ${recovery === 'rolled_forward' ? 'finished' : 'rolled back'}`);
    }
    const checked = await checkLogOnOpen(fs, dir, { readOnly, now });
    notices.push(...checked.notices);
    if (!readOnly) {
      if (checked.rebuild || (await derivedAreStale(fs, dir))) {
        notices.push(`derived journal files did not match ${SYNC_LOG}; they were rebuilt from it`);
        await rebuildDerived(fs, dir, false);
      }
      // The log was read and checked in full: the next open need not read it again.
      if (!checked.trusted) await rememberLog(fs, dir, checked.scan.digest.digest());
    }
    for (const notice of notices) logger.warn(`${dir}: ${notice}`);
    return createStore(dir, fs, readOnly, now, lock, checked.scan.ids, await logFingerprint(fs, dir), checked.scan.digest, notices);
  } catch (error) {
    await lock?.release().catch(() => undefined);
    throw asEnvironmentError(error, dir) ?? error;
  }
}

function createStore(
  dataDir: string,
  fs: JournalFs,
  readOnly: boolean,
  now: () => Date,
  lock: JournalLock | null,
  committed: Set<string>,
  opened: LogFingerprint,
  openedDigest: LineDigest,
  notices: string[],
): JournalStore {
  /**
   * Reads the staged batch; one that cannot be read is set aside (writable stores) with a notice, and the
   * read starts from an empty batch. A read-only store reports it instead.
   */
  const readableStaged = async <T>(read: () => Promise<T>, empty: () => T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (readOnly || !(error instanceof StagedBatchUnreadableError)) throw error;
      const notice = await setAsideUnreadableStaged(fs, dataDir, now(), error);
      logger.warn(`${dataDir}: ${notice}`);
      notices.push(notice);
      return empty();
    }
  };
  const readStaged = () => readableStaged(() => readStagedFile(fs, dataDir), emptyStagedFile);
  /** sync_log.jsonl as this store last read or wrote it: a commit goes ahead only onto exactly this file. */
  let known = opened;
  let knownDigest = openedDigest;
  const market = createMarketStore(fs, dataDir);
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();

  /** Changes run one after the other, never interleaved (an import during a commit waits for it). */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new JournalRequestError('conflict', `the journal in ${dataDir} is closed`));
    const run = queue.then(task).catch((error: unknown) => {
      throw asEnvironmentError(error, dataDir) ?? error;
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const writable = <T>(task: () => Promise<T>): Promise<T> =>
    readOnly ? Promise.reject(new JournalRequestError('conflict', `the journal in ${dataDir} is open read-only`)) : exclusive(task);

  return {
    dataDir,
    readOnly,
    notices,
    stage: (bundle, stageOptions = {}) =>
      writable(async () => {
        await market.saveBars(bundle.bars);
        await market.saveContexts(bundle.contexts);
        const merged = await mergeIntoStaged(await readStaged(), bundle, committed, market, now().toISOString(), stageOptions.onProgress);
        stageOptions.onProgress?.({ phase: 'writing', done: 0, total: 1 });
        await writeStagedFile(fs, dataDir, merged);
        stageOptions.onProgress?.({ phase: 'writing', done: 1, total: 1 });
        return stagedView(merged, applyOverride);
      }),
    getStaged: () => exclusive(async () => stagedView(await readStaged(), applyOverride)),
    regroup: (change) =>
      writable(async () => {
        const next = await regroupStaged(await readStaged(), change, market, now().toISOString());
        await writeStagedFile(fs, dataDir, next);
        return stagedView(next, applyOverride);
      }),
    openPositions: () => exclusive(async () => (await readStaged()).open_positions ?? (await readOpenPositions(fs, dataDir))),
    override: (id, changes) =>
      writable(async () => {
        const checked = checkOverride(changes);
        const staged = await readStaged();
        const proposal = staged.proposals.find((entry) => entry.id === id);
        if (!proposal) throw new JournalRequestError('not_found', `trade ${id} is not in the staged batch`);
        const merged: Override = { ...staged.overrides[id], ...checked };
        const next = { ...staged, overrides: { ...staged.overrides, [id]: merged }, updated_at: now().toISOString() };
        await writeStagedFile(fs, dataDir, next);
        return applyOverride(proposal, merged);
      }),
    unstage: (ids) =>
      writable(async () => {
        const staged = await readStaged();
        const next =
          ids === undefined
            ? { ...emptyStagedFile(), updated_at: now().toISOString() }
            : (() => {
                const drop = new Set(ids);
                return {
                  ...staged,
                  trades: staged.trades.filter((trade) => !drop.has(trade.id)),
                  proposals: staged.proposals.filter((entry) => !drop.has(entry.id)),
                  overrides: Object.fromEntries(Object.entries(staged.overrides).filter(([id]) => !drop.has(id))),
                  updated_at: now().toISOString(),
                };
              })();
        await writeStagedFile(fs, dataDir, next);
        return stagedView(next, applyOverride);
      }),
    commit: (commitOptions = {}) =>
      writable(async () => {
        const staged = await readableStaged(() => readStagedForCommit(fs, dataDir), () => ({ ...emptyStagedFile(), proposals: [] }));
        const after = { ...emptyStagedFile(), updated_at: now().toISOString() };
        const hadErrors = staged.errors.length > 0;
        const batch = pendingFromStaged(staged, committed, applyOverride);
        const positions = staged.open_positions ? new Map([[OPEN_POSITIONS, openPositionsText(staged.open_positions)]]) : new Map<string, string>();
        if (batch.pending.length === 0) {
          // Nothing new for the log, but the positions the batch's imports left open are the account's now.
          for (const [name, text] of positions) await writeAtomic(fs, full(dataDir, name), text);
          if (batch.staged > 0 || hadErrors || positions.size > 0) await writeStagedFile(fs, dataDir, after);
          return { added: 0, skipped: batch.skipped, total: committed.size };
        }
        await checkUnchanged(fs, dataDir, known);
        const { total, log, digest } = await writeCommit(fs, dataDir, batch.pending, after, committed.size, knownDigest, commitOptions.onProgress, positions);
        known = log;
        knownDigest = digest;
        for (const entry of batch.pending) committed.add(entry.id);
        return { added: batch.pending.length, skipped: batch.skipped, total };
      }),
    listCommitted: (filter) => exclusive(() => listEntries(fs, dataDir, filter)),
    readDerived: (name) =>
      exclusive(async () => {
        if (!isDerivedFile(name) && name !== SYNC_LOG) throw new JournalRequestError('not_found', `${name} is not a journal file`);
        return fs.readText(full(dataDir, name));
      }),
    getBars: (symbol, date) => market.loadBars(symbol, date),
    rebuild: (rebuildOptions = {}) => {
      const check = rebuildOptions.check === true;
      const run = () => rebuildDerived(fs, dataDir, check, rebuildOptions.onProgress);
      return check ? exclusive(run) : writable(run);
    },
    export: (format, filter) =>
      exclusive(async () => {
        const entries = await listEntries(fs, dataDir, filter);
        if (format === 'csv') return entriesToCsv(entries);
        if (format === 'json') return entriesToJson(entries);
        return entriesToMarkdown(entries);
      }),
    weights: () =>
      exclusive(async () => {
        const text = await fs.readText(full(dataDir, MESH_CONFIG_FILE));
        return text === null ? {} : weightsFromMeshConfig(text);
      }),
    isCommitted: (id) => committed.has(id),
    committedCount: () => committed.size,
    close: async () => {
      if (closed) return;
      await queue;
      closed = true;
      await lock?.release();
    },
  };
}

function checkOverride(changes: Override): Override {
  const out: { setup_archetype?: Override['setup_archetype']; final_label?: Override['final_label']; note?: string } = {};
  if (changes.setup_archetype !== undefined) {
    const parsed = setupArchetypeSchema.safeParse(changes.setup_archetype);
    if (!parsed.success) throw new JournalRequestError('invalid_request', `unknown setup_archetype '${String(changes.setup_archetype)}' (one of ${setupArchetypeSchema.options.join(', ')})`);
    out.setup_archetype = parsed.data;
  }
  if (changes.final_label !== undefined) {
    const parsed = finalLabelSchema.safeParse(changes.final_label);
    if (!parsed.success) throw new JournalRequestError('invalid_request', `unknown final_label '${String(changes.final_label)}' (one of ${finalLabelSchema.options.join(', ')})`);
    out.final_label = parsed.data;
  }
  if (changes.note !== undefined) out.note = changes.note;
  return out;
}
