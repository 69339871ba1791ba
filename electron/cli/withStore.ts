import { openJournal, type JournalStore } from '../journal/index.ts';
import type { CliArgs } from './args.ts';

/** Opens the data directory's journal for one command and always releases its lock. */
export async function withStore<T>(args: CliArgs, task: (store: JournalStore) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const store = await openJournal(args.dataDir, options.readOnly ? { readOnly: true } : {});
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}
