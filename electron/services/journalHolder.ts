import type { JournalStorePort } from './ports.ts';

/**
 * The journal store of the current data directory. Changing the data directory in settings reopens it;
 * changes to the staged batch and the journal run one at a time, so a commit never interleaves with an
 * import or an override.
 */
export type JournalHolder = {
  store(): Promise<JournalStorePort>;
  dataDir(): string;
  reopen(dataDir: string): Promise<void>;
  exclusive<T>(task: (store: JournalStorePort) => Promise<T>): Promise<T>;
  /** Releases the store (its lock on the data directory). */
  close(): Promise<void>;
};

export function createJournalHolder(dataDir: string, open: (dataDir: string) => Promise<JournalStorePort>): JournalHolder {
  let currentDir = dataDir;
  let opening: Promise<JournalStorePort> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const store = () => {
    opening ??= open(currentDir).catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };

  const exclusive = <T>(task: (store: JournalStorePort) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => task(await store()));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    store,
    dataDir: () => currentDir,
    reopen: (next) =>
      exclusive(async (previous) => {
        const reopened = await open(next);
        await previous.close?.();
        currentDir = next;
        opening = Promise.resolve(reopened);
      }),
    exclusive,
    close: async () => {
      const current = opening;
      opening = null;
      await queue;
      if (current) await (await current.catch(() => null))?.close?.();
    },
  };
}
