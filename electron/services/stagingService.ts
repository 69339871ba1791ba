import type { JournalEntry } from '../../shared/domain/journal.ts';
import { ServiceError } from '../../shared/ipc/errors.ts';
import type { CommitPreview, CommitResult, ImportProgress, StagedBatch } from '../../shared/ipc/schemas.ts';
import { buildCommitPreview, tradingDay } from '../../shared/ipc/views.ts';
import { toBatchView } from './batchView.ts';
import type { JournalHolder } from './journalHolder.ts';
import type { JournalStorePort } from './ports.ts';

export type OverrideChanges = { setup_archetype?: JournalEntry['setup_archetype']; final_label?: JournalEntry['final_label']; note?: string };

export type StagingService = {
  get(): Promise<StagedBatch>;
  override(id: string, changes: OverrideChanges): Promise<JournalEntry>;
  unstage(ids: readonly string[] | undefined): Promise<StagedBatch>;
  regroup(change: { readonly split: string } | { readonly group: readonly string[] }): Promise<StagedBatch>;
  preview(): Promise<CommitPreview>;
  commit(progress: (event: ImportProgress) => void): Promise<CommitResult>;
};

export function createStagingService(journal: JournalHolder): StagingService {
  const batchOf = async (store: JournalStorePort) => toBatchView(await store.getStaged());
  return {
    get: async () => batchOf(await journal.store()),
    override: (id, changes) =>
      journal.exclusive(async (store) => {
        const batch = await batchOf(store);
        if (!batch.entries.some((entry) => entry.id === id)) {
          throw new ServiceError('not_found', `Trade ${id} is not in the staged batch any more; reload the review screen.`);
        }
        return store.override(id, changes);
      }),
    unstage: (ids) =>
      journal.exclusive(async (store) => {
        await store.unstage(ids ? [...ids] : undefined);
        return batchOf(store);
      }),
    regroup: (change) =>
      journal.exclusive(async (store) => {
        if (!store.regroup) throw new ServiceError('conflict', 'This journal cannot split or group trades.');
        await store.regroup(change);
        return batchOf(store);
      }),
    preview: async () => {
      const store = await journal.store();
      const batch = await batchOf(store);
      return buildCommitPreview(batch.entries, await committedIdsAround(store, batch.entries));
    },
    commit: (progress) =>
      journal.exclusive(async (store) => {
        const batch = await batchOf(store);
        if (batch.entries.length === 0) {
          throw new ServiceError('conflict', 'Nothing is staged: import the day\'s trades first, then review and commit.');
        }
        return store.commit({
          onProgress: (done, total) => progress({ phase: 'writing', done, total, message: 'Writing the journal' }),
        });
      }),
  };
}

/** Ids already committed on the staged trades' days (a re-import of the same day skips them). */
async function committedIdsAround(store: JournalStorePort, entries: readonly JournalEntry[]): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const days = entries.map(tradingDay).sort();
  const committed = await store.listCommitted({ from: days[0], to: days[days.length - 1] });
  return new Set(committed.map((entry) => entry.id));
}
