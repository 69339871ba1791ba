import type { JournalHealth, RepairOutcome } from '../../shared/ipc/schemas.ts';
import { healthOfOpenError, healthOfStore, isJournalDamage, repairOutcomeOf } from './journalHealth.ts';
import type { JournalStorePort, StoreRepairResult } from './ports.ts';

/**
 * The journal store of the current data directory. Changing the data directory in settings reopens it;
 * changes to the staged batch and the journal run one at a time, so a commit never interleaves with an
 * import or an override.
 */
export type JournalHolder = {
  /** The open store; rejects with the damage while the journal is damaged (see journalHealth.ts). */
  store(): Promise<JournalStorePort>;
  dataDir(): string;
  reopen(dataDir: string): Promise<void>;
  exclusive<T>(task: (store: JournalStorePort) => Promise<T>): Promise<T>;
  /** Whether the journal opens, looking again when it did not (it may have been repaired outside the app). */
  health(): Promise<JournalHealth>;
  /** Closes the store, repairs the data directory and opens it again. */
  repair(): Promise<RepairOutcome>;
  /** Releases the store (its lock on the data directory). */
  close(): Promise<void>;
};

export type JournalAccess = {
  readonly open: (dataDir: string) => Promise<JournalStorePort>;
  readonly repair: (dataDir: string) => Promise<StoreRepairResult>;
};

export function createJournalHolder(dataDir: string, access: JournalAccess): JournalHolder {
  let currentDir = dataDir;
  let opening: Promise<JournalStorePort> | null = null;
  /** What the last open stopped at, when it was damage: answered at once, without reading the log again. */
  let damage: { readonly error: unknown } | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Makes `opened` the store every caller gets. A failed open is tried again next time, unless it was damage. */
  const install = (opened: Promise<JournalStorePort>): Promise<JournalStorePort> => {
    const guarded: Promise<JournalStorePort> = opened.catch((error: unknown) => {
      if (opening === guarded) opening = null;
      if (isJournalDamage(error)) damage = { error };
      throw error;
    });
    opening = guarded;
    return guarded;
  };

  const store = (): Promise<JournalStorePort> => {
    if (opening) return opening;
    if (damage) return Promise.reject(damage.error);
    return install(access.open(currentDir));
  };

  const release = async (): Promise<void> => {
    const current = opening;
    opening = null;
    if (current) await (await current.catch(() => null))?.close?.();
  };

  const exclusive = <T>(task: (store: JournalStorePort) => Promise<T>): Promise<T> => serial(async () => task(await store()));

  return {
    store,
    dataDir: () => currentDir,
    reopen: (next) =>
      serial(async () => {
        let reopened: JournalStorePort;
        try {
          reopened = await access.open(next);
        } catch (error) {
          if (!isJournalDamage(error)) throw error;
          // The trader chose that folder: use it, closed until repaired, rather than refuse the choice.
          await release();
          currentDir = next;
          damage = { error };
          return;
        }
        await release();
        currentDir = next;
        damage = null;
        opening = Promise.resolve(reopened);
      }),
    exclusive,
    health: async () => {
      damage = null;
      try {
        return healthOfStore(await store());
      } catch (error) {
        const health = healthOfOpenError(error);
        if (health === null) throw error;
        return health;
      }
    },
    repair: () =>
      serial(async () => {
        const dir = currentDir;
        const previous = opening;
        const done: { result?: StoreRepairResult } = {};
        damage = null;
        // Installed before it runs, so a channel called meanwhile waits for the repaired journal instead of
        // opening the damaged one (or racing the repair for the writer lock).
        const reopened = install(
          (async () => {
            if (previous) await (await previous.catch(() => null))?.close?.();
            done.result = await access.repair(dir);
            return access.open(dir);
          })(),
        );
        try {
          const repaired = await reopened;
          if (!done.result) throw new Error('the repair gave no result');
          return repairOutcomeOf(done.result, healthOfStore(repaired));
        } catch (error) {
          const health = done.result ? healthOfOpenError(error) : null;
          if (!done.result || health === null) throw error;
          return repairOutcomeOf(done.result, health);
        }
      }),
    close: async () => {
      const current = opening;
      opening = null;
      await queue;
      if (current) await (await current.catch(() => null))?.close?.();
    },
  };
}
